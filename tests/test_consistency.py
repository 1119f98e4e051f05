"""One home for each thing: a learner's figures are the same on every page, and the words
learners and teachers read are defined once (app/words.py)."""

from pathlib import Path

import pytest

from app import reports, scoring, words
from app.models import Attempt, ClassSession, Item, Response
from tests.helpers import answer, attempt_items

ROOT = Path(__file__).resolve().parent.parent

# Four learners: which answers they get right (by position), how sure they say they are,
# which sentence they mark, and how far they get.
LEARNERS = {
    "Ann": {"right": lambda n: n % 3 != 0, "confidence": lambda n: 1 + n % 4, "marked": "hit"},
    "Bo": {"right": lambda n: n % 2 == 0, "confidence": lambda n: None, "marked": "miss"},
    "Cy": {"right": lambda n: True, "confidence": lambda n: 4, "marked": "hit", "stop": 7},
    "Di": {"right": lambda n: n < 10, "confidence": lambda n: 3, "marked": "alternate", "stop": 20},
}


def answers_as_scoring_reads_them(attempt):
    """The attempt's answers read row by row into scoring.Answer: the long way round."""
    rows = Response.select(Response, Item).join(Item).where(Response.attempt == attempt)
    return [
        scoring.Answer(r.item.is_fact, r.choice == words.FACT, r.confidence, r.evidence_hit)
        for r in rows
    ]


def test_results_page_and_dashboard_give_a_learner_the_same_figures(app, class_session):
    for name, plan in LEARNERS.items():
        client = app.test_client()
        token = client.post("/join", data={"code": class_session.join_code, "name": name})
        token = token.location.rsplit("/", 1)[1]
        for n, item in enumerate(attempt_items(app, token), start=1):
            if n > plan.get("stop", 99):
                break
            wrong = words.ALLEGATION if item.label == words.FACT else words.FACT
            choice = item.label if plan["right"](n) else wrong
            marked = plan["marked"]
            if marked == "alternate":
                marked = "hit" if n % 2 else "miss"
            response = answer(client, token, n, item, choice, plan["confidence"](n), marked)
            assert response.status_code == 302
    with app.app_context():
        report = reports.session_report(ClassSession.get_by_id(class_session.id))
        assert [row.attempt.display_name for row in report.learners] == list(LEARNERS)
        for row in report.learners:
            attempt = Attempt.get_by_id(row.attempt.id)
            mine = reports.attempt_report(attempt)
            expected = answers_as_scoring_reads_them(attempt)
            assert mine.detection == row.detection == scoring.detection(expected)
            for got in (mine.calibration, row.calibration):
                want = scoring.calibration(expected)
                assert got.n == want.n and got.confident_errors == want.confident_errors
                for field in ("mean_probability", "accuracy", "overconfidence", "brier"):
                    assert getattr(got, field) == pytest.approx(getattr(want, field))
            assert mine.evidence == row.evidence == scoring.evidence(expected)
            assert mine.answered == row.answered == len(expected)
            assert mine.correct == sum(a.correct for a in expected)
    by_name = {row.attempt.display_name: row for row in report.learners}
    assert by_name["Cy"].answered == 7 and by_name["Cy"].detection.correct == 7
    assert by_name["Bo"].calibration.n == 0 and by_name["Bo"].evidence.hits == 0
    assert 0 < by_name["Di"].evidence.hits < by_name["Di"].evidence.marked == 20


def shown_text(path):
    """A source file's text as a reader of the code sees it."""
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name",
    [
        *words.LABEL_NAMES.values(),
        *words.CONFIDENCE_NAMES.values(),
        *(f"“{name.lower()}”" for name in words.CONFIDENCE_NAMES.values()),
    ],
)
def test_every_name_learners_and_teachers_read_is_written_once(name):
    """Each label and confidence level is named in app/words.py alone: forms, templates and
    reports take it from there (prose may still speak of "a verified fact")."""
    places = [
        path.relative_to(ROOT).as_posix()
        for folder in ("app", "templates")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in (".py", ".html")
        and "migrations" not in path.parts
        and name in shown_text(path)
    ]
    assert places in (["app/words.py"], []), places
