"""Pointing to the evidence: the article as sentences, marks stored with each answer, and the
figures on the learner's and the teacher's pages."""

import csv
import io
import re

import pytest

from app import evidence, reports
from app.models import Attempt, ClassSession, Item, Response
from tests.helpers import (
    ARTICLE,
    add_teacher,
    answer,
    attempt_items,
    log_in,
    new_session,
    start_practice,
    text_of,
)

RADIO = re.compile(r'<input type="radio" class="sentence-pick" name="evidence" id="sentence-(\d+)"')


def test_reading_numbers_every_sentence_headline_first():
    reading = evidence.reading(ARTICLE)
    assert [s.text for s in reading.sentences] == [
        "Small test article",
        "The council met on Monday.",
        "Mayor Ann Lee said the bridge was unsafe.",
        "A rival claims the mayor wants the bridge closed for her friends.",
        "Police reportedly found nothing.",
    ]
    # Each paragraph is its sentences (and the space between them), nothing lost.
    joined = [" ".join(text for text, _ in runs) for runs in reading.paragraphs]
    assert joined == [" ".join(p.split()) for p in ARTICLE.strip().split("\n\n")]
    assert reading.sentence(5) is None and reading.sentence(-1) is None


def test_a_quote_over_two_sentences_is_decided_by_either():
    quote = "met on Monday. Mayor Ann Lee"
    assert evidence.deciding(ARTICLE, quote) == {1, 2}
    assert evidence.is_hit(ARTICLE, quote, 2) and not evidence.is_hit(ARTICLE, quote, 3)
    assert evidence.deciding(ARTICLE, "words the article never uses") == frozenset()


def test_question_page_shows_the_whole_article_unmarked(client, app):
    token = start_practice(client)
    item = attempt_items(app, token)[0]
    html = client.get(f"/a/{token}/q/1").get_data(as_text=True)
    with app.app_context():
        sentences = evidence.reading(item.quiz.article).sentences
    assert [int(n) for n in RADIO.findall(html)] == [s.number for s in sentences]
    assert "<mark" not in html and item.explanation not in html
    assert "No sentence marked yet." in html


@pytest.mark.parametrize("marked", ["hit", "miss"])
def test_the_marked_sentence_is_stored_and_shown_beside_the_deciding_one(client, app, marked):
    token = start_practice(client)
    item = attempt_items(app, token)[0]
    assert answer(client, token, 1, item, item.label, marked=marked).status_code == 302
    with app.app_context():
        response = Response.get()
        reading = evidence.reading(item.quiz.article)
        decided_in = [reading.sentence(n) for n in evidence.deciding(item.quiz.article, item.quote)]
    assert response.evidence_hit == (marked == "hit")
    assert response.evidence in {" ".join(s.text.split()) for s in reading.sentences}
    page = text_of(client.get(f"/a/{token}/q/1"))
    assert f"The sentence you pointed to {response.evidence}" in page
    assert ("✓ the right place" in page) == (marked == "hit")
    assert ("✗ not this one" in page) == (marked == "miss")
    assert (response.evidence in {" ".join(s.text.split()) for s in decided_in}) == (
        marked == "hit"
    )


def test_results_give_the_evidence_figures(client, app):
    token = start_practice(client)
    items = attempt_items(app, token)
    for n, item in enumerate(items, start=1):
        wrong = "allegation" if item.label == "fact" else "fact"
        choice = item.label if n % 3 else wrong  # every third wrong
        assert answer(client, token, n, item, choice, marked="hit" if n % 2 else "miss").status_code
    total = len(items)
    hits = (total + 1) // 2
    right_and_hit = sum(1 for n in range(1, total + 1) if n % 2 and n % 3)
    page = text_of(client.get(f"/a/{token}/results"))
    where = f"Of the {total} answers where you marked a sentence,"
    assert f"{where} you marked the one that decides it {hits} times" in page
    assert f"the right sentence): {right_and_hit} of those {total}" in page
    assert page.count("You pointed to the right sentence ✓") == hits
    assert page.count("You pointed to another sentence ✗") == total - hits


def test_a_session_without_evidence_looks_as_before(app, client, class_session):
    with app.app_context():
        ClassSession.update(ask_evidence=False).where(ClassSession.id == class_session.id).execute()
    location = client.post("/join", data={"code": class_session.join_code, "name": "Ola"}).location
    token = location.rsplit("/", 1)[1]
    html = client.get(f"/a/{token}/q/1").get_data(as_text=True)
    assert not RADIO.search(html) and "Which sentence" not in html
    item = attempt_items(app, token)[0]
    assert answer(client, token, 1, item, item.label, marked=None).status_code == 302
    with app.app_context():
        stored = Response.get()
    assert stored.evidence is None and stored.evidence_hit is None
    assert "The sentence you pointed to" not in text_of(client.get(f"/a/{token}/q/1"))


def answer_with_marks(app, session, name, rows):
    """A learner joins and answers the bridge quiz: rows maps key -> (right, marked)."""
    client = app.test_client()
    location = client.post("/join", data={"code": session.join_code, "name": name}).location
    token = location.rsplit("/", 1)[1]
    for n, item in enumerate(attempt_items(app, token), start=1):
        right, marked = rows[item.key]
        choice = item.label if right else ("allegation" if item.label == "fact" else "fact")
        assert answer(client, token, n, item, choice, marked=marked).status_code == 302


def test_class_figures_flags_and_csvs_carry_the_evidence(small):
    app, session = small
    # f1 is right for everyone but only one marks its sentence: right answers, wrong reasons.
    first = {"f1": (1, "hit"), "f2": (1, "hit"), "a1": (0, "hit"), "a2": (1, "miss")}
    second = {"f1": (1, "miss"), "f2": (0, "miss"), "a1": (1, "hit"), "a2": (1, "hit")}
    third = {"f1": (1, "miss"), "f2": (1, "hit"), "a1": (1, "hit"), "a2": (0, "hit")}
    for name, rows in (("Ana", first), ("Ben", second), ("Cy", third)):
        answer_with_marks(app, session, name, rows)
    with app.app_context():  # Ben's a2 as if answered before evidence was asked for
        bens = Response.select(Response.id).join(Attempt).where(Attempt.display_name == "Ben")
        Response.update(evidence=None, evidence_hit=None).where(
            Response.id.in_(bens) & (Response.item == Item.get(Item.key == "a2"))
        ).execute()
        report = reports.session_report(ClassSession.get_by_id(session.id))
    # 11 marked answers, 7 hits; right and hit: Ana f1 f2, Ben a1, Cy f2 a1 -> 5.
    assert (report.evidence.marked, report.evidence.hits, report.evidence.right_and_hit) == (
        11,
        7,
        5,
    )
    ana = report.learners[0].evidence
    assert (ana.rate, ana.right_reason) == (0.75, 0.5)
    by_key = {row.item.key: row for row in report.items}
    assert by_key["f1"].p == 1 and by_key["f1"].evidence_rate == pytest.approx(1 / 3)
    assert "right answers, wrong reasons" in by_key["f1"].flags
    assert (
        by_key["a1"].evidence_rate == 1 and "right answers, wrong reasons" not in by_key["a1"].flags
    )
    assert by_key["a2"].evidence_rate == 0.5  # Ben's answer carries no mark
    client = app.test_client()
    log_in(client, "ada")
    dashboard = text_of(client.get(f"/teacher/sessions/{session.id}"))
    assert "Learners marked the sentence that decides it in 7 of 11 answers" in dashboard
    assert "Right for the right reason" in dashboard
    items_page = text_of(client.get(f"/teacher/sessions/{session.id}/items"))
    assert "⚑ right answers, wrong reasons" in items_page
    answers = client.get(f"/teacher/sessions/{session.id}/responses.csv").get_data().decode()
    rows = list(csv.DictReader(io.StringIO(answers.lstrip("\ufeff"))))
    assert sorted(r["evidence_hit"] for r in rows) == [""] + ["0"] * 4 + ["1"] * 7
    assert {r["evidence"] for r in rows if r["evidence_hit"] == "1"} <= set(
        " ".join(s.text.split()) for s in evidence.reading(ARTICLE).sentences
    )
    learners = client.get(f"/teacher/sessions/{session.id}/attempts.csv").get_data().decode()
    rows = {r["learner"]: r for r in csv.DictReader(io.StringIO(learners.lstrip("\ufeff")))}
    assert rows["Ana"]["evidence_rate"] == "0.7500"
    assert rows["Ben"]["evidence_marked"] == "3"
    assert rows["Ana"]["right_for_right_reason"] == "0.5000"


@pytest.mark.parametrize(("sent", "asked"), [({"ask_evidence": "y"}, True), ({}, False)])
def test_the_session_form_sets_the_evidence_option(app, client, sent, asked):
    add_teacher(app, "ada")
    log_in(client, "ada")
    session_id, _ = new_session(client, **sent)
    with app.app_context():
        assert ClassSession.get_by_id(session_id).ask_evidence == asked
    page = text_of(client.get(f"/teacher/sessions/{session_id}"))
    assert ("evidence asked" if asked else "evidence not asked") in page


def test_a_mark_made_on_an_earlier_text_of_the_article_is_refused(client, app):
    token = start_practice(client)
    item = attempt_items(app, token)[0]
    html = client.get(f"/a/{token}/q/1").get_data(as_text=True)
    digest = re.search(r'name="article" type="hidden" value="(\w+)"', html).group(1)
    data = {"item": str(item.id), "choice": item.label, "evidence": "2"}
    stale = client.post(f"/a/{token}/q/1", data={**data, "article": "0123456789abcdef"})
    assert stale.status_code == 400
    assert "The article was corrected after this page opened" in text_of(stale)
    assert "No sentence marked yet." in text_of(stale)  # the old mark is not shown as made
    with app.app_context():
        assert Response.select().count() == 0
    assert client.post(f"/a/{token}/q/1", data={**data, "article": digest}).status_code == 302


def test_evidence_sent_to_a_session_that_does_not_ask_is_ignored(app, client, class_session):
    with app.app_context():
        ClassSession.update(ask_evidence=False).where(ClassSession.id == class_session.id).execute()
    location = client.post("/join", data={"code": class_session.join_code, "name": "Ida"}).location
    token = location.rsplit("/", 1)[1]
    item = attempt_items(app, token)[0]
    data = {"item": str(item.id), "choice": item.label, "evidence": "3", "article": "stale"}
    assert client.post(f"/a/{token}/q/1", data=data).status_code == 302
    with app.app_context():
        assert Response.get().evidence is None
