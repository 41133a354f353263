"""Start-up: a command imports and compiles what it needs when it needs it.

Times are measured in ``benchmarks/``, never here; these tests check the structure that keeps
start-up short, in fresh interpreters: which modules a command has loaded when it is done, and
that no regular expression is compiled before a rule uses it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from audit.lazy import LazyPattern, lazy_compile

ROOT = Path(__file__).resolve().parent.parent

# Heavy dependencies, the readers of formats other than plain text, and what only a reference
# (the aligner) or a baseline file needs.
HEAVY = (
    "sacrebleu",
    "langdetect",
    "nltk",
    "numpy",
    "markdown_it",
    "pydantic",
    "sqlite3",
    "audit.readers.markdown",
    "audit.readers.html",
    "audit.readers.xliff",
    "audit.readers.tmx",
    "audit.reporters.html_report",
    "audit.reporters.junit",
    "audit.reporters.sarif",
    "audit.scoring",
    "audit.alignment",
    "audit.filters.baseline",
)


def loaded_after(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; report the modules of HEAVY it left loaded, how many
    lazy patterns the modules still hold as stand-ins and how many of those were compiled, the
    compiled patterns the modules hold by name, and whether the rule catalogue was imported."""
    probe = textwrap.dedent(
        f"""
        import json, re, sys
        {textwrap.indent(textwrap.dedent(code), "        ").strip()}
        from audit.lazy import LazyPattern
        patterns = compiled = 0
        eager = []
        for name, module in list(sys.modules.items()):
            if name.startswith("audit"):
                for key, value in list(vars(module).items()):
                    if isinstance(value, LazyPattern):
                        patterns += 1
                        compiled += value.compiled
                    elif isinstance(value, re.Pattern):
                        eager.append(f"{{name}}.{{key}}")
        print(json.dumps({{
            "heavy": sorted(m for m in {HEAVY!r} if m in sys.modules),
            "patterns": patterns,
            "compiled": compiled,
            "eager": sorted(eager),
            "rules": "audit.rules" in sys.modules,
        }}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def run_cli(*args: str) -> str:
    """Code that runs ``mtaudit ARGS`` in-process, as the console script does."""
    return f"""
        import contextlib, io
        sys.argv = ["mtaudit", *{list(args)!r}]
        from audit.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                main()
            except SystemExit:
                pass
    """


def test_importing_the_command_line_loads_no_heavy_dependency() -> None:
    found = loaded_after("import audit.cli")
    assert found["heavy"] == []


def test_version_loads_no_rule_and_no_heavy_dependency() -> None:
    found = loaded_after(run_cli("--version"))
    assert found["heavy"] == []
    assert not found["rules"]


def test_the_rule_catalogue_compiles_no_pattern() -> None:
    code = """
        from audit.rules import all_rules, find_rule
        from audit.cli import rules_markdown
        assert len(all_rules()) > 40 and find_rule("MT201") is not None
        rules_markdown()
    """
    found = loaded_after(code)
    assert found["patterns"] > 40  # every rule module is loaded…
    assert found["compiled"] == 0  # …and none of its patterns compiled
    assert found["eager"] == []
    assert found["heavy"] == []


def test_checking_a_plain_article_loads_only_what_it_uses(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Budget passes\n\nThe council approved the budget on Monday. It funds two bridges.\n",
        encoding="utf-8",
    )
    found = loaded_after(run_cli("check", "--fail-on", "never", str(article)))
    # None of them loads for a short English article with no reference and no source (pydantic
    # neither: typer is held below 0.29, which converts every option value through it).
    assert found["heavy"] == []
    # The rules compiled the patterns they used: those are no longer stand-ins in their modules.
    catalogue = loaded_after("import audit.rules")
    assert 0 < found["patterns"] < catalogue["patterns"]


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    source = r"(?P<word>[A-Z]\w+)\s+(?P<number>\d[\d,]*)"
    lazy = LazyPattern(source, re.IGNORECASE, {})
    eager = re.compile(source, re.IGNORECASE)
    text = "Rs 1,20,000 and crore 5 then lakh 7"
    assert not lazy.compiled
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.compiled
    assert lazy.sub("<\\g<number>>", text) == eager.sub("<\\g<number>>", text)
    assert lazy.groupindex == eager.groupindex and lazy.flags == eager.flags
    assert lazy.pattern == source


PATTERN = lazy_compile(r"\d+")
HELD = (lazy_compile(r"[a-z]+"),)


def test_the_compiled_pattern_replaces_the_stand_in_in_its_module() -> None:
    module = sys.modules[__name__]
    stand_in = vars(module)["PATTERN"]
    if isinstance(stand_in, LazyPattern):  # not yet used in this run
        assert stand_in.search("a 42").group() == "42"
    assert isinstance(vars(module)["PATTERN"], re.Pattern)
    # A pattern the module holds inside another value stays a stand-in, and still works.
    assert HELD[0].findall("ab 1 cd") == ["ab", "cd"]
    assert isinstance(HELD[0], LazyPattern)


def test_typer_reads_the_command_annotations_as_objects() -> None:
    # As strings (``from __future__ import annotations``) typer would parse every one of them
    # again at each start to build the commands.
    from audit import cli

    commands = [cli.check, cli.fix, cli.list_rules, cli.explain, cli.score, cli.evaluate_command]
    for command in commands:
        assert command.__annotations__
        assert not [a for a in command.__annotations__.values() if isinstance(a, str)]


def run_probe(code: str) -> dict[str, object]:
    """Run ``code`` (which prints one JSON line last) in a fresh interpreter; its answer."""
    probe = "import json, sys\n" + textwrap.dedent(code)
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_punkt_loads_without_nltks_network_and_pickle_modules() -> None:
    found = run_probe(
        """
        from audit.document import sentence_tokenizer
        text = "Mr. Lee arrived at 9 a.m. on Monday. He left."
        spans = list(sentence_tokenizer().span_tokenize(text))
        print(json.dumps({
            "spans": spans,
            "nltk": sorted(m for m in sys.modules if m == "nltk" or m.startswith("nltk.")),
            "network": sorted(m for m in ("ssl", "http.client", "urllib.request", "pickle")
                              if m in sys.modules),
        }))
        """
    )
    assert found["spans"] == [[0, 36], [37, 45]]
    assert found["nltk"] == []  # so a later `import nltk` loads the whole package as usual
    assert found["network"] == []


def test_a_deferred_nltk_function_reaches_the_real_module() -> None:
    # Bound when Punkt loaded, called only afterwards: the call loads nltk's real guard, which
    # rejects a path with a NUL byte exactly as it does when called directly.
    found = run_probe(
        """
        from audit.document import _punkt
        punkt = _punkt()
        assert "nltk" not in sys.modules
        def outcome(function):
            try:
                function("bad\\x00path", context="probe")
            except Exception as error:
                return [type(error).__module__, type(error).__name__, str(error)]
            return None
        deferred = outcome(punkt.validate_path)
        import nltk.pathsec
        print(json.dumps({"deferred": deferred, "real": outcome(nltk.pathsec.validate_path)}))
        """
    )
    assert found["real"] is not None
    assert found["deferred"] == found["real"]


def test_punkt_loads_with_the_whole_package_when_its_stand_ins_do_not_suffice() -> None:
    # A version of nltk whose Punkt called a deferred module while loading (here: its pattern
    # guard, which Punkt calls at once) must still get Punkt, loaded the usual way.
    found = run_probe(
        """
        import audit.document as document
        document._DEFERRED_MODULES = (*document._DEFERRED_MODULES, "nltk.redos")
        punkt = document._punkt()
        tokenizer = punkt.PunktSentenceTokenizer()
        print(json.dumps({
            "spans": list(tokenizer.span_tokenize("It rained. We stayed in.")),
            "whole": "nltk.probability" in sys.modules and "nltk.corpus" in sys.modules,
        }))
        """
    )
    assert found["spans"] == [[0, 10], [11, 24]]
    assert found["whole"]


def test_punkt_loaded_from_many_threads_at_once_works_in_each() -> None:
    found = run_probe(
        """
        import threading
        from audit.document import _punkt
        go = threading.Barrier(8)
        spans = []
        def load():
            go.wait()
            punkt = _punkt()
            tokenizer = punkt.PunktSentenceTokenizer()
            spans.append(list(tokenizer.span_tokenize("It rained. We stayed in.")))
        threads = [threading.Thread(target=load) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(json.dumps({
            "spans": spans,
            "nltk": sorted(m for m in sys.modules if m == "nltk" or m.startswith("nltk.")),
        }))
        """
    )
    assert found["spans"] == [[[0, 10], [11, 24]]] * 8
    assert found["nltk"] == []
