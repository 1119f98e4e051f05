"""The database: chosen by DATABASE_URL, connected per request, closed in a teardown."""

from peewee import DatabaseProxy
from playhouse.db_url import connect

db = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,
}


def open_database(url):
    """Return a Peewee database for the URL, with our SQLite settings where it applies."""
    if url.startswith("sqlite"):
        # BEGIN IMMEDIATE takes the write lock at the start of every atomic block, so two
        # writers queue on the busy timeout instead of failing on a lock upgrade.
        return connect(url, pragmas=SQLITE_PRAGMAS, timeout=5, lock_type="IMMEDIATE")
    return connect(url)


def init_app(app):
    """Bind the database to the app and manage a connection per request."""
    db.initialize(open_database(app.config["DATABASE_URL"]))

    @app.before_request
    def _connect():
        db.connect(reuse_if_open=True)

    @app.teardown_request
    def _close(exc):
        if not db.is_closed():
            db.close()


def create_tables():
    """Create any missing table; existing tables and their rows are kept."""
    from app.models import MODELS

    with db.connection_context():
        db.create_tables(MODELS, safe=True)
