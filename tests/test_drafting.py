"""Drafting items from an article: the test articles' expected drafts, and the first
article measured against its hand-made bank."""

import sys
from pathlib import Path

import pytest
import yaml

from app import bank, drafting, importing

ARTICLES = Path(__file__).parent / "articles"
EXPECTED = yaml.safe_load((ARTICLES / "expected.yaml").read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parents[1]
RAW = ARTICLES / "buffer-zone-2026.raw.txt"  # a copy of ../shared/articles/


def cleaned(name):
    """The test article as the import page leaves it: furniture out, article.txt's form."""
    raw = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    result = importing.sort_furniture(importing.extract(raw, "txt").paragraphs)
    return importing.article_text(result.kept[0], result.kept), result.furniture


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_test_articles_give_their_expected_drafts(name):
    article, furniture = cleaned(name)
    assert [f.text for f in furniture] == EXPECTED[name]["furniture"]
    drafts = drafting.draft(article)
    for want in EXPECTED[name]["drafts"]:
        matches = [
            d
            for d in drafts
            if d.label == want["label"]
            and d.source == want["source"]
            and want["statement"] in d.statement
            and d.cue_type == want.get("cue_type", d.cue_type)
        ]
        assert matches, f"no draft like {want} among {[d.statement for d in drafts]}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_draft_passes_the_banks_checks(name):
    """Quote verbatim in the article, cue inside the quote, known types, no empty field."""
    article, _ = cleaned(name)
    drafts = drafting.draft(article)
    assert drafts
    items = [
        {"id": f"d{n}", **{k: getattr(d, k) for k in bank.ITEM_FIELDS if k != "id"}}
        for n, d in enumerate(drafts)
    ]
    data = {
        "title": "T",
        "article": {"headline": bank.paragraphs(article)[0], "publisher": "P"},
        "items": items,
    }
    problems = []
    quiz = bank.check_quiz("quiz.yaml", data, article, problems)
    assert problems == []
    assert len(quiz.items) == len(drafts)
    assert all(0 < d.confidence <= 1 for d in drafts)
    assert [d.confidence for d in drafts] == sorted((d.confidence for d in drafts), reverse=True)


def test_an_attributed_claim_gives_the_pair_the_content_guide_asks_for():
    claim = drafting.attribution(
        "Analyst Georgi Bovt said on Telegram that Moscow may try to take land."
    )
    assert claim.source == "Analyst Georgi Bovt"
    assert claim.cue == "Analyst Georgi Bovt said on Telegram"
    assert claim.claim == "Moscow may try to take land."
    article = (
        "Headline here\n\nAnalyst Georgi Bovt said on Telegram that Moscow may try to take land.\n"
    )
    fact, allegation = sorted(drafting.draft(article), key=lambda d: d.label != "fact")
    assert (
        fact.statement == "Analyst Georgi Bovt said on Telegram that Moscow may try to take land."
    )
    assert (allegation.statement, allegation.cue, allegation.cue_type) == (
        "Moscow may try to take land.",
        "may",
        "hedge",
    )
    assert fact.source_type == allegation.source_type == "analyst"


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "The Russian president has ordered a zone, Moscow’s top general said today.",
            "Moscow’s top general",
        ),
        ("Yet experts warn that the claim will be used by the Kremlin.", "Experts"),
        ("According to the team’s teacher, Mr Patel, the filter costs five dollars.", "Mr Patel"),
        (
            "“It is the cheapest filter,” said one of the students, Lena Brooks.",
            "Lena Brooks",
        ),
        ("A builder, who asked not to be named, said the work was slow and late.", "A builder"),
    ],
)
def test_who_speaks_is_found_wherever_the_sentence_puts_them(sentence, source):
    assert drafting.attribution(sentence).source == source


@pytest.mark.parametrize(
    "sentence",
    [
        "The judges did not say how many entries they received.",
        "Workers replaced 400 square metres of roofing and fixed two skylights.",
        "The stretch is widely seen as nothing more than a land-grab.",
    ],
)
def test_a_sentence_in_the_articles_own_voice_has_no_speaker(sentence):
    assert drafting.attribution(sentence) is None


def test_a_pronoun_speaker_is_the_last_named_one_and_quotes_run_on():
    article = (
        "Headline here\n\n"
        "Zelensky brushed off the claim as nothing more than ‘typical Russian lies’.\n\n"
        "He said on X: ‘Ukraine does not take steps that undermine diplomacy.\n\n"
        "‘Russia always takes such steps, every single week.’\n\n"
        "One said: ‘There was no noise that night, no explosions, nothing.’\n"
    )
    drafts = drafting.draft(article)
    on_x = [d for d in drafts if d.cue == "He said on X"]
    assert {d.source for d in on_x} == {"Zelensky"}
    run_on = [
        d for d in drafts if d.statement == "Russia always takes such steps, every single week."
    ]
    assert run_on and run_on[0].label == "allegation"
    assert run_on[0].quote.startswith("He said on X:")
    # "One said" is no one named: the drafts say so rather than guess a speaker.
    one = [d for d in drafts if d.cue == "One said"]
    assert {d.source for d in one} == {"One person quoted"} and len(one) == 2
    dismissed = [d for d in drafts if d.cue == "Zelensky brushed off"]
    assert dismissed[0].statement == (
        "Zelensky brushed off the claim as nothing more than typical Russian lies."
    )


def test_the_first_article_meets_the_coverage_target_and_never_quotes_furniture():
    sys.path.insert(0, str(ROOT / "bench"))
    import draft_eval

    figures = draft_eval.evaluate(
        RAW.read_text(encoding="utf-8"), bank.read_folder(ROOT / "questions/buffer-zone-2026")
    )
    assert figures["covered"] / figures["target_sentences"] >= 0.8
    assert figures["drafts_quoting_furniture"] == 0
    assert figures["furniture_caught"] == figures["furniture_lines"] == 11
    assert figures["label_agreed"] / figures["hand_items"] >= 0.8


def test_sentences_keep_abbreviations_and_quotations_whole_and_know_their_place():
    article = (
        "Head\n\n"
        "Dr. Smith said the U.S. plan would fail by Jan. 5. Mr. Jones disagreed strongly.\n\n"
        "She told reporters: “It will not work. Nobody wants it.” The mayor left early.\n"
    )
    found = drafting.sentences(article)
    assert [s.text for s in found] == [
        "Dr. Smith said the U.S. plan would fail by Jan. 5.",
        "Mr. Jones disagreed strongly.",
        "She told reporters: “It will not work. Nobody wants it.”",
        "The mayor left early.",
    ]
    assert all(article[s.start : s.end] == s.text for s in found)
    assert [s.paragraph for s in found] == [1, 1, 2, 2]


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        (
            "Russia alleges Kyiv bombed one of Putin’s hide-outs, the Kremlin said.",
            "speaker: Russia; attribution “said”; loaded verb “alleges”",
        ),
        (
            "Analysts say it lacks any clear-cut evidence, with no drone activity recorded.",
            "speaker: Analysts; attribution “say”; evidence “lacks any clear-cut evidence”; "
            "evidence “recorded”",
        ),
        ("Moscow may try to take land.", "hedge “may”"),
        ("Workers replaced the roof.", "none: the article's own voice"),
    ],
)
def test_signals_name_the_words_that_carry_them(text, summary):
    assert drafting.signals(text).summary() == summary
