"""Time the HTML, XLIFF and TMX readers on hostile markup, at a tenth of the size and whole.

Run: python benchmarks/bench_readers.py

Each input is about 1 MB of markup built to provoke the readers' loops: elements nested or left
open by the thousand, end tags with nothing open, character references, stray ``<`` and ``&``,
unclosed comments, many translation units. The ratio of the two times should stay near 10
(linear); a reader whose time grows faster than its input is a regression to fix.
Nothing here is asserted: speed is measured, not tested.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from audit.readers import html, tmx, xliff


def _xliff(units: int) -> str:
    body = "".join(
        f'<trans-unit id="u{n}"><source>स्रोत {n}</source>'
        f'<target>Target <g id="1">text</g> &amp; more {n}.</target></trans-unit>'
        for n in range(units)
    )
    return f'<xliff version="1.2"><file><body>{body}</body></file></xliff>'


def _tmx(units: int) -> str:
    body = "".join(
        f'<tu tuid="{n}"><tuv xml:lang="hi"><seg>स्रोत</seg></tuv>'
        f'<tuv xml:lang="en"><seg>Text <bpt i="1">&lt;b&gt;</bpt>{n}</seg></tuv></tu>'
        for n in range(units)
    )
    return f'<tmx version="1.4"><header srclang="hi"/><body>{body}</body></tmx>'


def _deep_xliff(depth: int) -> str:
    inner = "<g>" * depth + "deep" + "</g>" * depth
    return (
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>a</source>'
        f"<target>{inner}</target></trans-unit></body></file></xliff>"
    )


# name → (reader, builder of an input of size n); n is scaled so that "whole" is about 1 MB.
CASES: dict[str, tuple[Callable[..., object], Callable[[int], str]]] = {
    "HTML: unclosed divs": (html.read, lambda n: "<div>x " * n),
    "HTML: unmatched end tags": (html.read, lambda n: "<div>" * 1000 + "</span>x" * n),
    "HTML: character references": (html.read, lambda n: "<p>" + "a&#8217;b&amp; " * n),
    "HTML: stray < and &": (html.read, lambda n: "<p>" + "a < b & c " * n),
    "HTML: unclosed comments": (html.read, lambda n: "<p>a</p><!-- " * n),
    "HTML: tags never closed": (html.read, lambda n: "<p>a</p>" + "<a href " * n),
    "HTML: false references": (html.read, lambda n: "<p>a &#; b</p>" * n),
    "HTML: marked sections": (html.read, lambda n: "<![CDATA[ x >" * n),
    "HTML: many paragraphs": (html.read, lambda n: "<p>Short paragraph.</p>\n" * n),
    "HTML: suppression comments": (
        html.read,
        lambda n: "<!-- mtaudit: disable MT101 --><p>1 lakh</p><!-- mtaudit: enable -->" * n,
    ),
    "XLIFF: many units": (xliff.read, lambda n: _xliff(n // 10)),
    "XLIFF: deep inline nesting": (xliff.read, lambda n: _deep_xliff(n // 2)),
    "TMX: many units": (tmx.read, lambda n: _tmx(n // 10)),
}


def _seconds(reader: Callable[..., object], content: str) -> float:
    started = time.perf_counter()
    reader("bench", content, None)
    return time.perf_counter() - started


def main() -> None:
    print(f"{'input':<30} {'chars':>10} {'tenth s':>8} {'whole s':>8} {'ratio':>6}")
    for name, (reader, build) in CASES.items():
        whole = build(100_000)
        tenth = build(10_000)
        small, large = _seconds(reader, tenth), _seconds(reader, whole)
        print(f"{name:<30} {len(whole):>10,} {small:>8.3f} {large:>8.3f} {large / small:>6.1f}")


if __name__ == "__main__":
    main()
