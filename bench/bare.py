"""The answer POST's yardstick in `make bench`: a bare Flask route storing one row with
Peewee, in the same database with the same settings (app.db.open_database, pooled), served
by gunicorn as the app is. Its throughput against /healthz is what one insert behind Flask
costs on the machine at the time of the run; what the answer POST does beyond it (CSRF,
the learner's attempt, the form, the end-of-quiz check) is the app's own cost.

    gunicorn --config gunicorn.conf.py bench.bare:app    (DATABASE_URL set)
"""

import os

from flask import Flask, request
from peewee import CharField, DateTimeField, Model

from app.db import open_database
from app.models import utcnow

database = open_database(os.environ["DATABASE_URL"], pool=True)


class Row(Model):
    choice = CharField()
    stored_at = DateTimeField(default=utcnow)

    class Meta:
        database = database
        table_name = "bench_bare_row"


with database.connection_context():
    database.create_tables([Row], safe=True)

app = Flask(__name__)


@app.post("/bare")
def bare():
    """Store the posted choice: one insert."""
    with database.connection_context():
        Row.create(choice=request.form.get("choice", ""))
    return "ok\n"
