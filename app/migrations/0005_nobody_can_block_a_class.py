"""Nobody can block a class, a teacher or the server: a teacher's logins are rows of their
own (revoked on logout and on a password change), failed logins are counted for the
teacher to see, and the addresses (as digests) a teacher logged in from are known; a class
session may keep the answers hidden until it closes; an attempt remembers which browser
and which address (a keyed digest, not the address) joined."""

from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from app.models import utcnow


def up(migrator, db):
    class Teacher(Model):
        class Meta:
            database = db
            table_name = "teacher"

    class TeacherLogin(Model):
        token = CharField(unique=True)
        teacher = ForeignKeyField(Teacher, on_delete="CASCADE")
        created_at = DateTimeField(default=utcnow, index=True)

        class Meta:
            database = db

    db.create_tables([TeacherLogin])
    migrator.migrate(
        migrator.add_column("teacher", "failed_logins", IntegerField(default=0)),
        migrator.add_column("teacher", "known_origins", TextField(default="[]")),
        migrator.add_column("classsession", "key_after_close", BooleanField(default=False)),
        migrator.add_column("attempt", "browser", CharField(null=True)),
        migrator.add_column("attempt", "origin", CharField(null=True)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("attempt", "origin"),
        migrator.drop_column("attempt", "browser"),
        migrator.drop_column("classsession", "key_after_close"),
        migrator.drop_column("teacher", "known_origins"),
        migrator.drop_column("teacher", "failed_logins"),
    )
    db.execute_sql("DROP TABLE teacherlogin")
