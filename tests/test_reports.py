"""Class figures against a hand-computed class, and a dashboard whose query count is flat."""

import csv
import io
import re
from html import unescape

import pytest
from playhouse.test_utils import count_queries

from app import reports
from app.models import Attempt, ClassSession
from tests.helpers import answer, attempt_items, log_in, text_of

# docs/scoring.md's vector: rows are learners, columns the items f1, f2, a1, a2 (1 = right).
MATRIX = [[1, 1, 1, 0], [1, 1, 0, 1], [1, 0, 0, 0], [0, 1, 1, 1], [0, 0, 0, 0], [1, 1, 1, 1]]
KEYS = ["f1", "f2", "a1", "a2"]


def join_and_answer(app, session, name, row, confidence=None):
    """A learner joins and answers the four items right or wrong as the row says."""
    client = app.test_client()
    location = client.post("/join", data={"code": session.join_code, "name": name}).location
    token = location.rsplit("/", 1)[1]
    for n, item in enumerate(attempt_items(app, token), start=1):
        right = row[KEYS.index(item.key)]
        wrong = "allegation" if item.label == "fact" else "fact"
        answer(client, token, n, item, item.label if right else wrong, confidence)


def test_report_matches_hand_computed_class(small):
    app, session = small
    for n, row in enumerate(MATRIX):
        join_and_answer(app, session, f"Learner {n + 1}", row, confidence=4)
    with app.app_context():
        report = reports.session_report(ClassSession.get_by_id(session.id))
    assert report.complete == 6
    # Totals 3,3,1,3,0,4 of 4 -> mean score 14/24.
    assert report.mean_score == pytest.approx(14 / 24)
    # Per learner D = H - F: .5, .5, -.5, .5, -1, 1 -> mean 1/6.
    assert [r.detection.discernment for r in report.learners] == [0.5, 0.5, -0.5, 0.5, -1.0, 1.0]
    assert report.mean_discernment == pytest.approx(1 / 6)
    # a1 wrong for learners 2, 3, 5; a2 wrong for 1, 3, 5: 6 of 12 allegations taken as facts.
    assert (report.false_alarms, report.allegation_answers) == (6, 12)
    # f1 wrong for 4, 5; f2 wrong for 3, 5: 4 of 12 facts doubted.
    assert (report.misses, report.fact_answers) == (4, 12)
    # Everyone "certain" (p = 1) and right 14 of 24 times; 10 confident errors.
    assert report.calibration.overconfidence == pytest.approx(1 - 14 / 24)
    assert report.calibration.confident_errors == 10
    assert report.kr20 == pytest.approx(0.6667, abs=5e-5)
    by_key = {row.item.key: row for row in report.items}
    expected = {
        "f1": (0.6667, 0.0945),
        "f2": (0.6667, 0.8750),
        "a1": (0.5, 0.4685),
        "a2": (0.5, 0.4685),
    }
    for key, (p, r) in expected.items():
        assert by_key[key].p == pytest.approx(p, abs=5e-5)
        assert by_key[key].r == pytest.approx(r, abs=5e-5)
        assert by_key[key].mean_confidence == 4
    # Endorsement: facts answered "fact" when right, allegations when wrong.
    assert by_key["f1"].endorsement == pytest.approx(4 / 6)
    assert by_key["a1"].endorsement == pytest.approx(3 / 6)
    assert by_key["f1"].flags == ["weak"]
    assert [row.item.key for row in report.items][:2] == ["a1", "a2"]  # hardest first
    kinds = {g.name: (g.items, g.answers, g.p) for g in report.by_kind}
    assert kinds == {"Allegations": (2, 12, 0.5), "Facts": (2, 12, pytest.approx(8 / 12))}
    cues = {g.name: g.p for g in report.by_cue_type}
    assert cues == {
        "attribution": pytest.approx(4 / 6),
        "hedge": 0.5,
        "loaded-verb": 0.5,
        "none": pytest.approx(4 / 6),
    }


def test_undefined_figures_show_a_dash(small):
    app, session = small
    join_and_answer(app, session, "Solo", [1, 1, 1, 1])
    client = app.test_client()
    log_in(client, "ada")
    page = text_of(client.get(f"/teacher/sessions/{session.id}/items"))
    assert "—" in page  # r and KR-20 need 5 finished learners
    with app.app_context():
        report = reports.session_report(ClassSession.get_by_id(session.id))
    assert report.kr20 is None and all(row.r is None for row in report.items)


def test_dashboard_query_count_does_not_grow_with_learners(small):
    app, session = small
    client = app.test_client()
    log_in(client, "ada")
    counts = []
    for batch in (2, 8):
        for n in range(batch):
            join_and_answer(app, session, f"B{batch}-{n}", MATRIX[n % 6])
        for path in ("", "/live", "/items", "/attempts.csv"):
            with count_queries() as counter:
                assert client.get(f"/teacher/sessions/{session.id}{path}").status_code == 200
            counts.append((path, counter.count))
    assert counts[:4] == counts[4:], counts


def test_dashboard_shows_learners_and_class_sentence(small):
    app, session = small
    for n, row in enumerate(MATRIX):
        join_and_answer(app, session, f"Learner {n + 1}", row)
    client = app.test_client()
    log_in(client, "ada")
    page = text_of(client.get(f"/teacher/sessions/{session.id}"))
    assert "6 learners, 6 finished" in page
    assert "Learner 6 4/4 ✓ done 100%" in page
    assert "The class took 6 of 12 allegations for facts, and doubted 4 of 12 facts." in page
    assert "This class" in page
    assert "<svg" in client.get(f"/teacher/sessions/{session.id}").get_data(as_text=True)


def test_csv_exports_are_clean_and_neutralised(small):
    app, session = small
    join_and_answer(app, session, '=HYPERLINK("http://x")', [1, 0, 1, 0], confidence=2)
    join_and_answer(app, session, 'Zoë, "the" best', [1, 1, 1, 1])
    client = app.test_client()
    log_in(client, "ada")
    learners = client.get(f"/teacher/sessions/{session.id}/attempts.csv")
    assert learners.mimetype == "text/csv"
    assert "attachment" in learners.headers["Content-Disposition"]
    text = learners.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["learner"] for r in rows] == ['\'=HYPERLINK("http://x")', 'Zoë, "the" best']
    assert rows[0]["score"] == "0.5000" and rows[0]["discernment"] == "0.0000"
    assert rows[1]["bias_c"] == "0.0000" and rows[1]["d_prime"] != ""
    # Each share also as a percentage, in a column beside its fraction.
    columns = list(rows[0])
    for name in ("score", "evidence_rate", "right_for_right_reason"):
        assert columns.index(f"{name}_percent") == columns.index(name) + 1
    assert rows[0]["score_percent"] == "50.0" and rows[1]["score_percent"] == "100.0"
    assert rows[0]["allegations_taken_as_facts_percent"] == "50.0"
    assert rows[0]["facts_doubted_percent"] == "50.0"
    assert rows[0]["mean_confidence_percent"] == "66.7"  # "Somewhat sure": 2/3
    assert rows[1]["mean_confidence_percent"] == ""  # no confidence given
    assert rows[0]["evidence_rate_percent"] == "100.0"
    assert rows[0]["right_for_right_reason_percent"] == "50.0"
    answers = client.get(f"/teacher/sessions/{session.id}/responses.csv").get_data().decode()
    rows = list(csv.DictReader(io.StringIO(answers.lstrip("\ufeff"))))
    assert len(rows) == 8 and {r["kind"] for r in rows} == {"fact", "allegation"}
    assert rows[0]["confidence"] == "2"


def test_practice_attempts_never_reach_a_dashboard(small):
    app, session = small
    client = app.test_client()
    start = client.post("/practice", data={"quiz": "bridge", "name": "Solo"})
    assert start.status_code == 302
    with app.app_context():
        report = reports.session_report(ClassSession.get_by_id(session.id))
        assert report.learners == [] and Attempt.select().count() == 1


def test_joined_alike_names_shared_browsers_and_small_shared_addresses():
    def attempt(n, name, browser, origin):
        return Attempt(id=n, display_name=name, browser=browser, origin=origin)

    class_of_eight = [attempt(10 + n, f"P{n}", f"b{n}", "school") for n in range(8)]
    home = [
        attempt(1, "Throwaway", "laptop", "home"),
        attempt(2, "Real", "laptop", "home"),
        attempt(3, "Private", "private-window", "home"),
        attempt(4, "Old", None, None),  # joined before browsers and addresses were kept
    ]
    notes = reports.joined_alike(home + class_of_eight)
    assert notes[1] == ["same browser as Real", "same address as Private"]
    assert notes[2] == ["same browser as Throwaway", "same address as Private"]
    assert notes[3] == ["same address as Throwaway and Real"]
    assert notes[4] == []
    # A whole class behind one router: the address tells nothing, so nothing is said.
    assert all(notes[a.id] == [] for a in class_of_eight)
    many = [attempt(n, f"N{n}", "shared", None) for n in range(6)]
    assert reports.joined_alike(many)[0] == ["same browser as N1, N2, N3 and 2 others"]


def test_dashboard_leads_with_plain_labels_and_explains_the_symbols_on_request(small):
    app, session = small
    for n, row in enumerate(MATRIX):
        join_and_answer(app, session, f"Learner {n + 1}", row, confidence=4)
    client = app.test_client()
    log_in(client, "ada")
    html = client.get(f"/teacher/sessions/{session.id}").get_data(as_text=True)
    lead, explained = html.split("<summary>What do these figures mean?</summary>")
    lead, explained = words_of(lead), words_of(explained.split("</details>")[0])
    # Plain labels first, each saying what it counts; no symbol before the disclosure.
    assert "Mean score 58% the mean of 6 learners' scores" in lead
    assert "Tells them apart A little better than chance over 6 learners" in lead  # mean D 1/6
    assert "Leans towards" in lead
    assert "Consistency of the quiz 0.67 from 6 finished learners" in lead
    assert "All answers together: 14 of 24 right (58%)" in lead
    assert (
        "Of the 24 answers with a confidence, learners were on average 100% sure and right 58%"
        in lead
    )
    for symbol in ("d′", "lean c", "KR-20", "discernment D", "point-biserial", "sensitivity"):
        assert symbol not in lead, symbol
    # The symbols, their values and scales, on request.
    assert "discernment D 0.17, sensitivity d′" in explained
    assert "from −1 to 1, where 0 is chance" in explained
    assert "lean c" in explained and "below 0 towards “fact”" in explained
    assert "KR-20 0.67" in explained and "corrected point-biserial r" in explained
    # Every dot of the chart has a name: a title with the learner's figures, and a label.
    assert "<title>Learner 6: tells them apart very well (D 1.00)" in html
    assert 'class="point-label" aria-hidden="true">Learner 6</text>' in html


def test_item_analysis_leads_with_plain_labels(small):
    app, session = small
    for n, row in enumerate(MATRIX):
        join_and_answer(app, session, f"Learner {n + 1}", row)
    client = app.test_client()
    log_in(client, "ada")
    html = client.get(f"/teacher/sessions/{session.id}/items").get_data(as_text=True)
    lead, explained = html.split("<summary>What do these figures mean?</summary>")
    assert '<th scope="col">Separates strong from weak readers</th>' in html
    assert "point-biserial" not in lead and "(p)" not in lead
    assert "corrected point-biserial r" in explained and "difficulty p" in explained


def test_no_answers_yet_is_said_not_counted_as_zero(small):
    app, session = small
    app.test_client().post("/join", data={"code": session.join_code, "name": "Quiet"})
    client = app.test_client()
    log_in(client, "ada")
    page = text_of(client.get(f"/teacher/sessions/{session.id}"))
    assert "No answers yet. 1 learner has joined" in page
    assert "Quiet 0/4 No answers yet" in page
    assert "0 of 0" not in page and "took" not in page and "Mean score" not in page
    csv_text = client.get(f"/teacher/sessions/{session.id}/attempts.csv").get_data(as_text=True)
    row = next(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))
    assert row["score"] == row["score_percent"] == ""  # undefined stays blank, never 0


def words_of(html):
    """Visible text of a piece of markup, tags stripped and white space folded."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_learners_lean_waits_for_ten_answers_of_each_kind(small):
    app, session = small
    join_and_answer(app, session, "Four answers", [0, 1, 0, 1])  # c = 0 would say "neither way"
    with app.app_context():
        report = reports.attempt_report(Attempt.get())
    assert report.detection.bias == 0 and report.lean is None
    assert report.lean_needs_each == 10
    assert (
        report.discernment
        == "You told facts from allegations about as well as guessing, not yet better."
    )
