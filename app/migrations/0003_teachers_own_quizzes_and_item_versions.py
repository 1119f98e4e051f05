"""Teachers import their own articles: a quiz may have an owner and be a draft, with the
page furniture its import left out; a teacher's working copy of items lives in draftitem;
and an item edited after it was answered gets a new version, so its key is no longer
unique in a quiz on its own."""

from peewee import (
    CharField,
    Check,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def up(migrator, db):
    class Teacher(Model):
        class Meta:
            database = db
            table_name = "teacher"

    class Quiz(Model):
        class Meta:
            database = db
            table_name = "quiz"

    migrator.migrate(
        migrator.add_column(
            "quiz",
            "owner_id",
            ForeignKeyField(Teacher, null=True, field=Teacher.id, on_delete="CASCADE"),
        ),
        migrator.add_column("quiz", "status", CharField(default="published")),
        migrator.add_column("quiz", "furniture", TextField(default="[]")),
        migrator.add_column("item", "version", IntegerField(default=1)),
        migrator.drop_index("item", "item_quiz_id_key"),
        migrator.add_index("item", ("quiz_id", "key", "version"), unique=True),
    )

    class DraftItem(Model):
        quiz = ForeignKeyField(Quiz, on_delete="CASCADE")
        key = CharField()
        position = IntegerField()
        status = CharField(default="pending")
        confidence = FloatField(null=True)
        statement = TextField()
        label = CharField(constraints=[Check("label IN ('fact', 'allegation')")])
        quote = TextField()
        explanation = TextField(default="")
        cue = TextField()
        cue_type = CharField()
        source = CharField()
        source_type = CharField()

        class Meta:
            database = db
            table_name = "draftitem"
            indexes = ((("quiz", "key"), True),)

    db.create_tables([DraftItem])


def down(migrator, db):
    db.execute_sql("DROP TABLE draftitem")
    migrator.migrate(
        migrator.drop_index("item", "item_quiz_id_key_version"),
        migrator.drop_column("item", "version"),
        migrator.add_index("item", ("quiz_id", "key"), unique=True),
        migrator.drop_index("quiz", "quiz_owner_id"),
        migrator.drop_column("quiz", "furniture"),
        migrator.drop_column("quiz", "status"),
        migrator.drop_column("quiz", "owner_id"),
    )
