"""Untranslated fragments: foreign paragraphs (langdetect) and the target-language option."""

from __future__ import annotations

from collections.abc import Callable

from audit import audit_text

ENGLISH = (
    "The government will raise fuel prices next week, the minister said on Monday, "
    "adding that the subsidy for farmers would stay in place until the end of the year."
)
INDONESIAN = (
    "Pemerintah akan menaikkan harga bahan bakar minggu depan, kata menteri itu pada hari "
    "Senin, dan subsidi untuk petani tetap berlaku sampai akhir tahun ini."
)
SPANISH = (
    "El gobierno subirá los precios del combustible la próxima semana, dijo el ministro el "
    "lunes, y añadió que el subsidio para los agricultores seguirá vigente hasta fin de año."
)
NAMES = (
    "Xi Jinping met Vladimir Putin, Recep Tayyip Erdoğan, Narendra Modi, Luiz Inácio Lula da "
    "Silva and Cyril Ramaphosa in Johannesburg on Tuesday, and Wang Yi joined them later."
)


def _spans(text: str, code: str = "MT502", lang: str = "en") -> list[str]:
    return [text[f.start : f.end] for f in audit_text(text, select=[code], lang=lang)]


def test_paragraph_in_another_language_is_flagged_whole() -> None:
    text = f"{ENGLISH}\n\n{INDONESIAN}\n\n{SPANISH}"
    assert _spans(text) == [INDONESIAN, SPANISH]


def test_english_with_foreign_names_is_never_sent_to_the_detector(monkeypatch) -> None:
    from audit.rules import untranslated

    def refuse(text: str) -> None:
        raise AssertionError(f"langdetect consulted on English text: {text[:40]}")

    monkeypatch.setattr(untranslated, "_detect", refuse)
    assert _spans(f"{ENGLISH}\n\n{NAMES}\n\nTrump Says Xi, Putin, Modi To Meet In Delhi") == []


def test_short_paragraphs_are_not_guessed_at() -> None:
    assert _spans("Gracias por todo, amigos.\n\nMerci beaucoup à tous.") == []


def test_target_language_option_flags_english_in_a_spanish_target() -> None:
    text = f"{SPANISH}\n\n{ENGLISH}"
    assert _spans(text, lang="es") == [ENGLISH]


def test_target_language_makes_its_own_script_native() -> None:
    text = "Президент заявил, что переговоры продолжатся."
    assert _spans(text, "MT501", lang="ru") == []
    assert _spans(text, "MT501", lang="en") != []


def test_detection_is_the_same_in_every_process(
    mtaudit: Callable[..., object],
) -> None:
    text = f"{ENGLISH}\n\n{INDONESIAN}\n"
    runs = [mtaudit("check", "-", "--select", "MT502", "-f", "jsonl", stdin=text) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout  # type: ignore[attr-defined]
    assert '"MT502"' in runs[0].stdout  # type: ignore[attr-defined]


def test_each_scripts_code_point_ranges_are_its_character_class() -> None:
    # MT501 tests a document's characters against code-point ranges instead of compiling each
    # script's character class: the two must agree on every character of the first two planes.
    import re

    from audit.rules.untranslated import _SCRIPT_RANGES, _SCRIPTS, _has_letter_in

    everything = "".join(map(chr, range(0x20000)))
    for (key, _, chars, _), ranges in zip(_SCRIPTS, _SCRIPT_RANGES, strict=True):
        in_class = {m.start() for m in re.finditer(f"[{chars}]", everything)}
        in_ranges = {c for low, high in ranges for c in range(low, high + 1)}
        assert in_class == in_ranges, key
        assert _has_letter_in([min(in_class)], ranges)
        assert not _has_letter_in([min(in_class) - 1, 0x41], ranges)
