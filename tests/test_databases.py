"""The tests' own databases: the copy each test starts from holds exactly what `flask
init-db` and `flask questions load` give, and no test's copy is another's."""

from app.db import open_database
from app.models import Teacher
from tests.databases import ON_POSTGRES, loaded_url, scalar
from tests.helpers import add_teacher, make_app

# Values drawn as the rows are written, so never the same twice: when the practice session
# was opened, and when each migration was applied.
DRAWN = {("classsession", "created_at"), ("schema_migration", "applied")}


def contents(url):
    """Every table's columns, indexes and rows (less the drawn values), and on PostgreSQL
    where each sequence stands."""
    database = open_database(url)
    found = {}
    with database.connection_context():
        for table in database.get_tables():
            columns = [c.name for c in database.get_columns(table)]
            kept = [c for c in columns if (table, c) not in DRAWN]
            select = ", ".join(f'"{c}"' for c in kept)
            query = f'SELECT {select} FROM "{table}"'  # noqa: S608  # names from the catalog
            table_rows = database.execute_sql(query).fetchall()
            indexes = sorted(
                (i.name, i.sql, tuple(i.columns), i.unique) for i in database.get_indexes(table)
            )
            found[table] = (columns, indexes, sorted(map(tuple, table_rows), key=repr))
        if ON_POSTGRES:
            sequences = "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
            found["sequences"] = database.execute_sql(sequences).fetchall()
    return found


def test_a_copy_holds_what_init_db_and_questions_load_give(app, tmp_path):
    by_commands = make_app(tmp_path / "by-commands")
    runner = by_commands.test_cli_runner()
    for command in (["init-db"], ["questions", "load"]):
        result = runner.invoke(args=command)
        assert result.exit_code == 0, result.output
    copied, made = (
        contents(app.config["DATABASE_URL"]),
        contents(by_commands.config["DATABASE_URL"]),
    )
    assert copied == made
    assert {"quiz", "item", "classsession", "schema_migration"} <= copied.keys()
    assert [len(copied[t][2]) for t in ("quiz", "item", "classsession")] == [1, 29, 1]
    for table, column in DRAWN:  # the values left out are there in the copy too
        missing = f'SELECT COUNT(*) FROM "{table}" WHERE "{column}" IS NULL'  # noqa: S608
        assert scalar(app.config["DATABASE_URL"], missing) == 0


def test_each_test_gets_a_copy_of_its_own(app, tmp_path):
    add_teacher(app, "ada")
    with app.app_context():
        assert Teacher.select().count() == 1
    another = loaded_url(tmp_path / "another")
    assert another != app.config["DATABASE_URL"]
    assert scalar(another, "SELECT COUNT(*) FROM teacher") == 0
    assert scalar(another, "SELECT COUNT(*) FROM item") == 29
