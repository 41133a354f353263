"""Numbers across scripts and numbering systems, and when a translation keeps or changes them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from audit.numbers import digits_to_ascii, english_quantities, figures, missing_quantities

# source, translation, whether the translation keeps every number of the source
VERDICTS = [
    # Hindi: Devanagari digits, लाख and करोड़
    ("सरकार ने ५ लाख रुपये दिए।", "The government gave 500,000 rupees.", True),
    ("सरकार ने ५ लाख रुपये दिए।", "The government gave 5 lakh rupees.", True),
    ("सरकार ने ५ लाख रुपये दिए।", "The government gave 50,000 rupees.", False),
    ("योजना पर २ करोड़ रुपये खर्च होंगे।", "The scheme will cost 20 million rupees.", True),
    ("योजना पर २ करोड़ रुपये खर्च होंगे।", "The scheme will cost Rs 2 crore.", True),
    ("योजना पर २ करोड़ रुपये खर्च होंगे।", "The scheme will cost 2 million rupees.", False),
    ("१.५ लाख लोग पहुंचे।", "About 150,000 people came.", True),
    ("३,५०० जवान तैनात हैं।", "3,500 soldiers are deployed.", True),
    ("३,५०० जवान तैनात हैं।", "5,300 soldiers are deployed.", False),
    ("मैच १५ अगस्त को होगा।", "The match is on August 15.", True),
    ("१२ हज़ार लोग", "twelve thousand people", True),
    # Chinese: 万, 亿, full-width digits, dates
    ("今年共有1.2亿人次出行。", "There were 120 million trips this year.", True),
    ("今年共有1.2亿人次出行。", "There were 1.2 billion trips this year.", False),
    ("营收３５万元。", "Revenue was 350,000 yuan.", True),
    ("营收３５万元。", "Revenue was 35,000 yuan.", False),
    ("缺口达500多万。", "The gap is more than 5 million.", True),
    ("总额1亿2000万元。", "The total is 120 million yuan.", True),
    ("2023年5月10日举行。", "It was held on May 10, 2023.", True),
    ("2023年5月10日举行。", "It was held on May 11, 2023.", False),
    ("下午15时开始。", "It starts at 3 p.m.", True),
    ("有25人受伤。", "Twenty-five people were injured.", True),
    ("最短持有360天。", "The minimum holding period is 365 days.", False),
    ("80年代他担任厂长。", "In the 1980s he ran the factory.", True),
    ("预计127万至250万人参加。", "Between 1.27 and 2.5 million people are expected.", True),
    ("全长3千米。", "It is 3 kilometres long.", True),
    ("收入约1.53亿元。", "Income was about 150 million yuan.", True),
    # English sources (a Hindi-English news mix): million/billion, lakh/crore
    ("Losses of 1.2 billion were reported.", "Losses of 1,200 million were reported.", True),
    ("1 lakh soldiers", "100,000 soldiers", True),
    ("1 lakh soldiers", "10,000 soldiers", False),
    # A bare 1 is not compared: it often becomes "a"
    ("1名男子被捕。", "A man was arrested.", True),
]


@pytest.mark.parametrize(("source", "target", "kept"), VERDICTS)
def test_number_verdicts_for_hindi_and_chinese_pairs(source: str, target: str, kept: bool) -> None:
    assert (not missing_quantities(source, target)) is kept


def test_changed_lakh_figure_is_a_number_mismatch_naming_both_values() -> None:
    (mismatch,) = missing_quantities("५ लाख रुपये", "5,000 rupees")
    assert mismatch.source.value == Decimal(500_000)
    assert mismatch.found is not None and mismatch.found.text == "5,000"


def test_missing_number_has_no_replacement() -> None:
    (mismatch,) = missing_quantities("有3人受伤。", "People were injured.")
    assert mismatch.source.text == "3" and mismatch.found is None


def test_full_width_and_devanagari_digits_become_ascii_in_place() -> None:
    assert digits_to_ascii("２０２３年，१२३") == "2023年，123"
    assert digits_to_ascii("１，２００") == "1,200"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.2亿", 120_000_000),
        ("5万", 50_000),
        ("1.5万亿", 1_500_000_000_000),
        ("२ करोड़", 20_000_000),
        ("३ लाख", 300_000),
        ("2 lakh crore", 2_000_000_000_000),
        ("1,00,000", 100_000),
        ("3.5 million", 3_500_000),
    ],
)
def test_scale_words_multiply_the_figure(text: str, value: int) -> None:
    (quantity,) = figures(text)
    assert quantity.value == Decimal(value)


def test_english_number_words_ordinals_and_months_count() -> None:
    values = {q.value for q in english_quantities("a dozen of the first twenty-five in May")}
    assert {Decimal(12), Decimal(1), Decimal(25), Decimal(5)} <= values


def test_an_article_alone_is_not_a_number() -> None:
    assert english_quantities("an official said") == []
