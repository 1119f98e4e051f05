"""The lesson as a class lives it: a class session may give each learner a number of
statements drawn half facts, half allegations (one draw for everyone, or one each), may
close itself at a set time, and may be led by the teacher statement by statement (a lobby,
then each statement asked and its answers shown, then a review)."""

from peewee import BooleanField, CharField, DateTimeField, IntegerField, TextField

from app.models import one_of
from app.words import LOBBY, STAGES


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("classsession", "item_count", IntegerField(null=True)),
        migrator.add_column("classsession", "item_order", TextField(null=True)),
        migrator.add_column("classsession", "closes_at", DateTimeField(null=True)),
        migrator.add_column("classsession", "paced", BooleanField(default=False)),
        migrator.add_column(
            "classsession",
            "stage",
            CharField(default=LOBBY, constraints=[one_of("stage", STAGES)]),
        ),
        migrator.add_column("classsession", "current", IntegerField(default=0)),
    )


def down(migrator, db):
    migrator.migrate(
        *(
            migrator.drop_column("classsession", column)
            for column in ("current", "stage", "paced", "closes_at", "item_order", "item_count")
        )
    )
