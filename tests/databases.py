"""Which database the tests use: a fresh SQLite file per test by default, or, when
TEST_DATABASE_URL names a PostgreSQL server (a role that may create databases), a fresh
PostgreSQL database per test, dropped at the end of the run."""

import os
import time
import uuid

from app.db import open_database

ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "")
ON_POSTGRES = ADMIN_URL.startswith("postgres")
_created = {}


def fresh_url(tmp_path, name="test"):
    """A database URL for this test folder: the same URL for the same folder and name."""
    key = (str(tmp_path), name)
    if key in _created:
        return _created[key]
    if ON_POSTGRES:
        import psycopg

        database = f"test_{uuid.uuid4().hex[:16]}"
        for tries_left in range(4, -1, -1):
            try:
                with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
                    conn.execute(f'CREATE DATABASE "{database}"')
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
