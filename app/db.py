"""The database: chosen by DATABASE_URL, connected per request, closed in a teardown."""

import os
from pathlib import Path

from peewee import DatabaseProxy, Value
from playhouse.db_url import connect
from playhouse.migrations import Runner

db = DatabaseProxy()

SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "normal"}


POOL = {"max_connections": 64, "stale_timeout": 300}


def open_database(url, timeout=5.0, pool=False):
    """Return a Peewee database for the URL, with our settings where they apply.

    `timeout` is how long (seconds) a write waits for another writer's lock before giving
    up. With `pool`, each process keeps its connections open between requests instead of
    connecting (and setting SQLite's pragmas) anew every time.
    """
    if pool and "+pool" not in url.split("://", 1)[0]:
        scheme, rest = url.split("://", 1)
        url = f"{scheme}+pool://{rest}"
    options = POOL if pool else {}
    if url.startswith("sqlite"):
        # BEGIN IMMEDIATE takes the write lock at the start of every atomic block, so two
        # writers queue on the busy timeout instead of failing on a lock upgrade.
        pragmas = {**SQLITE_PRAGMAS, "busy_timeout": int(timeout * 1000)}
        if pool:  # a pooled connection serves one thread at a time, but not always the same
            options = {**options, "check_same_thread": False}
        return connect(url, pragmas=pragmas, lock_type="IMMEDIATE", **options)
    if url.startswith("postgres"):
        # The same promise as SQLite's busy timeout: wait a while for a lock, then fail
        # (the learner sees "try again") rather than hang a worker.
        return connect(url, options=f"-c lock_timeout={int(timeout * 1000)}", **options)
    return connect(url, **options)


class _Slot:
    """Where the n-th value goes in a Prepared query's parameters."""

    __slots__ = ("n",)

    def __init__(self, n):
        self.n = n


class _Compiled:
    """A Prepared query as compiled for one database: its SQL, its parameters (a _Slot where
    each value goes) and, once run, what Peewee sets up to read its rows."""

    __slots__ = ("database", "query", "sql", "params", "rows_setup")

    def __init__(self, database, build, arity):
        slots = [Value(_Slot(n), converter=False, unpack=False) for n in range(arity)]
        self.database, self.query = database, build(*slots)
        self.sql, self.params = database.get_sql_context().sql(self.query).query()
        self.rows_setup = None


class Prepared:
    """A Peewee query compiled to SQL once per database, then run again with new values.

    On a learner's busiest pages Peewee's compiling of a query (walking its tree of nodes
    into SQL) costs more than the database's running it. `build` takes one placeholder per
    value and returns the query; `run(*values)` executes the SQL compiled from it with
    those values in the placeholders' places and returns Peewee's rows (models, joined
    models, tuples: whatever the query would give). Values go to the database as given,
    not through a field's conversion: ids as ints, text as str, times as naive UTC
    datetimes. Anything that changes between runs (the time now, above all) must be a
    value, never part of what `build` fixes.

    Peewee also works out, for every result, which column goes to which model's field and
    how each is converted (its cursor wrapper's `initialize`). The SQL never changes, so
    neither does that: it is worked out on the first run and handed to the later ones.
    """

    def __init__(self, build):
        self.build = build
        self._compiled = None  # a _Compiled, for the database it was compiled on

    def _execute(self, values):
        database = db.obj
        compiled = self._compiled
        if compiled is None or compiled.database is not database:
            compiled = self._compiled = _Compiled(database, self.build, len(values))
        bound = [values[p.n] if isinstance(p, _Slot) else p for p in compiled.params]
        return compiled, database.execute_sql(compiled.sql, bound)

    def run(self, *values):
        """Execute a SELECT with these values; return Peewee's rows (iterate them)."""
        compiled, cursor = self._execute(values)
        rows = compiled.query._get_cursor_wrapper(cursor)
        if compiled.rows_setup is None:
            before = dict(vars(rows))
            rows.initialize()  # from the cursor's description: the same on every run
            made = vars(rows).items()
            compiled.rows_setup = {k: v for k, v in made if k not in before or before[k] is not v}
        else:
            vars(rows).update(compiled.rows_setup)
        rows.initialized = True
        return rows

    def first(self, *values):
        """The first row of a SELECT, or None."""
        return next(iter(self.run(*values)), None)

    def write(self, *values):
        """Execute an INSERT, UPDATE or DELETE with these values; return the rows changed."""
        return self._execute(values)[1].rowcount


def owner_only_file(url):
    """For a SQLite file, create it (if new) readable and writable by its owner alone, and
    tighten an older one: it holds names and password hashes. SQLite gives its journal and
    WAL files the database file's permissions."""
    if not url.startswith("sqlite:///") or ":memory:" in url:
        return
    path = Path(url.removeprefix("sqlite:///").split("?", 1)[0])
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        if path.stat().st_uid == os.getuid():
            path.chmod(0o600)


def init_app(app):
    """Bind the database to the app and manage a connection per request."""
    config = app.config
    owner_only_file(config["DATABASE_URL"])
    db.initialize(
        open_database(config["DATABASE_URL"], config["DATABASE_TIMEOUT"], config["DATABASE_POOL"])
    )

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
