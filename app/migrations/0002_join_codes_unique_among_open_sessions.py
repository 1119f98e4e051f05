"""Join codes need be unique only among open sessions: a closed session's code is retired
and may be drawn again, so the code space never fills up with old lessons."""

from peewee import SQL


def up(migrator, db):
    migrator.migrate(
        migrator.drop_index("classsession", "classsession_join_code"),
        migrator.add_index("classsession", ("join_code",), unique=False),
        migrator.add_index(
            "classsession",
            ("join_code",),
            unique=True,
            where=SQL("is_open"),
            name="classsession_open_join_code",
        ),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index("classsession", "classsession_open_join_code"),
        migrator.drop_index("classsession", "classsession_join_code"),
        migrator.add_index("classsession", ("join_code",), unique=True),
    )
