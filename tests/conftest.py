"""Fixtures: an app on a fresh temporary database file per test, with the real quiz loaded."""

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from app import create_app, evidence
from app.models import Attempt, ClassSession, Item, Quiz
from tests.databases import drop_all, fresh_url

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "questions"
SLUG = "buffer-zone-2026"


def make_app(tmp_path, questions_dir=QUESTIONS, **config):
    """Create an app whose instance folder and SQLite file live under tmp_path."""
    settings = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": fresh_url(tmp_path),
        # An app per test: connections close with each request rather than wait in a pool
        # that outlives the test. The servers in tests/server.py keep the pool on.
        "DATABASE_POOL": False,
        "QUESTIONS_DIR": str(questions_dir),
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test-secret",
    }
    settings.update(config)
    return create_app(settings)


@pytest.fixture(scope="session", autouse=True)
def _drop_test_databases():
    """On PostgreSQL, drop the databases the run created once it is over."""
    yield
    drop_all()


@pytest.fixture
def app(tmp_path):
    """An app with tables created and the questions loaded."""
    app = make_app(tmp_path)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    result = runner.invoke(args=["questions", "load"])
    assert result.exit_code == 0, result.output
    return app


@pytest.fixture
def client(app):
    """A test client (CSRF off; see test_csrf for the check with it on)."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for flask commands."""
    return app.test_cli_runner()


@pytest.fixture
def questions_copy(tmp_path):
    """A writable copy of questions/ to break or edit in a test."""
    target = tmp_path / "questions"
    shutil.copytree(QUESTIONS, target)
    return target


@pytest.fixture
def class_session(app):
    """An open class session on the article's quiz."""
    with app.app_context():
        quiz = Quiz.get(Quiz.slug == SLUG)
        return ClassSession.open_class(quiz, "Year 9")


def start_practice(client, name="Ann"):
    """Start a practice attempt through the home page's form; return its token."""
    response = client.post("/practice", data={"quiz": SLUG, "name": name})
    assert response.status_code == 302, response.data
    return response.location.rsplit("/a/", 1)[1]


def attempt_items(app, token):
    """The attempt's items in the learner's order."""
    with app.app_context():
        attempt = Attempt.get(Attempt.token == token)
        items = {i.id: i for i in Item.select().where(Item.id.in_(attempt.item_ids))}
        return [items[i] for i in attempt.item_ids]


def evidence_for(item, kind="hit"):
    """The number of a sentence to mark for the item: one holding its quote ("hit"), the
    first one that doesn't ("miss"), or None (no mark)."""
    if kind is None:
        return None
    article = Quiz.get_by_id(item.quiz_id).article
    deciding = evidence.deciding(article, item.quote)
    if kind == "hit":
        return min(deciding)
    return next(s.number for s in evidence.reading(article).sentences if s.number not in deciding)


def answer(client, token, position, item, choice, confidence=None, marked="hit"):
    """Post one answer as the question page's form would, marking a sentence of the article
    that holds the item's quote (or, with `marked`, one that doesn't, or none)."""
    data = {"item": str(item.id), "choice": choice}
    if confidence is not None:
        data["confidence"] = str(confidence)
    with client.application.app_context():
        number = evidence_for(item, marked)
    if number is not None:
        data["evidence"] = str(number)
    return client.post(f"/a/{token}/q/{position}", data=data)


def answer_all(client, app, token, right=lambda n, item: True, confidence=None, marked="hit"):
    """Answer every item; `right(position, item)` says whether to answer correctly."""
    items = attempt_items(app, token)
    for n, item in enumerate(items, start=1):
        wrong = "allegation" if item.label == "fact" else "fact"
        choice = item.label if right(n, item) else wrong
        response = answer(client, token, n, item, choice, confidence, marked)
        assert response.status_code == 302, response.data
    return items


def text_of(response):
    """The page's visible text, tags stripped, white space folded."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
