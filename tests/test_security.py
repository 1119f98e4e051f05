"""Security: headers, cookies, hostile input, request size, join throttling, isolation."""

import csv
import io
import re

import pytest

from app.models import Attempt, ClassSession, CountedTry, Quiz, Response, Teacher
from tests.helpers import (
    SLUG,
    add_teacher,
    answer,
    answer_all,
    attempt_items,
    log_in,
    make_app,
    start_practice,
    text_of,
)


@pytest.mark.parametrize(
    "path", ["/", "/teacher/login", "/nowhere", "/static/css/site.css", "/a/forged"]
)
def test_security_headers_on_every_response(client, path):
    with client.get(path) as response:
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_no_inline_script_or_style_in_any_page(app, client):
    token = start_practice(client)
    answer_all(client, app, token)
    add_teacher(app, "ada")
    teacher = app.test_client()
    log_in(teacher, "ada")
    with app.app_context():
        session = ClassSession.open_class(Quiz.get(), "S", teacher=Teacher.get().id)
    pages = [
        client.get(p)
        for p in ("/", f"/a/{token}/results", f"/a/{token}/q/1", f"/a/{token}/article")
    ]
    pages += [
        teacher.get(f"/teacher/sessions/{session.id}{p}") for p in ("", "/projector", "/items")
    ]
    for page in pages:
        html = page.get_data(as_text=True)
        assert page.status_code == 200
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), page.request.path
        assert not re.search(r"\son[a-z]+=", html), page.request.path
        assert " style=" not in html, page.request.path


def test_session_cookie_flags(client):
    start_practice(client)
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure


def test_secure_cookie_when_served_over_https(tmp_path, monkeypatch):
    monkeypatch.setenv("HTTPS", "1")
    app = make_app(tmp_path)
    assert app.config["SESSION_COOKIE_SECURE"] is True


HOSTILE_NAMES = [
    "<script>alert('x')</script>",
    "Robert'); DROP TABLE attempt;--",
    '"quoted" & <b>bold</b>',
    "&lt;already&gt; &amp; escaped",
    "Zoë 🦊 名前",
    "Ngọc Ánh ऋषि 👩\u200d💻",  # accents, a script's marks, an emoji joined by a joiner
    "Mia \u2764\ufe0f\u200d\U0001f525",  # an emoji sequence with its variation selector
    "=1+2",
    "' OR '1'='1",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_stored_and_shown_literally(app, client, class_session, name):
    add_teacher(app, "ada")
    with app.app_context():
        ClassSession.update(teacher=Teacher.get().id).execute()
    location = client.post("/join", data={"code": class_session.join_code, "name": name}).location
    token = location.rsplit("/", 1)[1]
    answer_all(client, app, token)
    with app.app_context():
        assert Attempt.get(Attempt.token == token).display_name == name
    results = client.get(f"/a/{token}/results")
    assert name in text_of(results)
    assert "<script>alert" not in results.get_data(as_text=True)
    teacher = app.test_client()
    log_in(teacher, "ada")
    dashboard = teacher.get(f"/teacher/sessions/{class_session.id}")
    assert name in text_of(dashboard)
    assert "<script>alert" not in dashboard.get_data(as_text=True)
    exported = teacher.get(f"/teacher/sessions/{class_session.id}/attempts.csv").get_data()
    row = next(csv.DictReader(io.StringIO(exported.decode().lstrip("\ufeff"))))
    assert row["learner"] == ("'" + name if name[0] in "=+-@" else name)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("x" * 10_000, "at most 40 characters"),
        ("nul\x00byte", "can only contain"),
        ("bell\x07", "can only contain"),
        # Names that pass for a classmate's, or spill over the rows around them.
        ("Alice\u200b", "can only contain"),
        ("\u202eecilA", "can only contain"),
        ("\u202eevil\u202c mark", "can only contain"),
        ("Sam\u200d", "can only contain"),
        ("Z" + "\u0301" * 38, "at most a few accents"),
        ("\u041c\u0430\u0440\u200d\u0438\u044f", "can only contain"),  # "Мария", a joiner inside
        ("a" + "\u0301\u0301\u0301\u200d" * 3, "can only contain"),  # accents piled via joiners
        ("Ana\u034f", "can only contain"),  # combining grapheme joiner: shows nothing
        ("\u3164", "can only contain"),  # Hangul filler: a blank name
        ("\u2800Ana", "can only contain"),  # blank braille cell
    ],
    ids=[
        "10000-chars",
        "nul",
        "control",
        "zero-width",
        "rtl",
        "rtl-pair",
        "joiner",
        "marks",
        "joiner-inside-word",
        "marks-via-joiners",
        "grapheme-joiner",
        "filler",
        "braille-blank",
    ],
)
def test_hostile_names_refused_with_a_message(app, client, class_session, name, message):
    response = client.post("/join", data={"code": class_session.join_code, "name": name})
    assert response.status_code == 400 and message in text_of(response)
    with app.app_context():
        assert Attempt.select().count() == 0


def test_hostile_item_text_is_escaped(tmp_path, questions_copy):
    quiz = questions_copy / SLUG / "quiz.yaml"
    text = quiz.read_text(encoding="utf-8")
    text = text.replace(
        'statement: "The Donbas is made up of the Luhansk and Donetsk regions."',
        'statement: "<script>alert(1)</script> & <b>Donbas</b> \\u202e"',
    )
    quiz.write_text(text, encoding="utf-8")
    app = make_app(tmp_path, questions_dir=questions_copy)
    runner = app.test_cli_runner()
    for command in (["init-db"], ["questions", "load"]):
        assert runner.invoke(args=command).exit_code == 0
    client = app.test_client()
    token = start_practice(client)
    items = attempt_items(app, token)
    position = next(n for n, i in enumerate(items, 1) if i.key == "donbas-regions")
    for n, item in enumerate(items[: position - 1], start=1):
        answer(client, token, n, item, item.label)
    html = client.get(f"/a/{token}/q/{position}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Donbas&lt;/b&gt;" in html
    assert "<script>alert(1)" not in html


def test_oversized_request_is_refused_with_413(app, client, class_session):
    response = client.post("/join", data={"code": class_session.join_code, "name": "x" * 200_000})
    assert response.status_code == 413
    assert "Too much text" in text_of(response)
    with app.app_context():
        assert Attempt.select().count() == 0


def test_wrong_join_codes_are_throttled_per_address(app, client, class_session):
    for n in range(50):
        client.post(
            "/join",
            data={"code": f"ZZZZ{n:02d}"[-6:].replace("0", "A").replace("1", "B"), "name": "Guess"},
        )
    blocked = client.post("/join", data={"code": "ZZZZZZ", "name": "Guess"})
    assert blocked.status_code == 429 and "Too many wrong codes" in text_of(blocked)
    # The right code still gets in from the same address (a class shares its router's).
    right = client.post("/join", data={"code": class_session.join_code, "name": "Real"})
    assert right.status_code == 302
    with app.app_context():
        assert CountedTry.select().where(CountedTry.key.startswith("join:")).count() == 50


def test_learner_pages_never_show_other_learners_or_keys(app, client, class_session):
    other = app.test_client()
    other.post("/join", data={"code": class_session.join_code, "name": "Secretname"})
    token = client.post("/join", data={"code": class_session.join_code, "name": "Me"})
    token = token.location.rsplit("/", 1)[1]
    items = attempt_items(app, token)
    pages = [
        client.get("/"),
        client.get(f"/a/{token}"),
        client.get(f"/a/{token}/q/1"),
        client.get(f"/a/{token}/article"),
    ]
    for page in pages:
        assert "Secretname" not in text_of(page)
        for item in items:
            assert item.explanation not in text_of(page)


def test_forged_or_foreign_tokens_cannot_read_or_change(app, client):
    mine = start_practice(client, "Mine")
    stranger = app.test_client()
    theirs = start_practice(stranger, "Theirs")
    items = attempt_items(app, theirs)
    forged = theirs[:-1] + ("A" if theirs[-1] != "A" else "B")
    assert client.get(f"/a/{forged}/q/1").status_code == 404
    assert answer(client, forged, 1, items[0], "fact").status_code == 404
    # Answering my attempt with their item id changes neither attempt.
    assert answer(client, mine, 1, items[0], "fact").status_code in (302, 400)
    with app.app_context():
        theirs_row = Attempt.get(Attempt.token == theirs)
        assert Response.select().where(Response.attempt == theirs_row).count() == 0
