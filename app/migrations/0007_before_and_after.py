"""Did the lesson work? A class session may check its learners before and after a
practice: two parallel forms of the quiz (no statement in both) and the practice between
them, each learner taking one form before and the other after, in the order they were
given at join; the teacher may open the check after the practice later."""

from peewee import BooleanField, CharField, TextField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("classsession", "check_forms", TextField(null=True)),
        migrator.add_column("classsession", "after_open", BooleanField(default=True)),
        migrator.add_column("attempt", "form_order", CharField(null=True)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("attempt", "form_order"),
        migrator.drop_column("classsession", "after_open"),
        migrator.drop_column("classsession", "check_forms"),
    )
