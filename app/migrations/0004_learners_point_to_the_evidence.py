"""Learners point to the evidence: a class session may ask for the sentence of the article
that decides each answer, and an answer keeps the sentence marked and whether it holds the
item's quote. Class sessions already open keep working as they were (not asked); practice
asks from now on."""

from peewee import BooleanField, TextField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("classsession", "ask_evidence", BooleanField(default=True)),
        migrator.add_column("response", "evidence", TextField(null=True)),
        migrator.add_column("response", "evidence_hit", BooleanField(null=True)),
    )
    db.execute_sql("UPDATE classsession SET ask_evidence = is_practice")


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("response", "evidence_hit"),
        migrator.drop_column("response", "evidence"),
        migrator.drop_column("classsession", "ask_evidence"),
    )
