"""Schema migrations: the models match what the migrations build, and an upgrade from the
first schema keeps every answer."""

import json

import pytest
from peewee import IntegrityError, Table
from playhouse.migrations import Runner
from playhouse.schema_diff import diff_models

from app import bank, quizzes
from app.db import MIGRATIONS, db, migrate
from app.models import MODELS, ClassSession, Item, Quiz, Response, utcnow
from tests.helpers import QUESTIONS, SLUG, make_app


@pytest.fixture
def bare(tmp_path):
    """An app context on an empty database (no migration applied yet)."""
    app = make_app(tmp_path)
    with app.app_context():
        yield app


def test_models_match_the_migrated_schema(bare):
    assert migrate() == [
        "0001_initial",
        "0002_join_codes_unique_among_open_sessions",
        "0003_teachers_own_quizzes_and_item_versions",
        "0004_learners_point_to_the_evidence",
        "0005_nobody_can_block_a_class",
        "0006_the_lesson_as_a_class_lives_it",
        "0007_before_and_after",
    ]
    with db.connection_context():
        diff = diff_models(db.obj, MODELS)
    assert not diff, str(diff)
    assert migrate() == []  # nothing left to apply


def insert_as_in_0001(quiz):
    """Load a quiz with the first schema's columns only (today's models have more)."""
    columns = ("slug", "title", "headline", "publisher", "published", "url", "article")
    quiz_table = Table("quiz", ("id", *columns)).bind(db.obj)
    values = {c: getattr(quiz, "published_on" if c == "published" else c) for c in columns}
    quiz_table.insert({getattr(quiz_table, c): v for c, v in values.items()}).execute()
    quiz_id = Quiz.select(Quiz.id).where(Quiz.slug == quiz.slug).scalar()
    item_columns = ("quiz_id", "key", "position", "active", *bank.ITEM_CONTENT)
    item_table = Table("item", ("id", *item_columns)).bind(db.obj)
    rows = [
        (quiz_id, item["id"], n, True, *(item[f] for f in bank.ITEM_CONTENT))
        for n, item in enumerate(quiz.items)
    ]
    item_table.insert(rows, columns=[getattr(item_table, c) for c in item_columns]).execute()
    return quiz_id


def insert_old(table_name, key=None, **values):
    """Insert a row with exactly these columns (as an older schema had them); return its id,
    found by the `key` column (PostgreSQL returns no id without RETURNING)."""
    table = Table(table_name, ("id", *values)).bind(db.obj)
    table.insert(values).execute()
    if key:
        return table.select(table.id).where(getattr(table, key) == values[key]).scalar()
    return None


def test_upgrade_from_the_first_schema_keeps_every_answer(bare):
    with db.connection_context():
        Runner(db.obj, str(MIGRATIONS)).up(target="0001_initial")
        quiz = insert_as_in_0001(bank.read_folder(QUESTIONS / SLUG))
        old = {"is_practice": False, "read_first": True, "ask_confidence": True}
        session = insert_old(
            "classsession",
            "join_code",
            **{"quiz_id": quiz, "title": "Old", "join_code": "ABCDEF", "is_open": False, **old},
            feedback_each=True,
            created_at=utcnow(),
        )
        practice = insert_old(
            "classsession",
            "title",
            **{**old, "quiz_id": quiz, "title": "Practice", "is_practice": True, "is_open": True},
            feedback_each=True,
            created_at=utcnow(),
        )
        labels = dict(Item.select(Item.id, Item.label).tuples())
        answers = {}
        for n in range(3):
            attempt = insert_old(
                "attempt",
                "token",
                session_id=session,
                display_name=f"Learner {n}",
                token=f"old-attempt-token-{n}",
                item_order=json.dumps(list(labels)),
                started_at=utcnow(),
            )
            for item_id in list(labels)[: 10 + n]:
                right = labels[item_id] == "fact"
                insert_old(
                    "response",
                    attempt_id=attempt,
                    item_id=item_id,
                    choice="fact",
                    confidence=1 + n,
                    correct=right,
                    answered_at=utcnow(),
                )
                answers[(attempt, item_id)] = ("fact", 1 + n, right, None, None)
    assert migrate() == [
        "0002_join_codes_unique_among_open_sessions",
        "0003_teachers_own_quizzes_and_item_versions",
        "0004_learners_point_to_the_evidence",
        "0005_nobody_can_block_a_class",
        "0006_the_lesson_as_a_class_lives_it",
        "0007_before_and_after",
    ]
    with db.connection_context():
        stored = {
            (r.attempt_id, r.item_id): (
                r.choice,
                r.confidence,
                r.correct,
                r.evidence,
                r.evidence_hit,
            )
            for r in Response.select()
        }
        assert stored == answers and len(stored) == 33
        # A session from before evidence was asked for goes on as it was; practice asks.
        assert not ClassSession.get_by_id(session).ask_evidence
        assert ClassSession.get_by_id(practice).ask_evidence
        # An older session goes on self-paced, every statement, a draw each, no closing time.
        older = ClassSession.get_by_id(session)
        assert not older.paced and older.item_count is None and older.shared_ids is None
        assert older.closes_at is None and not older.close_if_due()
        # The new rule: a closed session's code may be drawn again, an open one's not.
        again = ClassSession.create(quiz=quiz, title="New", join_code="ABCDEF")
        with pytest.raises(IntegrityError), db.atomic():
            ClassSession.create(quiz=quiz, title="Clash", join_code="ABCDEF")
        assert ClassSession.find_by_code("ABCDEF") == again
        # Every item is its first version, and the quiz is everyone's and published.
        assert {i.version for i in Item.select()} == {1} and Item.select().count() == 29
        upgraded = Quiz.get_by_id(quiz)
        assert upgraded.owner_id is None and upgraded.status == "published"


def test_reopening_gets_a_new_code_when_the_old_one_is_taken(bare):
    migrate()
    with db.connection_context():
        quizzes.store(bank.read_folder(QUESTIONS / SLUG))
        quiz = Quiz.get()
        first = ClassSession.open_class(quiz, "First")
        first.is_open = False
        first.save()
        second = ClassSession.create(quiz=quiz, title="Second", join_code=first.join_code)
        first.save_with_fresh_code()
        assert first.is_open and first.join_code != second.join_code
        assert ClassSession.find_by_code(second.join_code) == second
