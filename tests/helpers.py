"""Helpers shared by the test modules: making an app, a learner's and a teacher's steps in
the test client, quizzes to import, and counts read straight from the database.

Fixtures live in tests/conftest.py; plain functions and constants live here, so a test
module imports them from here and never from another test module."""

import io
import re
import zipfile
from html import unescape
from pathlib import Path

from app import create_app, evidence
from app.models import Attempt, Item, Quiz
from tests.databases import fresh_url, rows, scalar

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "questions"
SLUG = "buffer-zone-2026"
ARTICLES = Path(__file__).parent / "articles"
LIBRARY = (ARTICLES / "library-roof.txt").read_text(encoding="utf-8")
GOOD_ARTICLE = (QUESTIONS / SLUG / "article.txt").read_text()
GOOD_YAML = (QUESTIONS / SLUG / "quiz.yaml").read_text()
PASSWORD = "correct horse battery"


def make_app(tmp_path, questions_dir=QUESTIONS, **config):
    """Create an app whose instance folder and SQLite file live under tmp_path."""
    settings = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": fresh_url(tmp_path),
        # An app per test: connections close with each request rather than wait in a pool
        # that outlives the test. The servers in tests/server.py keep the pool on.
        "DATABASE_POOL": False,
        "QUESTIONS_DIR": str(questions_dir),
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test-secret",
    }
    settings.update(config)
    return create_app(settings)


def text_of(response):
    """The page's visible text, tags stripped, white space folded."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def count(app, model):
    """Rows in a table."""
    with app.app_context():
        return model.select().count()


# A learner in the test client ------------------------------------------------------------


def start_practice(client, name="Ann"):
    """Start a practice attempt through the home page's form; return its token."""
    response = client.post("/practice", data={"quiz": SLUG, "name": name})
    assert response.status_code == 302, response.data
    return response.location.rsplit("/a/", 1)[1]


SCHOOL = "203.0.113.7"  # one school router: a whole class behind one address


def join(client, code, name, address=SCHOOL):
    """Post the join form from a network address; return the response."""
    return client.post(
        "/join", data={"code": code, "name": name}, environ_base={"REMOTE_ADDR": address}
    )


def token_of(response):
    """The attempt token a join or practice redirects to."""
    assert response.status_code == 302, text_of(response)
    return response.location.rsplit("/a/", 1)[1]


def attempt_items(app, token):
    """The attempt's items in the learner's order."""
    with app.app_context():
        attempt = Attempt.get(Attempt.token == token)
        items = {i.id: i for i in Item.select().where(Item.id.in_(attempt.item_ids))}
        return [items[i] for i in attempt.item_ids]


def evidence_for(item, kind="hit"):
    """The number of a sentence to mark for the item: one holding its quote ("hit"), the
    first one that doesn't ("miss"), or None (no mark)."""
    if kind is None:
        return None
    article = Quiz.get_by_id(item.quiz_id).article
    deciding = evidence.deciding(article, item.quote)
    if kind == "hit":
        return min(deciding)
    return next(s.number for s in evidence.reading(article).sentences if s.number not in deciding)


IN_PLACE = {"X-Answer-In-Place": "1"}  # what static/js/answer.js sends with an answer


def answer(client, token, position, item, choice, confidence=None, marked="hit", in_place=False):
    """Post one answer as the question page's form would, marking a sentence of the article
    that holds the item's quote (or, with `marked`, one that doesn't, or none); with
    `in_place`, as the page's script sends it."""
    data = {"item": str(item.id), "choice": choice}
    if confidence is not None:
        data["confidence"] = str(confidence)
    with client.application.app_context():
        number = evidence_for(item, marked)
    if number is not None:
        data["evidence"] = str(number)
    headers = IN_PLACE if in_place else {}
    return client.post(f"/a/{token}/q/{position}", data=data, headers=headers)


def answer_all(client, app, token, right=lambda n, item: True, confidence=None, marked="hit"):
    """Answer every item; `right(position, item)` says whether to answer correctly."""
    items = attempt_items(app, token)
    for n, item in enumerate(items, start=1):
        wrong = "allegation" if item.label == "fact" else "fact"
        choice = item.label if right(n, item) else wrong
        response = answer(client, token, n, item, choice, confidence, marked)
        assert response.status_code == 302, response.data
    return items


# A teacher in the test client ------------------------------------------------------------


def add_teacher(app, username):
    """Create a teacher account through the CLI, as an administrator would."""
    result = app.test_cli_runner().invoke(
        args=["teacher", "create", username, "--password", PASSWORD]
    )
    assert result.exit_code == 0, result.output


def log_in(client, username, password=PASSWORD):
    """Post the login form."""
    return client.post("/teacher/login", data={"username": username, "password": password})


def new_session(client, title="Year 9", **options):
    """Open a class session through the form; return its id and join code."""
    data = {
        "title": title,
        "quiz": SLUG,
        "read_first": "y",
        "ask_confidence": "y",
        "feedback": "each",
        **options,
    }
    response = client.post("/teacher/sessions", data=data)
    assert response.status_code == 302, text_of(response)
    session_id = int(re.search(r"/sessions/(\d+)/", response.location).group(1))
    projector = text_of(client.get(response.location))
    code = re.search(r"type the code: ([A-Z0-9]{6})", projector).group(1)
    return session_id, code


# A teacher's own quiz ----------------------------------------------------------------------


def import_text(client, text=LIBRARY, **fields):
    """Post the import form with pasted text; return the new quiz's slug."""
    data = {"text": text, "publisher": "Millbrook Courier", **fields}
    response = client.post("/teacher/quizzes/new", data=data)
    assert response.status_code == 302, text_of(response)
    return re.search(r"/quizzes/([^/]+)/article", response.location).group(1)


def draft(client, slug, put_back=()):
    """Save the article as it stands and draft items from it."""
    with client.application.app_context():
        text = Quiz.get(Quiz.slug == slug).article
    data = {"text": text, "draft": "Save and draft items", "put_back": [str(n) for n in put_back]}
    response = client.post(f"/teacher/quizzes/{slug}/article", data=data)
    assert response.status_code == 302, text_of(response)
    return response


def zipped(article=None, quiz_yaml=None):
    """A zip of a folder q/ holding the given article.txt and quiz.yaml (None: left out)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (("article.txt", article), ("quiz.yaml", quiz_yaml)):
            if text is not None:
                archive.writestr(f"q/{name}", text)
    return buffer.getvalue()


# The four-item bridge quiz (the `small` fixture) ---------------------------------------------

ARTICLE = """Small test article

The council met on Monday. Mayor Ann Lee said the bridge was unsafe.

A rival claims the mayor wants the bridge closed for her friends. Police reportedly found nothing.
"""
QUIZ = """title: Bridge
article: {headline: Small test article, publisher: Test Times}
items:
  - {id: f1, statement: The council met on Monday., label: fact, quote: The council met on Monday.,
     explanation: Reported in the article's own voice., cue: met, cue_type: none,
     source: The article, source_type: reporter}
  - {id: f2, statement: The mayor said the bridge was unsafe., label: fact,
     quote: Mayor Ann Lee said the bridge was unsafe., explanation: Her words are on the record.,
     cue: said, cue_type: attribution, source: Ann Lee, source_type: party-official}
  - {id: a1, statement: The mayor wants the bridge closed for her friends., label: allegation,
     quote: A rival claims the mayor wants the bridge closed for her friends.,
     explanation: A rival's claim without evidence., cue: claims, cue_type: loaded-verb,
     source: A rival, source_type: party-official}
  - {id: a2, statement: Police found nothing., label: allegation,
     quote: Police reportedly found nothing., explanation: Only reportedly.,
     cue: reportedly, cue_type: hedge, source: Unnamed, source_type: reporter}
"""


# A real server (tests/server.py) and its database ------------------------------------------


def open_session(env):
    """Open a class session with the CLI; return its join code."""
    import subprocess

    from tests.server import BIN, ROOT

    out = subprocess.run(
        [BIN / "flask", "sessions", "create", "--title", "Load"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.rsplit("Join code: ", 1)[1].strip()


def db_counts(url):
    """{display name: (responses, correct)}, duplicate (attempt, item) pairs, and finished
    attempts, read straight from the database."""
    per_learner = rows(
        url,
        "SELECT a.display_name, COUNT(r.id), SUM(CASE WHEN r.correct "
        "THEN 1 ELSE 0 END) FROM attempt a LEFT JOIN response r "
        "ON r.attempt_id = a.id GROUP BY a.id, a.display_name",
    )
    duplicates = scalar(
        url,
        "SELECT COUNT(*) FROM (SELECT attempt_id, item_id FROM response "
        "GROUP BY attempt_id, item_id HAVING COUNT(*) > 1) AS d",
    )
    finished = scalar(url, "SELECT COUNT(*) FROM attempt WHERE finished_at IS NOT NULL")
    return {name: (n, correct or 0) for name, n, correct in per_learner}, duplicates, finished
