"""Configuration: precedence, severity overrides, per-file ignores, locale, lexicons, bad values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.cli import app
from audit.config import ConfigError, load_settings, parse_lang

LAKH = "Crowds gather\n\nAbout 1 lakh people came, and 1,00,000 left.\n"
UNGROUPED = "Crowds gather\n\nThe siege lasted 1080 days.\n"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _rules(*args: str) -> list[tuple[str, str]]:
    code, out, err = _run("check", "-f", "jsonl", "--fail-on", "never", *args)
    assert code == 0, err
    return [(row["rule"], row["severity"]) for row in map(json.loads, out.splitlines())]


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "lakh.txt").write_text(LAKH, encoding="utf-8")
    (tmp_path / "news" / "siege.txt").write_text(UNGROUPED, encoding="utf-8")
    return tmp_path


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_mtaudit_toml_takes_a_bare_table_or_a_tool_mtaudit_table(desk: Path) -> None:
    _write(desk / "mtaudit.toml", 'ignore = ["MT101"]\n')
    assert _rules("news/lakh.txt") == [("MT102", "warning")]
    _write(desk / "mtaudit.toml", '[tool.mtaudit]\nignore = ["MT102"]\n')
    assert _rules("news/lakh.txt") == [("MT101", "warning")]


def test_precedence_flags_over_nearest_file_over_defaults(desk: Path) -> None:
    _write(desk / "pyproject.toml", '[tool.mtaudit]\nignore = ["MT101"]\n')
    assert _rules("news/lakh.txt") == [("MT102", "warning")]
    # mtaudit.toml beside it wins over pyproject.toml, and a nearer folder's file over both.
    _write(desk / "mtaudit.toml", 'ignore = ["MT102"]\n')
    assert _rules("news/lakh.txt") == [("MT101", "warning")]
    assert _rules("--ignore", "MT1", "news/lakh.txt") == []
    assert _rules("--isolated", "news/lakh.txt") == [("MT101", "warning"), ("MT102", "warning")]


def test_severity_overrides_replace_the_rules_own(desk: Path) -> None:
    _write(desk / "mtaudit.toml", '[severity]\nMT104 = "info"\nMT101 = "error"\n')
    assert _rules("news/siege.txt") == [("MT104", "info")]
    assert ("MT101", "error") in _rules("news/lakh.txt")
    code, _, _ = _run("check", "--fail-on", "warning", "news/siege.txt")
    assert code == 0


def test_per_file_ignores_apply_to_the_files_their_glob_matches(desk: Path) -> None:
    (desk / "news" / "india").mkdir()
    _write(desk / "news" / "india" / "delhi.txt", LAKH)
    _write(desk / "mtaudit.toml", '[per-file-ignores]\n"news/india/**" = ["MT101", "MT102"]\n')
    assert _rules("news/india/delhi.txt") == []
    assert len(_rules("news/lakh.txt")) == 2


def test_locale_en_in_turns_off_south_asian_numbering_rules(desk: Path) -> None:
    _write(desk / "mtaudit.toml", 'locale = "en-IN"\n')
    assert _rules("news/lakh.txt") == []
    assert _rules("news/siege.txt") == [("MT104", "warning")]


@pytest.mark.parametrize("lang", ["en-IN", "en_IN", "en-in"])
def test_lang_with_a_region_is_a_language_plus_a_locale(desk: Path, lang: str) -> None:
    assert _rules("--lang", lang, "news/lakh.txt") == []
    assert parse_lang(lang) == ("en", "en-IN")


def test_a_lang_that_is_not_a_language_code_is_a_usage_error(desk: Path) -> None:
    for lang in ("english", "xx", "en-"):
        code, _, err = _run("check", "--lang", lang, "news/lakh.txt")
        assert code == 2
        assert err.startswith("mtaudit: --lang: ") and len(err.splitlines()) == 1


def test_exclude_and_include_globs(desk: Path) -> None:
    (desk / "news" / "drafts").mkdir()
    _write(desk / "news" / "drafts" / "wip.txt", LAKH)
    _write(desk / "mtaudit.toml", 'exclude = ["drafts"]\n')
    code, out, _ = _run("check", "-f", "jsonl", "news")
    assert {json.loads(r)["path"] for r in out.splitlines()} == {"news/lakh.txt", "news/siege.txt"}
    code, out, _ = _run("check", "-f", "jsonl", "--exclude", "siege.txt", "news")
    assert {json.loads(r)["path"] for r in out.splitlines()} == {"news/lakh.txt"}
    _write(desk / "mtaudit.toml", 'include = ["news/siege.*"]\n')
    code, out, _ = _run("check", "-f", "jsonl", "news")
    assert code == 0  # MT104 is a warning
    assert {json.loads(r)["path"] for r in out.splitlines()} == {"news/siege.txt"}


def test_newsroom_lexicons_extend_the_shipped_ones(desk: Path) -> None:
    _write(
        desk / "house-furniture.tsv",
        "# phrase\tmatch\tkind\nSubscribe to the Daily Bugle\tline\tpromotion\n",
    )
    _write(
        desk / "house-calques.tsv",
        "did the inauguration of\tinaugurated\twarning\tany\t\ta literal rendering\n",
    )
    _write(
        desk / "mtaudit.toml",
        '[options]\nfurniture-lexicons = ["house-furniture.tsv"]\n'
        'calque-lexicons = ["hi-en", "house-calques.tsv"]\n',
    )
    _write(
        desk / "news" / "bugle.txt",
        "Bridge opens\n\nThe minister did the inauguration of the bridge.\n\n"
        "Subscribe to the Daily Bugle\n",
    )
    assert [r for r, _ in _rules("news/bugle.txt")] == ["MT701", "MT301"]


BAD_VALUES = [
    ('[options]\nfields = "target"\n', "'options.fields' must be a table"),
    ('[options]\nlow-agreement-chrf = "abc"\n', "'options.low-agreement-chrf' must be a number"),
    ('[options]\nlength-ratio-z = "x"\n', "'options.length-ratio-z' must be a number above 0"),
    ('[options]\ncalque-lexicons = ["xx-yy"]\n', "no calque lexicon 'xx-yy'"),
    ('[options]\ncalque-lexicons = "hi-en"\n', "'options.calque-lexicons' must be a list"),
    ('[options]\nfurniture-lexicons = ["missing.tsv"]\n', "no lexicon file 'missing.tsv'"),
    ("[options]\nlength-ratio = 3\n", "unknown rule option 'options.length-ratio'"),
    ("colour = 'red'\n", "unknown setting 'colour'"),
    ('[severity]\nMT999 = "info"\n', "unknown rule code 'MT999'"),
    ('[severity]\nMT101 = "fatal"\n', "'severity.MT101' must be one of error, warning, info"),
    ('[per-file-ignores]\n"news/**" = ["MT9X"]\n', "no rule matches 'MT9X'"),
    ('select = ["MT2", "nonsense"]\n', "no rule matches 'nonsense'"),
    ('exclude = ["nowhere/**"]\n', "globs that match no file"),
    ('lang = "klingon"\n', "'lang': 'klingon' is not a language code"),
    ("jobs = true\n", "'jobs' must be a whole number"),
]


@pytest.mark.parametrize(("config", "expected"), BAD_VALUES)
def test_every_wrong_value_is_one_line_naming_file_key_and_expectation(
    desk: Path, config: str, expected: str
) -> None:
    _write(desk / "mtaudit.toml", config)
    code, out, err = _run("check", "news")
    assert code == 2
    assert out == ""
    assert err.startswith(f"mtaudit: {desk / 'mtaudit.toml'}: ")
    assert expected in err
    assert len(err.splitlines()) == 1


def test_a_malformed_lexicon_line_is_a_usage_error(desk: Path) -> None:
    _write(desk / "house.tsv", "did the inauguration of\tinaugurated\twarning\tsometimes\n")
    _write(desk / "mtaudit.toml", '[options]\ncalque-lexicons = ["house.tsv"]\n')
    code, _, err = _run("check", "news")
    assert code == 2 and "'options.calque-lexicons'" in err and "malformed line" in err


def test_mtaudit_config_prints_merged_values_and_their_origin(desk: Path) -> None:
    _write(
        desk / "mtaudit.toml", 'fail-on = "warning"\nlocale = "en-IN"\n[severity]\nMT104 = "info"\n'
    )
    code, out, _ = _run("config")
    assert code == 0
    path = desk / "mtaudit.toml"
    assert f"# configuration file: {path}" in out
    assert f'fail-on = "warning"  # {path}' in out
    assert "jobs = 1  # default" in out
    assert f'[tool.mtaudit.severity]  # {path}\nMT104 = "info"' in out
    assert "locale en-IN turns off: MT101, MT102" in out


def test_mtaudit_config_output_is_itself_a_valid_configuration(desk: Path) -> None:
    _write(
        desk / "mtaudit.toml",
        '[tool.mtaudit]\nignore = ["MT2"]\n[tool.mtaudit.options]\nlength-ratio-z = 2.5\n',
    )
    _, out, _ = _run("config")
    copy = desk / "copy" / "mtaudit.toml"
    copy.parent.mkdir()
    _write(copy, out)
    settings = load_settings(copy)
    assert settings.ignore == ("MT2",) and settings.rule_options == {"length-ratio-z": 2.5}


def test_load_settings_rejects_a_non_table_tool_mtaudit(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    _write(path, '[tool]\nmtaudit = "yes"\n')
    with pytest.raises(ConfigError, match="must be a table"):
        load_settings(path)
