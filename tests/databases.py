"""Which database the tests use: a fresh SQLite file per test by default, or, when
TEST_DATABASE_URL names a PostgreSQL server (a role that may create databases), a fresh
PostgreSQL database per test, dropped at the end of the run.

Most tests start from what `flask init-db` and `flask questions load` leave: that database
is built once per run (`template()`) and each test gets a copy of it (`loaded_url()`)."""

import atexit
import contextlib
import os
import shutil
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from app.db import db, open_database

ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "")
ON_POSTGRES = ADMIN_URL.startswith("postgres")
_created = {}


def fresh_url(tmp_path, name="test", template=None):
    """A database URL for this test folder: the same URL for the same folder and name. The
    database is empty, or with `template` (a URL from here, that nothing is connected to)
    a copy of that one."""
    key = (str(tmp_path), name)
    if key in _created:
        return _created[key]
    if ON_POSTGRES:
        import psycopg

        database = f"test_{uuid.uuid4().hex[:16]}"
        create = f'CREATE DATABASE "{database}"'
        if template:
            create += f' TEMPLATE "{template.rsplit("/", 1)[1]}"'
        for tries_left in range(4, -1, -1):
            try:
                with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
                    conn.execute(create)
                break
            except psycopg.errors.ObjectInUse:
                # "template1 is being accessed by other users": another connection (a
                # server a test stopped, still closing) holds the template; it lets go soon.
                if not tries_left:
                    raise
                time.sleep(0.5)
        url = ADMIN_URL.rsplit("/", 1)[0] + "/" + database
    else:
        url = f"sqlite:///{tmp_path / (name + '.sqlite3')}"
        if template:
            path = sqlite_path(url)
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sqlite_path(template), path)
    _created[key] = url
    return url


def drop_all():
    """Drop every PostgreSQL database this run created.

    WITH (FORCE) ends any connection a test left open, but PostgreSQL refuses it while an
    autovacuum worker happens to be in that database (it belongs to no role we are a member
    of); a plain DROP asks the worker to stop and waits for it. A database that still cannot
    be dropped is reported, not failed on: the tests themselves have passed."""
    if not ON_POSTGRES:
        return
    import sys

    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        for url in _created.values():
            name = url.rsplit("/", 1)[1]
            for statement in (
                f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
                f'DROP DATABASE IF EXISTS "{name}"',
                f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            ):
                try:
                    conn.execute(statement)
                    break
                except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
                    time.sleep(0.5)
            else:
                print(
                    f"could not drop the test database {name}; drop it by hand", file=sys.__stderr__
                )
    _created.clear()


def scalar(url, sql):
    """Run one query on a database by URL (outside any app) and return its first value."""
    database = open_database(url)
    with database.connection_context():
        return database.execute_sql(sql).fetchone()[0]


def rows(url, sql):
    """Run one query on a database by URL and return all rows."""
    database = open_database(url)
    with database.connection_context():
        return list(database.execute_sql(sql).fetchall())


def sqlite_path(url):
    """The file of a sqlite:/// URL."""
    return Path(url.removeprefix("sqlite:///"))


_template = {}


def template():
    """The URL of a database as `flask init-db` then `flask questions load` leave it, made
    by those very commands on the first call and kept for the rest of the run (dropped at
    its end with the others). Copy it with loaded_url(); never connect to it."""
    if "url" not in _template:
        from tests.helpers import make_app  # the app's own commands build it

        folder = tempfile.mkdtemp(prefix="loaded-template-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        bound = db.obj  # making an app binds the models to its database: put that back
        app = make_app(Path(folder))
        runner = app.test_cli_runner()
        for command in (["init-db"], ["questions", "load"]):
            result = runner.invoke(args=command)
            assert result.exit_code == 0, result.output
        url = app.config["DATABASE_URL"]
        let_go(url)
        if bound is not None:
            db.initialize(bound)
        _template["url"] = url
    return _template["url"]


def let_go(url):
    """Leave nothing of a database outside its copy: PostgreSQL refuses to copy a database
    anyone is connected to, so every connection to it is closed; a SQLite file is copied
    alone, so what is still in its write-ahead log is moved into it first."""
    if not db.is_closed():
        db.close()
    if ON_POSTGRES:
        import psycopg

        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (url.rsplit("/", 1)[1],),
            )
    else:
        with contextlib.closing(sqlite3.connect(sqlite_path(url))) as conn:
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert not busy, "another connection still holds the template"


def loaded_url(tmp_path, name="test"):
    """As fresh_url, but the database starts as `flask init-db` and `flask questions load`
    leave it: a copy of the run's template()."""
    return fresh_url(tmp_path, name, template=template())
