"""The models' constraints: the database itself refuses what must never be stored."""

import pytest
from peewee import IntegrityError

from app.db import Prepared, db
from app.models import JOIN_CODE_ALPHABET, Attempt, ClassSession, Item, Quiz, Response
from tests.helpers import SLUG


@pytest.fixture
def ctx(app):
    """An app context with the quiz's practice session and one attempt."""
    with app.app_context():
        db.connect(reuse_if_open=True)
        quiz = Quiz.get(Quiz.slug == SLUG)
        attempt = Attempt.begin(ClassSession.practice_for(quiz), "Ann")
        yield quiz, attempt
        db.close()


def test_one_response_per_attempt_and_item(ctx):
    _, attempt = ctx
    item = Item.get_by_id(attempt.item_ids[0])
    Response.create(attempt=attempt, item=item, choice="fact", correct=item.is_fact)
    with pytest.raises(IntegrityError), db.atomic():
        Response.create(attempt=attempt, item=item, choice="fact", correct=item.is_fact)


def test_record_returns_none_for_a_repeat_and_finishes_on_the_last(ctx):
    _, attempt = ctx
    items = [Item.get_by_id(i) for i in attempt.item_ids]
    assert attempt.record(items[0].id, "fact", 2) is not None
    assert attempt.record(items[0].id, "allegation", 2) is None
    for item in items[1:]:
        assert not Attempt.get_by_id(attempt.id).is_finished
        attempt.record(item.id, item.label, None)
    assert Attempt.get_by_id(attempt.id).is_finished
    assert Response.select().where(Response.attempt == attempt).count() == len(items)


@pytest.mark.parametrize(
    "values",
    [{"choice": "maybe"}, {"confidence": 0}, {"confidence": 5}],
    ids=["choice", "confidence-low", "confidence-high"],
)
def test_check_constraints(ctx, values):
    _, attempt = ctx
    row = {"attempt": attempt, "item": attempt.item_ids[0], "choice": "fact", "correct": True}
    row.update(values)
    with pytest.raises(IntegrityError), db.atomic():
        Response.create(**row)


def test_item_label_and_key_constraints(ctx):
    quiz, _ = ctx
    fields = dict(
        statement="s",
        quote="q",
        explanation="e",
        cue="c",
        cue_type="none",
        source="s",
        source_type="reporter",
        position=99,
    )
    with pytest.raises(IntegrityError), db.atomic():
        Item.create(quiz=quiz, key="new-item", label="opinion", **fields)
    with pytest.raises(IntegrityError), db.atomic():
        Item.create(quiz=quiz, key="donbas-regions", label="fact", **fields)


def test_answered_item_cannot_be_deleted(ctx):
    _, attempt = ctx
    item = Item.get_by_id(attempt.item_ids[0])
    attempt.record(item.id, "fact", None)
    with pytest.raises(IntegrityError), db.atomic():
        item.delete_instance()


def test_join_codes_are_unique_and_free_of_look_alikes(ctx):
    quiz, _ = ctx
    codes = {ClassSession.open_class(quiz, f"Class {n}").join_code for n in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert len(code) == 6 and set(code) <= set(JOIN_CODE_ALPHABET)
    assert not set("0O1IL") & set(JOIN_CODE_ALPHABET)


def test_attempt_tokens_are_unique_and_long(ctx):
    quiz, attempt = ctx
    other = Attempt.begin(ClassSession.practice_for(quiz), "Ben")
    assert attempt.token != other.token and len(attempt.token) >= 24


def test_deleting_a_session_removes_its_attempts_and_answers(ctx):
    _, attempt = ctx
    attempt.record(attempt.item_ids[0], "fact", None)
    attempt.session.delete_instance()
    assert Attempt.select().count() == 0 and Response.select().count() == 0


def test_record_scores_against_the_items_label(ctx):
    _, attempt = ctx
    fact = Item.get((Item.id.in_(attempt.item_ids)) & (Item.label == "fact"))
    allegation = Item.get((Item.id.in_(attempt.item_ids)) & (Item.label == "allegation"))
    attempt.record(fact.id, "fact", None)
    attempt.record(allegation.id, "fact", None)
    stored = {r.item_id: r.correct for r in Response.select()}
    assert stored == {fact.id: True, allegation.id: False}


def test_a_prepared_query_gives_each_run_its_own_rows(ctx):
    """Prepared compiles its SQL and sets up its rows once, then serves every run: each
    run still reads its own values into fresh models, joined ones included."""
    quiz, practice_attempt = ctx
    lesson = ClassSession.open_class(quiz, "Lesson")
    lesson_attempt = Attempt.begin(lesson, "Bo")
    by_token = Prepared(
        lambda token: (
            Attempt.select(Attempt, ClassSession).join(ClassSession).where(Attempt.token == token)
        )
    )
    assert by_token.first("no such token") is None  # the first run: no row to set up from
    for attempt in (practice_attempt, lesson_attempt):
        found = by_token.first(attempt.token)
        assert (found.id, found.display_name) == (attempt.id, attempt.display_name)
        assert found.session.id == attempt.session_id
        assert found.session.title == ClassSession.get_by_id(attempt.session_id).title
        assert found.started_at == Attempt.get_by_id(attempt.id).started_at  # converted
    assert lesson_attempt.session.title == "Lesson"
    names = Prepared(
        lambda session_id: (
            Attempt.select(Attempt.display_name).where(Attempt.session == session_id).tuples()
        )
    )
    assert list(names.run(lesson.id)) == [("Bo",)]
    Attempt.begin(lesson, "Cy")
    assert sorted(names.run(lesson.id)) == [("Bo",), ("Cy",)]
    assert list(names.run(-1)) == []
