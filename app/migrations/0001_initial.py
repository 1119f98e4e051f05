"""The first schema: quizzes, items, teachers, class sessions, attempts and responses.

A frozen copy of the models as they were, independent of app/models.py, so that this
migration creates the same tables however the models change later. Defaults that are
Python callables (timestamps, tokens) live in the models, not in the database.
"""

from peewee import (
    BooleanField,
    CharField,
    Check,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    SmallIntegerField,
    TextField,
)


def up(migrator, db):
    class Quiz(Model):
        slug = CharField(unique=True)
        title = CharField()
        headline = CharField()
        publisher = CharField()
        published = CharField(default="")
        url = CharField(default="")
        article = TextField()

        class Meta:
            database = db
            table_name = "quiz"

    db.create_tables([Quiz])

    class Teacher(Model):
        username = CharField(unique=True, max_length=40)
        password_hash = CharField()
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "teacher"

    db.create_tables([Teacher])

    class ClassSession(Model):
        quiz = ForeignKeyField(Quiz, on_delete="CASCADE")
        teacher = ForeignKeyField(Teacher, null=True, on_delete="CASCADE")
        title = CharField()
        join_code = CharField(unique=True, null=True)
        is_practice = BooleanField(default=False)
        is_open = BooleanField(default=True)
        read_first = BooleanField(default=True)
        ask_confidence = BooleanField(default=True)
        feedback_each = BooleanField(default=True)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "classsession"

    db.create_tables([ClassSession])

    class Attempt(Model):
        session = ForeignKeyField(ClassSession, on_delete="CASCADE")
        display_name = CharField(max_length=40)
        token = CharField(unique=True)
        item_order = TextField()
        started_at = DateTimeField()
        finished_at = DateTimeField(index=True, null=True)

        class Meta:
            database = db
            table_name = "attempt"

    db.create_tables([Attempt])

    class Item(Model):
        quiz = ForeignKeyField(Quiz, on_delete="CASCADE")
        key = CharField()
        position = IntegerField()
        active = BooleanField(default=True)
        statement = TextField()
        label = CharField(constraints=[Check("label IN ('fact', 'allegation')")])
        quote = TextField()
        explanation = TextField()
        cue = TextField()
        cue_type = CharField()
        source = CharField()
        source_type = CharField()

        class Meta:
            database = db
            table_name = "item"
            indexes = ((("quiz", "key"), True),)

    db.create_tables([Item])

    class LoginFailure(Model):
        key = CharField(index=True)
        at = DateTimeField(index=True)

        class Meta:
            database = db
            table_name = "loginfailure"

    db.create_tables([LoginFailure])

    class Response(Model):
        attempt = ForeignKeyField(Attempt, on_delete="CASCADE")
        item = ForeignKeyField(Item)
        choice = CharField(constraints=[Check("choice IN ('fact', 'allegation')")])
        confidence = SmallIntegerField(null=True, constraints=[Check("confidence BETWEEN 1 AND 4")])
        correct = BooleanField()
        answered_at = DateTimeField()

        class Meta:
            database = db
            table_name = "response"
            indexes = ((("attempt", "item"), True),)

    db.create_tables([Response])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("response"))
    migrator.migrate(migrator.drop_table("loginfailure"))
    migrator.migrate(migrator.drop_table("item"))
    migrator.migrate(migrator.drop_table("attempt"))
    migrator.migrate(migrator.drop_table("classsession"))
    migrator.migrate(migrator.drop_table("teacher"))
    migrator.migrate(migrator.drop_table("quiz"))
