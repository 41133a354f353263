"""The HTML report, rendered in headless Chromium: findings marked in place, hostile text inert,
filters working. Skips only where no Chromium can be had."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine")

HOSTILE = (
    "Markup left in a feed\n"
    "\n"
    'The page said <script>document.title = "executed"</script> and showed '
    "<img src=\"x\" onerror=\"document.body.setAttribute('data-executed', 'yes')\"> and "
    "<a href=\"javascript:document.title='clicked'\">a link</a>. and then stopped.\n"
)
FLOODS = "Floods close the hill road\n\nOfficials said 2 lakh people were moved from the valley.\n"
RECORDS = (
    '{"id": "w-1", "target": "Rescuers reached the village. and found it empty.", '
    '"system": "engine-a"}\n'
    '{"id": "w-2", "target": "The bridge reopened on Monday after repairs.", '
    '"system": "engine-b"}\n'
)


class _Dom(HTMLParser):
    """Articles, their marks and finding items, and the page's title, from a dumped DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: dict[str, dict[str, object]] = {}
        self.current: str | None = None
        self.in_mark = 0
        self.in_title = False
        self.title = ""
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.body: dict[str, str | None] = {}
        self.shown = ""
        self.in_shown = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.elements.append((tag, named))
        if tag == "body":
            self.body = named
        if tag == "title":
            self.in_title = True
        if tag == "article":
            self.current = str(named["id"])
            self.articles[self.current] = {
                "hidden": "hidden" in named,
                "group": named.get("data-group"),
                "marks": [],
                "dim": [],
                "items": [],
                "text": "",
            }
        if tag == "mark" and self.current:
            self.in_mark += 1
            article = self.articles[self.current]
            article["marks"].append("")  # type: ignore[union-attr]
            article["dim"].append("dim" in (named.get("class") or ""))  # type: ignore[union-attr]
        if tag == "li" and self.current:
            self.articles[self.current]["items"].append(  # type: ignore[union-attr]
                (named.get("data-rule"), named.get("data-severity"), "hidden" in named)
            )
        if tag == "span" and named.get("id") == "shown":
            self.in_shown = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self.in_mark:
            self.in_mark -= 1
        if tag == "article":
            self.current = None
        if tag == "title":
            self.in_title = False
        if tag == "span":
            self.in_shown = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        if self.in_shown:
            self.shown += data
        if self.current:
            article = self.articles[self.current]
            article["text"] += data  # type: ignore[operator]
            if self.in_mark:
                article["marks"][-1] += data  # type: ignore[index]


def dump_dom(report: Path, fragment: str = "") -> _Dom:
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--dump-dom",
                report.resolve().as_uri() + fragment,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if result.returncode != 0 or "<html" not in result.stdout:
        pytest.skip(f"Chromium could not render the page: {result.stderr.strip()[:200]}")
    dom = _Dom()
    dom.feed(result.stdout)
    return dom


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    from conftest import ROOT, mtaudit_command

    folder = tmp_path_factory.mktemp("html-report")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "floods.txt").write_text(FLOODS, encoding="utf-8")
    (folder / "wires.jsonl").write_text(RECORDS, encoding="utf-8")
    inputs = [str(folder / name) for name in ("hostile.txt", "floods.txt", "wires.jsonl")]
    page = folder / "report.html"
    run = subprocess.run(
        [*mtaudit_command(), "check", *inputs, "-o", str(page), "--group-by", "system"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    findings = subprocess.run(
        [*mtaudit_command(), "check", *inputs, "-f", "jsonl"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    ).stdout
    return page, [json.loads(line) for line in findings.splitlines()]


def _article(dom: _Dom, needle: str) -> dict[str, object]:
    (found,) = [a for a in dom.articles.values() if needle in str(a["text"])]
    return found


def test_the_page_needs_no_network(report: tuple[Path, list[dict[str, object]]]) -> None:
    page = report[0].read_text(encoding="utf-8")
    assert (
        "http://" not in page
        and "https://" not in page
        and "src=" not in page.split("<h2>Articles</h2>")[0]
    )


def test_every_finding_is_highlighted_in_place(
    report: tuple[Path, list[dict[str, object]]],
) -> None:
    page, findings = report
    dom = dump_dom(page)
    assert "articles shown" in dom.shown  # the page's own script ran
    marked = " ".join(m for a in dom.articles.values() for m in a["marks"])  # type: ignore[union-attr]
    for finding in findings:
        assert finding["excerpt"] in marked
    items = sum(len(a["items"]) for a in dom.articles.values())  # type: ignore[arg-type]
    assert items == len(findings)


def test_worst_articles_come_first(report: tuple[Path, list[dict[str, object]]]) -> None:
    dom = dump_dom(report[0])
    order = [str(a["text"]).strip().split("\n")[0] for a in dom.articles.values()]
    assert "[w-1]" in order[0]  # one error in nine words: the densest
    assert "[w-2]" in order[-1]  # no finding at all


def test_hostile_markup_shows_as_text_and_never_runs(
    report: tuple[Path, list[dict[str, object]]],
) -> None:
    dom = dump_dom(report[0])
    assert dom.title == "mtaudit report"
    assert "data-executed" not in dom.body
    article = _article(dom, "Markup left in a feed")
    text = str(article["text"])
    assert '<script>document.title = "executed"</script>' in text
    assert '<img src="x" onerror=' in text and 'href="javascript:' in text
    assert not any(tag == "img" for tag, _ in dom.elements)
    scripts = [attrs for tag, attrs in dom.elements if tag == "script"]
    assert len(scripts) == 1  # the page's own
    assert not any(
        (attrs.get("href") or "").startswith("javascript:") for tag, attrs in dom.elements
    )


def test_rule_filter_from_the_url(report: tuple[Path, list[dict[str, object]]]) -> None:
    dom = dump_dom(report[0], "#rule=MT101")
    floods = _article(dom, "Floods close the hill road")
    hostile = _article(dom, "Markup left in a feed")
    assert not floods["hidden"] and hostile["hidden"]
    assert all(hidden == (rule != "MT101") for rule, _, hidden in floods["items"])  # type: ignore[union-attr]
    assert "1 articles shown" in dom.shown


def test_severity_and_group_filters(report: tuple[Path, list[dict[str, object]]]) -> None:
    dom = dump_dom(report[0], "#severity=error&group=engine-a")
    visible = [a for a in dom.articles.values() if not a["hidden"]]
    assert [a["group"] for a in visible] == ["engine-a"]
    (article,) = visible
    assert all(severity == "error" for _, severity, hidden in article["items"] if not hidden)  # type: ignore[union-attr]
