"""Fixtures: an app per test on its own copy of a database migrated and loaded with the real
quiz, a teacher logged in, a class session, and the four-item bridge quiz. Plain helpers
(answering, logging in, importing...) are in tests/helpers.py."""

import shutil

import pytest

from app.models import ClassSession, Quiz, Teacher
from tests.databases import drop_all, loaded_url
from tests.helpers import ARTICLE, QUESTIONS, QUIZ, SLUG, add_teacher, log_in, make_app


@pytest.fixture(scope="session", autouse=True)
def _drop_test_databases():
    """On PostgreSQL, drop the databases the run created once it is over."""
    yield
    drop_all()


@pytest.fixture
def loaded_app(tmp_path):
    """Make an app (make_app's settings) on a database as `flask init-db` and `flask
    questions load` leave it: a copy of one built once per run (tests/databases.py)."""

    def make(**config):
        return make_app(tmp_path, DATABASE_URL=loaded_url(tmp_path), **config)

    return make


@pytest.fixture
def app(loaded_app):
    """An app with tables created and the questions loaded."""
    return loaded_app()


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


@pytest.fixture
def teacher(app, client):
    """A client logged in as teacher 'ada'."""
    add_teacher(app, "ada")
    assert log_in(client, "ada").status_code == 302
    return client


@pytest.fixture
def small(tmp_path):
    """An app whose only quiz is the four-item bridge quiz, with a teacher and a session."""
    folder = tmp_path / "questions" / "bridge"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "quiz.yaml").write_text(QUIZ, encoding="utf-8")
    app = make_app(tmp_path, questions_dir=tmp_path / "questions")
    runner = app.test_cli_runner()
    for command in (["init-db"], ["questions", "load"]):
        assert runner.invoke(args=command).exit_code == 0
    add_teacher(app, "ada")
    with app.app_context():
        session = ClassSession.open_class(Quiz.get(), "Bridge class", teacher=Teacher.get().id)
    return app, session
