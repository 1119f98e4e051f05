"""Drafting items from an article: the test articles' expected drafts, the forms the
strong drafts take so that their words don't give the answer away, and the first article
measured against its hand-made bank."""

import dataclasses
import re
import sys
from pathlib import Path

import pysbd
import pytest
import yaml

from app import bank, drafting, importing, passages, wording

ARTICLES = Path(__file__).parent / "articles"
EXPECTED = yaml.safe_load((ARTICLES / "expected.yaml").read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parents[1]
RAW = ARTICLES / "buffer-zone-2026.raw.txt"  # the first quiz's page, as saved
SPEECH = re.compile(r"\b(?:said|says|told|added|stressed|warn|according to)\b", re.IGNORECASE)


def strong(drafts):
    """The drafts the drafter is sure enough of to make its own quiz."""
    return [d for d in drafts if d.confidence >= drafting.STRONG]


def first_article():
    """The first article's raw page, cleaned as the import page does, in article.txt's form."""
    raw = RAW.read_text(encoding="utf-8")
    kept = importing.sort_furniture(importing.extract(raw, "txt").paragraphs).kept
    return importing.article_text(kept[0], kept)


def cleaned(name):
    """The test article as the import page leaves it: furniture out, article.txt's form."""
    raw = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    headline, result = importing.clean(importing.extract(raw, "txt"))
    return importing.article_text(headline, result.kept), result.furniture


INVENTED = sorted(n for n, e in EXPECTED.items() if not e.get("regression"))
REGRESSION = sorted(n for n, e in EXPECTED.items() if e.get("regression"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_test_articles_furniture_is_left_out(name):
    _, furniture = cleaned(name)
    assert [f.text for f in furniture] == EXPECTED[name]["furniture"]


@pytest.mark.parametrize("name", INVENTED)
def test_the_invented_articles_give_their_expected_drafts(name):
    article, _ = cleaned(name)
    drafts = drafting.draft(article)
    for want in EXPECTED[name]["drafts"]:
        matches = [
            d
            for d in drafts
            if d.label == want["label"]
            and d.source == want["source"]
            and want["statement"] in d.statement
            and d.cue_type == want.get("cue_type", d.cue_type)
            and (d.confidence >= drafting.STRONG) == want.get("strong", d.confidence >= 0.7)
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
        "article": {"headline": passages.paragraphs(article)[0], "publisher": "P"},
        "items": items,
    }
    problems = []
    quiz = bank.check_quiz("quiz.yaml", data, article, problems)
    assert problems == []
    assert len(quiz.items) == len(drafts)
    assert all(0 < d.confidence <= 1 for d in drafts)
    assert [d.confidence for d in drafts] == sorted((d.confidence for d in drafts), reverse=True)


def test_an_attributed_claim_is_drafted_as_its_content_first():
    claim = drafting.attribution(
        "Analyst Georgi Bovt said on Telegram that Moscow may try to take land."
    )
    assert claim.source == "Analyst Georgi Bovt"
    assert claim.cue == "Analyst Georgi Bovt said on Telegram"
    assert claim.claim == "Moscow may try to take land."
    article = (
        "Headline here\n\nAnalyst Georgi Bovt said on Telegram that Moscow may try to take land.\n"
    )
    content, as_said, said = drafting.draft(article)
    assert (content.statement, content.label, content.cue, content.cue_type) == (
        "Moscow may try to take land.",
        "allegation",
        "may",
        "hedge",
    )
    # The speech verb in a statement that still asserts the claim: an allegation.
    assert (as_said.statement, as_said.label, as_said.cue, as_said.cue_type) == (
        "As analyst Georgi Bovt said on Telegram, Moscow may try to take land.",
        "allegation",
        "Analyst Georgi Bovt said on Telegram",
        "attribution",
    )
    assert "asserts the claim itself, that Moscow may try to take land" in as_said.explanation
    assert "only analyst Georgi Bovt says so" in as_said.explanation
    # The fact that he said it is offered, but not among the strong drafts.
    assert said.statement == (
        "Analyst Georgi Bovt said on Telegram that Moscow may try to take land."
    )
    assert said.label == "fact" and said.confidence < drafting.STRONG
    assert content.confidence > as_said.confidence >= drafting.STRONG
    assert {d.source_type for d in (content, as_said, said)} == {"analyst"}


MANY_CLAIMS = (
    "Bridge opens\n\n"
    "The mayor said that the bridge will open in May.\n\n"
    "The council said that the road cost two million pounds.\n\n"
    "Engineer Ruth Obi said that the bridge is the longest in the county.\n\n"
    "Residents say that traffic has doubled since the spring.\n\n"
    "The police said that no one was hurt in the crash.\n\n"
    "A spokesperson for the builders said that the work is on schedule.\n\n"
    "The ministry claims the bridge cost less than the old ferry.\n\n"
    "Dr Amal Reed said she had tested the steel herself.\n"
)


def test_said_never_marks_the_answer_among_the_strong_drafts():
    """Most strong drafts state content; "X said that Y" facts are few; some allegations carry
    the speech verb ("As X said, Y", "X is right that Y"); the pairs are at most three and
    not all split the same way."""
    drafts = strong(drafting.draft(MANY_CLAIMS))
    said_facts = [d for d in drafts if d.label == "fact" and SPEECH.search(d.statement)]
    as_said = [d for d in drafts if re.match(r"As .+?, ", d.statement)]
    assert 0 < len(said_facts) <= drafting.TEACHING_PAIRS < len(drafts) / 2
    assert as_said and all(d.label == "allegation" for d in as_said)
    assert "The ministry is right that the bridge cost less than the old ferry." in [
        d.statement for d in drafts
    ]
    claims = [d for d in drafts if not re.search(r"\b(?:said|says|right)\b", d.statement)]
    assert len(claims) >= len(drafts) / 3
    pairs = {}
    for d in drafts:
        pairs.setdefault(d.start, []).append(d.label)
    splits = [tuple(sorted(labels)) for labels in pairs.values() if len(labels) > 1]
    assert 0 < len(splits) <= 3 and len(set(splits)) > 1
    # "she" in a claim is the speaker named, when the claim stands as a statement of its own
    assert "Amal Reed had tested the steel herself." in [d.statement for d in drafts]
    # "May" the month is no hedge
    may = [d for d in drafts if d.statement == "The bridge will open in May."]
    assert may and may[0].cue_type == "attribution"


def test_a_claim_that_cannot_stand_alone_gives_the_fact_of_the_saying():
    article = (
        "Headline\n\n"
        "Putin told US President Donald Trump that a drone attack targeted one of his homes.\n\n"
        "Chief of the General Staff Valery Gerasimov said he recently inspected the troops.\n"
    )
    drafts = drafting.draft(article)
    told = [d for d in strong(drafts) if d.cue.startswith("Putin told")]
    assert [d.label for d in told] == ["fact"]
    assert told[0].statement.startswith("Putin told US President Donald Trump that a drone")
    assert drafting.stands_alone("Valery Gerasimov recently inspected the troops.")
    assert not drafting.stands_alone("A drone attack targeted one of his homes.")
    assert not drafting.stands_alone("It’s another thing to attack his house.")
    assert not drafting.stands_alone("I was very angry about it.")
    assert drafting.stands_alone("The US plan would fail.")  # "US" is no "us"
    statements = {d.statement: d.label for d in drafts}
    assert statements["Valery Gerasimov recently inspected the troops."] == "allegation"


@pytest.mark.parametrize(
    ("sentence", "statement", "cue"),
    [
        (
            "Analyst Georgi Bovt said on Telegram that Moscow may try to take land from beyond "
            "the Donbas, made up of the Luhansk and Donetsk regions.",
            "The Donbas is made up of the Luhansk and Donetsk regions.",
            "made up of",
        ),
        (
            "This could include ‘the entirety of the Zaporizhzhia and Kherson regions’, so far "
            "only partly occupied by Russian forces, Bovt said.",
            "The Zaporizhzhia and Kherson regions are so far only partly occupied by Russian "
            "forces.",
            "occupied by",
        ),
        (
            "Gerasimov said he inspected the troops, the Russian state-owned news agency RIA "
            "Novosti reported.",
            "RIA Novosti is a Russian state-owned news agency.",
            "Russian state-owned news agency",
        ),
        (
            "This would have been only hours after Ukrainian leader Volodymyr Zelensky met with "
            "Trump at Mar-a-Lago in Florida.",
            "Ukrainian leader Volodymyr Zelensky met with Trump at Mar-a-Lago in Florida.",
            "Ukrainian leader Volodymyr Zelensky",
        ),
    ],
)
def test_facts_in_the_articles_own_voice_are_drafted_as_content(sentence, statement, cue):
    """Background given in passing, and the event a sentence dates something by: strong
    facts with no speech verb, reported in the article's own voice."""
    drafts = strong(drafting.draft(f"Headline\n\n{sentence}\n"))
    found = [d for d in drafts if d.statement == statement]
    assert found and found[0].label == "fact"
    assert (found[0].cue, found[0].cue_type, found[0].source_type) == (cue, "none", "reporter")
    # the content of the claim leaves the background to its own draft
    assert not any(d.statement.endswith("Donetsk regions.") and d.label != "fact" for d in drafts)


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
    said_on = [d for d in drafts if d.statement.startswith("Zelensky said on X that Russia")]
    assert said_on and said_on[0].quote == run_on[0].quote
    # "One said" is no one named: the drafts say so rather than guess a speaker.
    one = [d for d in drafts if d.cue == "One said"]
    assert {d.source for d in one} == {"One person quoted"} and len(one) == 2
    dismissed = [d for d in drafts if d.cue == "Zelensky brushed off"]
    assert dismissed[0].statement == (
        "Zelensky brushed off the claim as nothing more than typical Russian lies."
    )
    # a quotation in the speaker's own voice stays an allegation, never "He said that I…"
    article = (
        "Headline\n\nTrump said: ‘It is not the right time for it.\n\n‘I was angry about it.’\n"
    )
    angry = [d for d in drafting.draft(article) if "angry" in d.statement]
    assert [(d.statement, d.label) for d in angry] == [("I was angry about it.", "allegation")]


def draft_eval():
    sys.path.insert(0, str(ROOT / "bench"))
    import draft_eval

    return draft_eval


def test_the_regression_set_meets_the_floors_of_recall_and_precision():
    """Issue 14's floors on the articles pasted the way real copy comes: per kind, recall
    and precision at confidence 0.7 or more, no strong draft that is not a sentence."""
    figures = draft_eval().regression_figures(EXPECTED)
    assert len(figures["articles"]) == len(REGRESSION) >= 8
    for label, (found, required, right, sure) in figures["kinds"].items():
        assert required and found / required >= 0.8, label
        assert sure and right / sure >= 0.9, label
    assert not any(r["not_sentences"] for r in figures["articles"].values())
    sure = [v for low, _, verdicts in figures["bands"] if low >= drafting.STRONG for v in verdicts]
    assert sure.count("right") / len(sure) >= 0.9


def test_draft_eval_judges_each_draft_against_the_list():
    de = draft_eval()
    entry = {
        "label": "allegation",
        "source": ["The mayor", "Mayor Ann Lee"],
        "statement": "the bridge had cracked",
    }
    said = drafting.Draft(
        "As the mayor said, the bridge had cracked.",
        "allegation",
        "q",
        "e",
        "c",
        "attribution",
        "Mayor Ann Lee",
        "x",
        0.85,
    )
    assert de.matches(said, entry)
    assert not de.matches(dataclasses.replace(said, source="The council"), entry)
    flipped = dataclasses.replace(said, label="fact", statement="The bridge had cracked.")
    stray = dataclasses.replace(said, statement="The pool will close.")
    weak_only = {**entry, "strong": False}
    verdicts = [v for _, v in de.judged([said, flipped, stray], [entry])]
    assert verdicts == ["right", "wrong kind", "unlisted"]
    assert [v for _, v in de.judged([said], [weak_only])] == ["misplaced"]


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


def test_the_first_articles_strong_drafts_dont_give_their_answers_away():
    """The check of docs/content-guide.md on the drafts the drafter would accept: no rule
    on the words alone and no word-count classifier labels more than 65% of them right (nor the
    classifier under 35%); a learner who spots "said" does no better than chance."""
    drafts = strong(drafting.draft(first_article()))
    items = [
        {"id": f"d{n}", "statement": d.statement, "label": d.label} for n, d in enumerate(drafts)
    ]
    report = wording.wording_report(items)
    assert report.total >= wording.CLASSIFIER_MIN_ITEMS
    assert report.passed, report.problems
    assert all(s.score <= wording.LEAK_LIMIT for s in report.rules)
    assert wording.TWIN_LIMIT <= report.classifier.score <= wording.LEAK_LIMIT
    assert 0.35 <= report.facts / report.total <= 0.65
    said_facts = [d for d in drafts if d.label == "fact" and SPEECH.search(d.statement)]
    said_allegations = [d for d in drafts if d.label == "allegation" and SPEECH.search(d.statement)]
    assert len(said_facts) < len(drafts) / 3
    assert len(said_allegations) >= 3


def test_draft_eval_prints_the_accepted_drafts_wording_shortcut(capsys, monkeypatch):
    sys.path.insert(0, str(ROOT / "bench"))
    import draft_eval

    monkeypatch.setattr(sys, "argv", ["draft_eval.py"])
    assert draft_eval.main() == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("Wording shortcut (accepted"))
    assert "speech verb → fact" in line and "word-count classifier" in line
    assert "majority baseline" in line and "limit 65%" in line
    assert all(int(n) <= 65 for n in re.findall(r"(\d+)%", line.split(";")[0]))
    for name in draft_eval.INVENTED:
        assert f"  {name}: speech verb → fact" in out


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


def test_sentences_are_found_where_pysbd_finds_them():
    """The drafter locates pysbd's sentences itself, each after the one before (pysbd
    looks for each from the start: seconds over "a?a?a?…"), with the same spans."""
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    texts = [first_article(), *(p.read_text(encoding="utf-8") for p in ARTICLES.glob("*.txt"))]
    texts.append("Dr. Smith said so. “Yes.” He left at 5 p.m. on Jan. 5. ‘Why?’ she asked. A. B.")
    for text in texts:
        for paragraph in passages.paragraphs(text):
            spans = [(s.start, s.sent) for s in segmenter.segment(paragraph)]
            assert drafting._sentence_spans(paragraph) == spans


# The claim patterns before a run of commas and quote marks was tried only from its start.
UNBOUNDED = {
    "TRAILING": rf"^(?P<claim>.{{8,}}?)[,’'”\"]+\s+"
    r"(?P<subject>[^,]{2,80}?(?:,\s+[^,]{2,60}?,)?)\s+"
    rf"(?:(?:has|have|had)\s+)?(?P<verb>{drafting.REPORTING})(?P<where>\s+[\w ]{{0,50}})?"
    r"[.!]?[’'”\"]?$",
    "INVERTED": r"^(?P<claim>[‘“\"'].{8,}?[,’”\"']+)\s+(?P<verb>said|says|added|told reporters)\s+"
    r"(?P<subject>[^‘“]{2,80}?)[.!]?$",
}


@pytest.mark.parametrize("name", UNBOUNDED)
def test_the_claim_patterns_match_as_they_did_before_runs_were_bounded(name):
    before = re.compile(UNBOUNDED[name], re.DOTALL)
    texts = [first_article(), *(p.read_text(encoding="utf-8") for p in ARTICLES.glob("*.txt"))]
    sentences = [s.text for text in texts for s in drafting.sentences(text)]
    sentences += [
        "“Go now,” said Ann.",
        "“It is a lie,’” said the mayor.",
        "St. win,” per Smith Paul said: 3.5 B. added.",
        "“Yes, yes,,,” he said.",
        "'Aaaaaaa'', said Ann.",
        "The plan will fail,’” the minister said today.",
        "“We won,”’ added the coach.",
    ]
    for sentence in sentences:
        old, new = before.match(sentence), getattr(drafting, name).match(sentence)
        assert (old and old.groupdict()) == (new and new.groupdict()), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "These preposterous claims about the dam have no basis at all, the minister said.",
        "The claims of a second drone over the valley were never checked by anyone.",
    ],
)
def test_claims_after_a_determiner_or_adjective_is_the_noun_not_the_verb(sentence):
    claim = drafting.attribution(sentence)
    assert claim is None or (claim.source, claim.verb) == ("The minister", "said")
    drafts = drafting.draft(f"Headline\n\n{sentence}\n")
    assert not any(d.source.startswith(("These", "The claims")) for d in drafts)


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        (
            "The mayor said that last Thursday that the bridge had cracked in two places.",
            "The mayor said last Thursday that the bridge had cracked in two places.",
        ),
        (
            "The mayor said on Tuesday that the bridge had cracked in two places.",
            "The mayor said on Tuesday that the bridge had cracked in two places.",
        ),
    ],
)
def test_a_leading_time_phrase_goes_with_the_verb_not_the_claim(sentence, said):
    assert drafting.attribution(sentence).claim == "The bridge had cracked in two places."
    statements = {d.statement for d in drafting.draft(f"Headline\n\n{sentence}\n")}
    assert said in statements
    assert not any("that the bridge" in s for s in statements - {said})


def test_a_capital_after_said_that_is_lower_case_unless_it_is_a_name():
    article = (
        "Headline\n\n"
        "The head said that Pupils will wear coats in class from Monday next week.\n\n"
        "The mayor said that Such cuts would close the pool by the end of the year.\n\n"
        "Parents said that Greenvale Council had never asked the pupils what they want.\n\n"
        "Ms Ortiz said that NATO planes flew over the school on three nights in June.\n"
    )
    statements = {d.statement for d in drafting.draft(article)}
    assert "The head said that pupils will wear coats in class from Monday next week." in (
        statements
    )
    assert "The mayor said that such cuts would close the pool by the end of the year." in (
        statements
    )
    assert any(s.startswith("Parents said that Greenvale Council") for s in statements)
    assert any(s.startswith("Ms Ortiz said that NATO planes") for s in statements)


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge had cracked in two places, the mayor said, according to the local paper.",
        "According to the local paper, the mayor said that the bridge had cracked in two places.",
        "The local paper quoted the mayor as saying that the bridge had cracked in two places.",
        "The local paper quoted the mayor as saying the bridge had cracked in two places.",
    ],
)
def test_the_speaker_is_credited_not_the_one_who_reports_them(sentence):
    claim = drafting.attribution(sentence)
    assert (claim.source, claim.claim) == ("The mayor", "The bridge had cracked in two places.")
    drafts = drafting.draft(f"Headline\n\n{sentence}\n")
    assert not any(d.source == "The article, in its own voice" for d in drafts)
    assert all(d.cue in sentence for d in drafts)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("No drone had crossed the border at any point, said the ministry.", "The ministry"),
        ("Two more drones were shot down over the dam, reported the daily.", "The daily"),
        ("No drone had crossed the border at any point, the statement read.", "The statement"),
    ],
)
def test_a_verb_before_its_subject_still_names_the_speaker(sentence, source):
    claim = drafting.attribution(sentence)
    assert claim.source == source
    assert claim.claim == sentence.split(",")[0] + "."
    drafts = drafting.draft(f"Headline\n\n{sentence}\n")
    assert {d.source for d in drafts} == {source}
    assert all(d.cue in sentence for d in drafts)


def test_a_reporting_cue_the_drafter_cannot_read_gives_no_fact_in_the_articles_own_voice():
    sentence = "Two officers were quoted by the paper as saying the drone had come from the east."
    assert drafting.attribution(sentence) is None
    drafts = drafting.draft(f"Headline\n\n{sentence}\n")
    assert not any(
        d.source == "The article, in its own voice" and d.label == "fact" for d in drafts
    )


def test_a_draft_that_is_not_a_full_sentence_is_weak_and_no_clause_is_cut_short():
    fragment = "Any operation conducted by the security forces in the valley last week."
    drafts = drafting.draft(
        f"Headline\n\nOfficials said that {fragment[0].lower()}{fragment[1:]}\n"
    )
    assert drafts and all(d.confidence < drafting.NOT_A_SENTENCE for d in drafts)
    assert not drafting.full_sentence(fragment)
    assert drafting.full_sentence("Four people died and 20 others were injured.")
    long_one = (
        "Officials said that after the strike on the crowded market in the old town on Friday "
        "four people died and 20 others, most of them children, were injured in the blast."
    )
    statements = [d.statement for d in drafting.draft(f"Headline\n\n{long_one}\n")]
    assert not any(s.endswith("20 others.") for s in statements)
    assert any(s.endswith("were injured in the blast.") for s in statements)


def test_claims_after_its_subject_is_still_the_verb():
    for sentence in (
        "The minister claims, in a letter to the paper, that the dam was never hit.",
        "The minister claims in a letter that the dam was never hit by a drone.",
    ):
        claim = drafting.attribution(sentence)
        assert (claim.source, claim.verb) == ("The minister", "claims")


def statements(text, strong_only=False):
    """The drafts of an article of one paragraph: {statement: (label, source, confidence)}."""
    drafts = drafting.draft(f"Headline\n\n{text}\n")
    return {
        d.statement: (d.label, d.source, d.confidence)
        for d in drafts
        if d.confidence >= drafting.STRONG or not strong_only
    }


@pytest.mark.parametrize(
    "dateline",
    ["ISLAMABAD (NNA) - ", "MOSCOW, March 12 (Reuters) — ", "PORTLAND, Maine — ", "CAIRO: "],
)
def test_a_datelines_place_and_agency_are_in_no_statement(dateline):
    found = statements(f"{dateline}Work at the dam was halted for six hours, two officials said.")
    assert "Work at the dam was halted for six hours." in found
    assert not any(dateline.strip(" -—:") in s for s in found)
    quote = drafting.draft(f"Headline\n\n{dateline}Work at the dam was halted, officials said.\n")
    assert all(d.quote.startswith("Work at the dam") for d in quote)


def test_two_clauses_said_together_are_two_claims():
    found = statements(
        "A spokesman said the dam had not been damaged and that the turbines were restarted."
    )
    assert found["The dam had not been damaged."][:2] == ("allegation", "A spokesman")
    assert any(s.endswith("the turbines were restarted.") for s in found)
    assert not any("and that" in s for s in found)


@pytest.mark.parametrize(
    ("sentence", "source", "claim"),
    [
        (
            "Local residents told reporters they had heard a buzzing noise for 20 minutes.",
            "Local residents",
            "They had heard a buzzing noise for 20 minutes.",
        ),
        (
            "A military official told a press briefing that no drone had crossed the border.",
            "A military official",
            "No drone had crossed the border.",
        ),
        (
            "The drone left the area before police arrived, according to a statement from the "
            "district administration.",
            "A statement from the district administration",
            "The drone left the area before police arrived.",
        ),
        (
            "A spokeswoman said only that the design was still being reviewed by engineers.",
            "A spokeswoman",
            "The design was still being reviewed by engineers.",
        ),
        (
            "Environmental groups welcomed the plan but said the council should stop building.",
            "Environmental groups",
            "The council should stop building.",
        ),
        (
            "Two car parks will close for a month from Monday, the borough council has said.",
            "The borough council",
            "Two car parks will close for a month from Monday.",
        ),
        (
            "The newspaper, citing two people familiar with the project, said the cost had "
            "risen to 480 billion roubles.",
            "The newspaper",
            "The cost had risen to 480 billion roubles.",
        ),
        (
            "Ms Ortiz, the deputy mayor of Leeds, said the bridge had cracked in two places.",
            "Ms Ortiz",
            "The bridge had cracked in two places.",
        ),
        (
            "“These claims are meant to distract from our failures,” the foreign ministry said "
            "in a statement issued late on Friday.",
            "The foreign ministry",
            "These claims are meant to distract from our failures.",
        ),
        (
            "“We have seen no evidence of any aircraft,” the statement read.",
            "The statement",
            "We have seen no evidence of any aircraft.",
        ),
        (
            "“The drink is the best way to lower cholesterol,” said the company in a statement.",
            "The company",
            "The drink is the best way to lower cholesterol.",
        ),
        (
            "A study published in the journal Nutrition found that adults who drank it had "
            "lower cholesterol.",
            "A study published in the journal Nutrition",
            "Adults who drank it had lower cholesterol.",
        ),
    ],
)
def test_attribution_as_real_copy_writes_it(sentence, source, claim):
    found = drafting.attribution(sentence)
    assert (found.source, found.claim) == (source, claim)


def test_no_one_having_said_it_is_the_articles_own_fact():
    for sentence in (
        "No group has said it flew the drone over the dam.",
        "The council has not said whether parking charges will rise.",
        "A spokesperson for the foundation declined to comment on the findings.",
    ):
        found = statements(sentence)
        assert found[sentence] == ("fact", "The article, in its own voice", 0.75)
        assert len(found) == 1, found


def test_a_speakers_word_on_what_they_dont_know_or_stand_by_is_only_a_saying():
    found = statements(
        "A military official spoke to reporters on Monday. He said he could not confirm "
        "whether any aircraft had flown near the border."
    )
    said = (
        "A military official said that he could not confirm whether any aircraft had flown "
        "near the border."
    )
    assert found[said][0] == "fact" and found[said][2] >= drafting.STRONG
    assert not any(label == "allegation" for label, _, _ in found.values())
    found = statements("The newspaper said it stood by its story about the crossing.")
    assert not any(label == "allegation" and c >= drafting.STRONG for label, _, c in found.values())
    found = statements("The researchers cautioned that the study was small, with 140 volunteers.")
    assert not any(label == "allegation" for label, _, _ in found.values())


def test_a_denial_and_an_accusation_are_drafted_as_what_they_are():
    found = statements(
        "The trade ministry on Wednesday denied a newspaper report that the crossing would "
        "close to lorries from next month."
    )
    denied = (
        "The trade ministry denied a newspaper report that the crossing would close to lorries "
        "from next month."
    )
    assert found[denied][:2] == ("fact", "The trade ministry")
    claim = "The crossing would close to lorries from next month."
    assert found[claim][:2] == ("allegation", "A newspaper report")
    found = statements(
        "Northland accused Southmark on Sunday of flying a drone into its airspace, a charge "
        "Southmark rejected."
    )
    assert list(found) == [
        "Northland accused Southmark on Sunday of flying a drone into its airspace."
    ]
    found = statements("Mr Harrow denies the charge of arson.")
    assert found == {
        "Mr Harrow denies the charge of arson.": ("fact", "The article, in its own voice", 0.75)
    }


def test_an_attribution_set_inside_the_claim_credits_the_right_speaker():
    found = statements("Southmark has not, as its army said, lost any aircraft in the area.")
    assert found["As Southmark’s army said, Southmark has not lost any aircraft in the area."][
        :2
    ] == (
        "allegation",
        "Southmark’s army",
    )
    assert not any(source == "Its army" for _, source, _ in found.values())


def test_a_quotation_in_the_first_person_keeps_its_marks_in_the_fact():
    found = statements("Cllr Helen Marsh said: 'We know this will be hard for shoppers.'")
    assert found["Cllr Helen Marsh said: “We know this will be hard for shoppers.”"][0] == "fact"
    assert not any("said that we" in s for s in found)


def test_pronouns_are_the_speaker_when_the_article_names_them_else_the_draft_is_weaker():
    found = statements("Hauliers' groups said they had received no notice of any change.")
    assert found["Hauliers' groups had received no notice of any change."][:2] == (
        "allegation",
        "Hauliers' groups",
    )
    found = statements(
        "The company said the drink was safe. Dr Marta Eklund was not involved in the study. "
        "She said the drop in cholesterol was too small to matter for most patients."
    )
    assert any(source == "Dr Marta Eklund" for _, source, _ in found.values())
    drafts = drafting.draft(
        "Headline\n\nThe study was long. The researchers cautioned that it did not show "
        "whether the drink reduced the risk of heart disease.\n"
    )
    said = next(d for d in drafts if d.statement.startswith("The researchers cautioned that it"))
    assert said.confidence < drafting.STRONG and "“it” points back" in said.explanation


def test_apostrophes_and_capitals_read_as_the_article_writes_them():
    found = statements(
        "The national teachers' union has called off a strike planned for next week after "
        "the ministry offered more."
    )
    assert any("teachers' union" in s for s in found)
    found = statements("Four people died when debris fell on a market, the town's hospital said.")
    assert "The town's hospital said that four people died when debris fell on a market." in found
    found = statements("Sales of oat drinks rose by 18 per cent, according to the association.")
    assert any(s.startswith("As the association said, sales of") for s in found) or any(
        "said that sales of" in s for s in found
    )


def test_a_sentence_going_on_with_what_a_report_said_is_still_the_reports():
    found = statements(
        "According to the report, construction could start in 2027. The first trains would "
        "run three years later."
    )
    later = [v for s, v in found.items() if "three years later" in s]
    assert ("allegation", "The report", 0.9) in later
    assert not any(source == "The article, in its own voice" for _, source, _ in later)
    found = statements(
        "His lawyer said he was at home. Judge Helen Marsh ruled that the trial would go "
        "ahead in September."
    )
    ruled = "Judge Helen Marsh ruled that the trial would go ahead in September."
    assert found[ruled][:2] == ("fact", "The article, in its own voice")


def test_a_quotation_with_a_long_attribution_after_it_is_its_own_speakers():
    """Not the last speaker's: "…," said X, a spokesperson for Y, in an emailed statement."""
    found = statements(
        "Ms Callender added that the council had hidden the report from councillors. "
        "The council denied this. “No report has been withheld from any member,” said Gareth "
        "Pennock, a spokesperson for the council's regeneration department, in an emailed "
        "statement."
    )
    withheld = {s: v for s, v in found.items() if "withheld" in s}
    assert withheld and {source for _, source, _ in withheld.values()} == {"Gareth Pennock"}
    assert not any("said Gareth" in s for s in found)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "But Frank Ostrowski, president of the Drayburn Anglers Club, said members had "
            "counted more than 600 dead trout.",
            "Frank Ostrowski",
        ),
        (
            "Police were told by church elders that Vance had refused to let an accountant in.",
            "Church elders",
        ),
        (
            "The church's pastor, the Rev. Calvin Hobbs, told reporters that the congregation "
            "felt betrayed.",
            None,
        ),
    ],
)
def test_the_speaker_is_the_person_not_their_title_nor_the_one_told(sentence, source):
    claim = drafting.attribution(sentence)
    assert claim.source == (source or "The Rev. Calvin Hobbs")


def test_passive_reporting_has_no_speaker_and_hedges_what_follows():
    assert drafting.attribution("It was reported last month that the firm had donated.") is None
    found = statements("It was reported last month that Brightwater Homes had donated to him.")
    assert found["Brightwater Homes had donated to him."][:2] == (
        "allegation",
        "The article, in its own voice",
    )
    found = statements("The sale is expected to be completed by March 2025.")
    assert found["The sale is expected to be completed by March 2025."][0] == "allegation"


def test_he_or_she_after_a_name_set_off_by_commas_is_that_person():
    found = statements(
        "St Bride's Primary closed four rooms. The school's headteacher, Martin Hale, rejected "
        "the account. He said the school had reported the damp to the council in July."
    )
    sources = {v[1] for s, v in found.items() if "reported the damp" in s}
    assert sources == {"Martin Hale"}


def test_records_are_evidence_and_a_short_aside_is_no_quiz_item():
    found = statements(
        "According to county records, the church's annual budget was about $400,000."
    )
    assert found["The church's annual budget was about $400,000."] == (
        "fact",
        "County records",
        0.75,
    )
    found = statements("Most residents back the plan. But not everyone is opposed.")
    assert found["Not everyone is opposed."][2] < drafting.STRONG


def test_a_source_type_comes_from_the_role_not_a_word_in_it():
    assert drafting.guess_source_type("A union leader") == "party-official"
    assert drafting.guess_source_type("President of the Drayburn Rotary Club") == "party-official"
    assert drafting.guess_source_type("US President Donald Trump") == "head-of-state"
    assert drafting.guess_source_type("Ukrainian leader Volodymyr Zelensky") == "head-of-state"
    assert drafting.guess_source_type("Parents at a primary school") == "witness"
    article = "Head\n\nDr Sunil Batra, a respiratory consultant at the hospital, said it was so.\n"
    assert drafting.source_type_in(article, "Dr Sunil Batra") == "analyst"


def test_forms_found_in_the_last_held_out_batch():
    # A speaker between the claim's two parts, the title the segmenter cut off, "and said".
    claim = drafting.attribution(
        "Schedules had been “adjusted,” he said, but overall coverage was unchanged.",
        last_person="Harold Grissom",
    )
    assert (claim.source, claim.claim) == ("Harold Grissom", "Schedules had been adjusted.")
    found = statements(
        "Officers found several shell casings on the pavement, police spokesperson Lt. Dana "
        "Whitfield said at a news conference Saturday morning."
    )
    assert any(s.endswith("officers found several shell casings on the pavement.") for s in found)
    assert not any(s.endswith("that at a news conference Saturday morning.") for s in found)
    found = statements(
        "Priya Chandran claimed the council had let the building rot, and said a survey in "
        "2021 had found the roof sound."
    )
    assert not any("and said" in s for s in found)
    assert any("a survey in 2021 had found the roof sound" in s for s in found)
    # "Its authors said…": whose authors, the sentence alone doesn't say.
    found = statements("Its authors said that the study was the largest of its kind.")
    assert all(c < drafting.STRONG for _, _, c in found.values())
    assert drafting.guess_source_type("Opposition leader Priya Chandran") == "party-official"
    claim = drafting.attribution(
        "People who walk may be less likely to fall ill, according to a large study published "
        "on Thursday."
    )
    assert claim.source == "A large study"


def test_forms_found_in_a_fifth_held_out_batch():
    # The reporter's aside after a claim is neither the claim nor its speaker's.
    found = statements(
        "The interior minister said Wednesday that violent crime had fallen by a third, a "
        "claim the opposition called fiction and that official statistics do not support."
    )
    assert "Violent crime had fallen by a third." in found
    assert not any("statistics do not support" in s for s in found)
    # "he said" after a name with initials is that person's.
    found = statements(
        "Council leader Margaret O'Dell said the council would not pay more. The general "
        "secretary of the union, D.K. Okafor, has told the BBC that drivers work long shifts. "
        "“These are not the conditions of a safe network,” he said."
    )
    network = {v[1] for s, v in found.items() if "safe network" in s}
    assert network == {"D.K. Okafor"}
    # What was not verified is the article's own fact; a schedule is no hedge.
    found = statements(
        "Norvane did not publish test data, and its claims could not be independently "
        "verified by Reuters. The strike is due to end at 04:00 on Thursday."
    )
    assert {v[0] for v in found.values()} == {"fact"}
    # "the Rovers manager, Tom Hadley, said after the match"; "Gov. Martin Silas of
    # Northern Province, a member of Varga's party, said"
    claim = drafting.attribution(
        "“We'll know more after the scan,” the Rovers manager, Tom Hadley, said after the match."
    )
    assert claim.source == "Tom Hadley"
    found = statements(
        "Gov. Martin Silas of Northern Province, a member of Varga's party, said he had not "
        "been consulted about the mergers."
    )
    assert "Martin Silas had not been consulted about the mergers." in found
    # "Norvane, which employs about 1,400 people, reported a net loss…": a company's result.
    found = statements("Norvane, which employs about 1,400 people, reported a net loss last year.")
    assert "Norvane reported a net loss last year." in found
    # A dateline in any case with its agency; a claim that points at nothing.
    found = statements("Kodagiri (Sarvanthi), Jul 14 (PTN) At least 23 people died, police said.")
    assert "At least 23 people died." in found
    assert not drafting.stands_alone("The union knows that.")
    found = statements("Hadley said he would not put a timescale on it after the match.")
    assert not any(label == "allegation" and c >= drafting.STRONG for label, _, c in found.values())
