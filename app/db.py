"""The database: chosen by DATABASE_URL, connected per request, closed in a teardown."""

from pathlib import Path

from peewee import DatabaseProxy
from playhouse.db_url import connect
from playhouse.migrations import Runner

db = DatabaseProxy()

SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "normal"}


def open_database(url, timeout=5.0):
    """Return a Peewee database for the URL, with our SQLite settings where it applies.

    `timeout` is how long (seconds) a write waits for another writer before giving up.
    """
    if url.startswith("sqlite"):
        # BEGIN IMMEDIATE takes the write lock at the start of every atomic block, so two
        # writers queue on the busy timeout instead of failing on a lock upgrade.
        pragmas = {**SQLITE_PRAGMAS, "busy_timeout": int(timeout * 1000)}
        return connect(url, pragmas=pragmas, timeout=timeout, lock_type="IMMEDIATE")
    if url.startswith("postgres"):
        # The same promise as SQLite's busy timeout: wait a while for a lock, then fail
        # (the learner sees "try again") rather than hang a worker.
        return connect(url, options=f"-c lock_timeout={int(timeout * 1000)}")
    return connect(url)


def init_app(app):
    """Bind the database to the app and manage a connection per request."""
    db.initialize(open_database(app.config["DATABASE_URL"], app.config["DATABASE_TIMEOUT"]))

    @app.before_request
    def _connect():
        db.connect(reuse_if_open=True)

    # Closing with the app context (which ends after every request, and after every
    # `with app.app_context()` in commands and tests) leaves no connection behind.
    @app.teardown_appcontext
    def _close(exc):
        if not db.is_closed():
            db.close()


MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def migrate():
    """Apply every pending schema migration in app/migrations/, in order; keep all data.

    Returns the names of the migrations applied (none when the schema is up to date).
    """
    with db.connection_context():
        return Runner(db.obj, str(MIGRATIONS)).up()
