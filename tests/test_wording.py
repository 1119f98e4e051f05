"""Can a quiz be passed without reading? app/wording.py on small hand-made banks, and the
`questions check` command on a folder built to leak."""

from types import SimpleNamespace

import pytest
import yaml

from app import wording
from app.wording import wording_report


def bank(*rows):
    """quiz.yaml items from (id, statement, label) rows."""
    return [{"id": i, "statement": s, "label": label} for i, s, label in rows]


# Figures worked out by hand.
#
# Rules (→ the label when the signal fires, else the other):
#   speech verb → fact: fires on police, officials (right) and dam (wrong); of the rest,
#     floodwater and rain are facts (wrong), roads, builders, storm allegations (right): 5/8.
#   hedge word → allegation: fires on roads, builders (right); of the rest, the four facts
#     are right and dam, storm wrong: 6/8 = 75%, over the limit.
#   quotation marks → fact: fires on dam only (wrong); roads, builders, storm right: 3/8.
#   number → fact: fires on floodwater (right) and storm (wrong); roads, builders, dam: 4/8.
#
# Classifier, leave-one-out: with no prior, compare the products over the held-out
# statement's words seen in training of (count in the class + 1) / (class's words +
# vocabulary); words never seen are skipped, and a tie goes to the training majority.
#   held out     words seen (fact, allegation counts)       denominators  guess
#   police F     said (0,1), roads (0,1)                     49, 59        1/49² < 2²/59²: A
#   officials F  officials (0,1)                             46, 57        1/46 < 2/57: A
#   floodwater F none: a tie, training has 4 A to 3 F        -             A
#   rain F       none: likewise                              -             A
#   roads A      roads (1,0)                                 54, 55        2/54 > 1/55: F
#   builders A   none: a tie, training has 4 F to 3 A        -             F
#   dam A        officials, said (1,0); the, was (0,1)       53, 50        4/53⁴ < 4/50⁴: A
#   storm A      was, the (0,1)                              51, 48        1/51² < 2²/48²: A
# Right: dam and storm, 2 of 8 (25%): shown, but not judged under 20 items.
FLOOD = bank(
    ("police", "Police said roads were shut.", "fact"),
    ("officials", "Officials told residents to stay home.", "fact"),
    ("floodwater", "Floodwater reached 3 metres.", "fact"),
    ("rain", "Rain fell all night.", "fact"),
    ("roads", "Roads may never reopen.", "allegation"),
    ("builders", "Builders allegedly cut corners.", "allegation"),
    ("dam", "As officials said, the dam was 'perfectly safe'.", "allegation"),
    ("storm", "This storm was the worst in 100 years.", "allegation"),
)

# The pattern docs/content-guide.md warns about: every fact attributed, every allegation bare.
LEAKING = bank(
    ("mayor-said", "The mayor said the bridge is unsafe.", "fact"),
    ("bridge-unsafe", "The bridge is unsafe.", "allegation"),
    ("engineers-reported", "Engineers reported cracks in two pillars.", "fact"),
    ("lorries", "The cracks were caused by heavy lorries.", "allegation"),
    ("council-cost", "According to the council, repairs will cost a lot.", "fact"),
    ("repairs-year", "Repairs will take a year.", "allegation"),
    ("contractor-told", "The contractor told reporters the work was done properly.", "fact"),
    ("corners", "The contractor cut corners on the work.", "allegation"),
)

# As the guide asks: a fact in the article's own voice, an allegation with a speech verb.
PASSING = bank(
    ("bridge-closed", "The bridge closed on Monday.", "fact"),
    ("mayor-said", "The mayor said the bridge is unsafe.", "fact"),
    ("cracks-found", "Engineers found cracks in two pillars.", "fact"),
    ("repairs-could", "Repairs could start next week, the council said.", "fact"),
    ("as-mayor-said", "As the mayor said, the bridge is unsafe.", "allegation"),
    ("lorries", "The cracks were caused by heavy lorries.", "allegation"),
    ("missed-cracks", "Engineers may have missed the cracks for years.", "allegation"),
    ("corners", "The contractor cut corners.", "allegation"),
)

# Ten pairs that differ only in their endings: each statement's twin, with the opposite
# label, is in the training set whenever it is held out.
PAIRS = (
    ("Ferries stopped running", "after the storm", "because of the strike"),
    ("Fishing boats stayed in harbour", "all week", "to avoid the new tax"),
    ("Prices at the market rose", "sharply", "because traders colluded"),
    ("Schools shut their doors", "early", "early to save money"),
    ("The river burst its banks", "on Tuesday", "because the dam was neglected"),
    ("Trains ran late", "all morning", "because of sabotage"),
    ("The council cut bus routes", "in the north", "to punish northern voters"),
    ("The factory closed", "last year", "after bribes went unpaid"),
    ("Crowds gathered in the square", "at noon", "for cash from the opposition"),
    ("The power failed", "across the city", "because of hackers"),
)
TWINS = bank(
    *(
        (f"{n}-{label}", f"{subject} {ending}.", label)
        for n, (subject, fact, allegation) in enumerate(PAIRS)
        for label, ending in (("fact", fact), ("allegation", allegation))
    )
)


def figures(report):
    """{rule or classifier name: (right, total)}."""
    return {s.name: (s.right, s.total) for s in [*report.rules, report.classifier]}


def test_figures_worked_out_by_hand():
    report = wording_report(FLOOD)
    assert (report.total, report.facts, report.baseline) == (8, 4, 0.5)
    assert figures(report) == {
        "speech verb → fact": (5, 8),
        "hedge word → allegation": (6, 8),
        "quotation marks → fact": (3, 8),
        "number → fact": (4, 8),
        "word-count classifier": (2, 8),
    }
    speech, hedge, quotes, number = report.rules
    assert (speech.score, speech.leaking, speech.missed) == (
        0.625,
        ["police", "officials"],
        ["floodwater", "rain", "dam"],
    )
    assert (hedge.leaking, quotes.leaking, number.leaking) == (
        ["roads", "builders"],
        [],
        ["floodwater"],
    )
    assert report.classifier.leaking == ["dam", "storm"]
    # Too small for the classifier to be judged; the hedge rule is.
    assert report.problems == [
        "hedge word → allegation labels 6 of 8 right "
        "(75%, over the 65% limit; majority baseline 50%): items roads, builders"
    ]
    assert not report.passed


def test_a_bank_built_to_leak_fails_naming_the_rule_and_items():
    report = wording_report(LEAKING)
    assert not report.passed
    assert report.problems == [
        "speech verb → fact labels 8 of 8 right (100%, over the 65% limit; majority "
        "baseline 50%): items mayor-said, engineers-reported, council-cost, contractor-told"
    ]
    [plain] = wording.plain_problems(report)
    assert plain.startswith("speech verb → fact: a learner who answers “fact” whenever")
    assert "gets 100% right without reading the article" in plain


def test_a_bank_written_as_the_guide_asks_passes():
    report = wording_report(PASSING)
    assert figures(report) == {
        "speech verb → fact": (5, 8),
        "hedge word → allegation": (4, 8),
        "quotation marks → fact": (4, 8),
        "number → fact": (4, 8),
        "word-count classifier": (2, 8),
    }
    assert report.passed and report.problems == [] and wording.plain_problems(report) == []


def test_near_twins_with_opposite_labels_sink_the_classifier():
    report = wording_report(TWINS)
    assert report.classifier_judged
    assert all(rule.score == 0.5 for rule in report.rules)  # no rule finds anything
    assert (report.classifier.right, report.classifier.total) == (3, 20)
    assert report.classifier.leaking == ["0-allegation", "5-allegation", "9-allegation"]
    [problem] = report.problems
    assert problem.startswith(
        "word-count classifier labels 3 of 20 right (15%, under the 35% limit: near-twin "
        "statements carry opposite labels; majority baseline 50%): items 0-fact, 1-fact,"
    )
    assert "near-twins with opposite answers" in wording.plain_problems(report)[0]


def test_empty_and_small_quizzes_are_scored_without_error_and_not_judged():
    empty = wording_report([])
    assert (empty.total, empty.facts, empty.baseline, empty.classifier.score) == (0, 0, 0.0, 0.0)
    assert empty.passed and not empty.judged
    one = wording_report(LEAKING[:1])
    assert figures(one)["word-count classifier"] == (1, 1)  # no training: a tie, "fact"
    five = wording_report(LEAKING[:5])
    assert figures(five)["speech verb → fact"] == (5, 5) and five.passed
    assert "under 6 items: not judged" in wording.summary(five)[0]


def test_a_quiz_of_one_kind_only_is_passed_by_answering_that_kind():
    only_facts = [item | {"label": "fact"} for item in LEAKING]
    report = wording_report(only_facts)
    assert report.baseline == 1.0
    assert figures(report) == {
        "speech verb → fact": (4, 8),
        "hedge word → allegation": (8, 8),  # no hedge anywhere: "fact" every time
        "quotation marks → fact": (0, 8),
        "number → fact": (0, 8),
        "word-count classifier": (8, 8),  # trained on facts alone (not judged under 20)
    }
    assert [p.split(" labels")[0] for p in report.problems] == ["hedge word → allegation"]


def test_model_rows_are_named_by_their_key():
    row = SimpleNamespace(id=7, key="mayor-said", statement="The mayor said so.", label="fact")
    bare = SimpleNamespace(id="bare", statement="It is so.", label="allegation")
    report = wording_report([row, bare])
    assert report.rules[0].leaking == ["mayor-said"]
    assert report.rules[0].missed == []
    by_number = wording_report([row], key=lambda item: str(item.id))
    assert by_number.rules[0].leaking == ["7"]


@pytest.mark.parametrize(
    ("statement", "rule", "fires"),
    [
        ("Analysts say no drones were seen.", "speech verb → fact", True),
        ("According to the mayor, it rained.", "speech verb → fact", True),
        ("Zelensky brushed off the claim.", "speech verb → fact", True),
        ("Saying goodbye is hard.", "speech verb → fact", True),
        ("The sayings of the week.", "speech verb → fact", False),
        ("The zone is widely seen as a land-grab.", "hedge word → allegation", True),
        ("It could rain.", "hedge word → allegation", True),
        ("Maybe it rained.", "hedge word → allegation", False),
        ("He called it 'typical Russian lies'.", "quotation marks → fact", True),
        ("He called it “lies”.", "quotation marks → fact", True),
        ("Russia's top general and the players' union.", "quotation marks → fact", False),
        ("It took 700 square kilometres.", "number → fact", True),
        ("It took seven hundred.", "number → fact", False),
    ],
)
def test_rule_signals(statement, rule, fires):
    when = next(r.when for r in wording.RULES if r.name == rule)
    report = wording_report(bank(("x", statement, when)))
    score = next(s for s in report.rules if s.name == rule)
    assert score.leaking == (["x"] if fires else [])


def write_folder(folder, items):
    """A questions folder whose article holds every statement, each item quoting its own."""
    folder.mkdir(parents=True)
    headline = "Millbrook bridge closed"
    article = "\n\n".join([headline, *(item["statement"] for item in items)]) + "\n"
    (folder / "article.txt").write_text(article, encoding="utf-8")
    quoting = {
        "explanation": "The article's own words.",
        "cue_type": "none",
        "source": "The reporter",
        "source_type": "reporter",
    }
    items = [
        item | quoting | {"quote": item["statement"], "cue": item["statement"].split()[0]}
        for item in items
    ]
    data = {"title": headline, "article": {"headline": headline, "publisher": "Courier"}}
    text = yaml.safe_dump(data | {"items": items}, allow_unicode=True, sort_keys=False)
    (folder / "quiz.yaml").write_text(text, encoding="utf-8")


def test_questions_check_fails_on_a_leaking_folder_and_load_only_warns(app, runner, tmp_path):
    root = tmp_path / "leaky-questions"
    write_folder(root / "bridge-leaks", LEAKING)
    write_folder(root / "bridge-passes", PASSING)
    app.config["QUESTIONS_DIR"] = str(root)
    result = runner.invoke(args=["questions", "check"])
    assert result.exit_code == 1
    assert "bridge-leaks: 8 items, 4 facts, its wording gives answers away" in result.output
    assert "bridge-passes: 8 items, 4 facts, ok" in result.output
    assert "  speech verb → fact: 8 of 8 right (100%)" in result.output
    assert (
        "error: bridge-leaks: speech verb → fact labels 8 of 8 right (100%, over the 65% limit"
    ) in result.output
    assert "error: bridge-passes" not in result.output
    loaded = runner.invoke(args=["questions", "load"])
    assert loaded.exit_code == 0, loaded.output
    assert "warning: bridge-leaks: speech verb → fact labels 8 of 8 right" in loaded.output
