"""The cached language profiles give langdetect's own answers, to the last bit."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit import langprofiles

PARAGRAPHS = (
    "Pemerintah akan menaikkan harga bahan bakar minggu depan, kata menteri itu kepada wartawan.",
    "El gobierno subirá el precio del combustible la próxima semana, dijo el ministro ayer.",
    "The government will raise fuel prices next week, the minister told reporters on Monday.",
)


def _probabilities(factory) -> list[list[tuple[str, float]]]:  # type: ignore[no-untyped-def]
    factory.set_seed(0)
    found = []
    for text in PARAGRAPHS:
        detector = factory.create()
        detector.append(text)
        found.append([(p.lang, p.prob) for p in detector.get_probabilities()])
    return found


def test_cached_profiles_answer_as_langdetect_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(tmp_path))
    plain = DetectorFactory()
    plain.load_profile(PROFILES_DIRECTORY)
    first = langprofiles.load_factory()  # loads the profiles and writes the cache
    written = list(tmp_path.glob("langdetect-*.sqlite"))
    assert len(written) == 1
    cached = langprofiles.load_factory()  # reads the cache
    assert isinstance(cached.word_lang_prob_map, langprofiles.ProfileTable)
    assert cached.langlist == plain.langlist
    expected = _probabilities(plain)
    assert _probabilities(first) == expected
    assert _probabilities(cached) == expected
    assert expected[0][0][0] == "id" and expected[2][0][0] == "en"


def test_an_unwritable_cache_falls_back_to_langdetect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(blocked / "cache"))
    factory = langprofiles.load_factory()
    assert isinstance(factory.word_lang_prob_map, dict)
    assert _probabilities(factory)[0][0][0] == "id"
