"""Set-up, configuration, commands, CSRF and error pages."""

import pytest

from app.models import ClassSession, Item, Response
from tests.databases import ON_POSTGRES
from tests.helpers import evidence_for, make_app, text_of


def test_secret_key_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = make_app(tmp_path, SECRET_KEY=None)
    from app.config import instance_secret_key

    key = instance_secret_key(first.instance_path)
    assert len(key) == 64
    second = make_app(tmp_path)
    assert instance_secret_key(second.instance_path) == key
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o077 == 0


def test_config_reads_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/other.db")
    from app import create_app

    app = create_app({"INSTANCE_PATH": str(tmp_path / "inst")})
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["DATABASE_URL"].endswith("other.db")
    assert not (tmp_path / "inst" / "secret_key").exists()


def test_database_settings(app):
    from app.db import db

    with app.app_context(), db.connection_context():
        if ON_POSTGRES:
            assert db.execute_sql("SHOW lock_timeout").fetchone()[0] == "5s"
        else:
            assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
            assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_init_db_keeps_data(app, runner, class_session):
    assert runner.invoke(args=["init-db"]).exit_code == 0
    with app.app_context():
        assert ClassSession.get_by_id(class_session.id).join_code == class_session.join_code


def test_questions_check_reports_counts_and_wording(runner):
    result = runner.invoke(args=["questions", "check"])
    assert "buffer-zone-2026: 29 items, 15 facts, ok" in result.output, result.output
    assert "  majority baseline 52% (15 of 29 facts); each at most 65%" in result.output
    assert "  word-count classifier: " in result.output
    assert result.exit_code == 0


def test_sessions_create_prints_a_code(app, runner):
    result = runner.invoke(args=["sessions", "create", "--title", "Year 9", "--no-confidence"])
    assert result.exit_code == 0, result.output
    code = result.output.rsplit("Join code: ", 1)[1].strip()
    with app.app_context():
        session = ClassSession.get(ClassSession.join_code == code)
        assert session.title == "Year 9" and session.ask_confidence is False
    unknown = runner.invoke(args=["sessions", "create", "--quiz", "nope"])
    assert unknown.exit_code != 0 and "No quiz 'nope'" in unknown.output


def test_csrf_enforced_when_on(loaded_app):
    app = loaded_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    response = client.post("/practice", data={"quiz": "buffer-zone-2026"})
    assert response.status_code == 400
    assert "This form has expired" in text_of(response)
    # With the token from the page, the same post goes through.
    html = client.get("/").get_data(as_text=True)
    token = html.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    ok = client.post("/practice", data={"quiz": "buffer-zone-2026", "csrf_token": token})
    assert ok.status_code == 302
    # An answer too: refused without the token (nothing stored), kept with the one the
    # question's form carries (written by its template, not by the form).
    attempt = ok.location
    page = client.get(f"{attempt}/q/1").get_data(as_text=True)
    item = page.split('name="item" type="hidden" value="', 1)[1].split('"', 1)[0]
    with app.app_context():
        evidence = evidence_for(Item.get_by_id(int(item)))
    data = {"item": item, "choice": "fact", "evidence": str(evidence)}
    refused = client.post(f"{attempt}/q/1", data=data)
    assert refused.status_code == 400 and "This form has expired" in text_of(refused)
    with app.app_context():
        assert Response.select().count() == 0
    shown = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    assert client.post(f"{attempt}/q/1", data={**data, "csrf_token": shown}).status_code == 302
    with app.app_context():
        assert Response.select().count() == 1


def test_unexpected_error_is_a_friendly_500(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("kaput")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    page = text_of(response)
    assert "Something went wrong" in page and "kaput" not in page


def test_locked_database_asks_to_try_again(app, client, monkeypatch):
    from peewee import OperationalError

    from app.models import Attempt

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Attempt, "begin", locked)
    response = client.post("/practice", data={"quiz": "buffer-zone-2026"})
    assert response.status_code == 503
    assert "Please try again" in text_of(response)


@pytest.mark.parametrize("method", ["put", "delete"])
def test_wrong_method_is_friendly(client, method):
    response = getattr(client, method)("/join")
    assert response.status_code == 405
    assert "doesn't work here" in text_of(response)


def test_data_purge_deletes_old_sessions_and_practice(app, runner, client, class_session):
    from datetime import timedelta

    from app.models import Attempt, Response, utcnow
    from tests.helpers import answer_all, start_practice

    old_practice = start_practice(client, "Old")
    answer_all(client, app, old_practice)
    new_practice = start_practice(client, "New")
    joined = client.post("/join", data={"code": class_session.join_code, "name": "Cl"})
    assert joined.status_code == 302
    with app.app_context():
        long_ago = utcnow() - timedelta(days=100)
        Attempt.update(started_at=long_ago).where(Attempt.token == old_practice).execute()
        ClassSession.update(created_at=long_ago).where(
            ClassSession.id == class_session.id
        ).execute()
    result = runner.invoke(args=["data", "purge", "--older-than", "90d"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 sessions, 2 attempts, 29 responses." in result.output
    with app.app_context():
        assert [a.token for a in Attempt.select()] == [new_practice]
        assert Response.select().count() == 0
        assert ClassSession.select().where(ClassSession.is_practice).count() == 1


@pytest.mark.parametrize("age", ["", "90", "0d", "ninety days", "-5d"])
def test_data_purge_refuses_a_bad_age(runner, age):
    result = runner.invoke(args=["data", "purge", "--older-than", age])
    assert result.exit_code == 2 and "not an age" in result.output


def test_proxy_count_trusts_forwarded_address(tmp_path):
    plain = make_app(tmp_path)
    proxied = make_app(tmp_path / "p", PROXY_COUNT=1)
    seen = {}
    for name, app in (("plain", plain), ("proxied", proxied)):

        @app.get("/whoami")
        def whoami():
            from flask import request

            return request.remote_addr or ""

        with app.test_client() as client:
            seen[name] = client.get("/whoami", headers={"X-Forwarded-For": "10.7.7.7"}).text
    assert seen == {"plain": "127.0.0.1", "proxied": "10.7.7.7"}
