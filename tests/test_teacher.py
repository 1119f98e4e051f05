"""The teacher's side in the test client: access, ownership, CSRF, throttling, reports."""

import re
from datetime import timedelta

import pytest

from app.models import Attempt, ClassSession, CountedTry, Quiz, Response, Teacher, utcnow
from tests.helpers import (
    PASSWORD,
    SLUG,
    add_teacher,
    answer,
    attempt_items,
    log_in,
    new_session,
    text_of,
)


def teacher_rules(app):
    """Every teacher URL rule, with a session id filled in where one is needed."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("teacher.") and rule.endpoint != "teacher.login":
            yield rule


def build(rule, **values):
    """A concrete path for a rule."""
    path = rule.rule
    for name in rule.arguments:
        path = path.replace(f"<int:{name}>", str(values.get(name, 1))).replace(
            f"<{name}>", str(values.get(name, SLUG))
        )
    return path


def test_every_teacher_route_refuses_anonymous_visitors(app, client, class_session):
    rules = list(teacher_rules(app))
    assert len(rules) >= 14
    for rule in rules:
        path = build(rule, session_id=class_session.id)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method)
            assert response.status_code == 302, (method, path)
            assert "/teacher/login" in response.location, (method, path)
    with app.app_context():
        assert ClassSession.get_by_id(class_session.id).is_open


def test_another_teacher_gets_404_everywhere(app, teacher):
    session_id, _ = new_session(teacher, title="Ada's secret class")
    other = app.test_client()
    add_teacher(app, "bob")
    log_in(other, "bob")
    for rule in teacher_rules(app):
        if "session_id" not in rule.arguments:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = other.open(build(rule, session_id=session_id), method=method)
            assert response.status_code == 404, (method, rule.rule)
    with app.app_context():
        assert ClassSession.get_by_id(session_id).is_open
    assert "Ada's secret class" not in text_of(other.get("/teacher/"))


def test_csrf_enforced_on_every_post(loaded_app):
    app = loaded_app(WTF_CSRF_ENABLED=True)
    add_teacher(app, "ada")
    client = app.test_client()
    html = client.get("/teacher/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    assert log_in(client, "ada").status_code == 400  # no token: refused
    ok = client.post(
        "/teacher/login", data={"username": "ada", "password": PASSWORD, "csrf_token": token}
    )
    assert ok.status_code == 302
    with app.app_context():
        quiz = Quiz.get(Quiz.slug == SLUG)
        session = ClassSession.open_class(quiz, "Mine", teacher=Teacher.get().id)
    posts = [r for r in app.url_map.iter_rules() if "POST" in r.methods]
    assert {
        "student.join",
        "student.practice",
        "student.answer",
        "teacher.create_session",
        "teacher.close_session",
        "teacher.delete_session",
        "teacher.logout",
        "teacher.login",
    } <= {r.endpoint for r in posts}
    for rule in posts:
        path = build(rule, session_id=session.id, token="x", position=1)
        response = client.post(path, data={"title": "T", "quiz": SLUG})
        assert response.status_code == 400, rule.rule
        assert "This form has expired" in text_of(response)
    with app.app_context():
        assert ClassSession.select().where(ClassSession.teacher.is_null(False)).count() == 1
        assert ClassSession.get_by_id(session.id).is_open


def test_login_failures_throttle_and_release(app, client):
    add_teacher(app, "ada")
    for _ in range(5):
        response = log_in(client, "ada", "wrong password")
        assert response.status_code == 400
        assert "don't match" in text_of(response)
    blocked = log_in(client, "ada")  # from this address, even the right password waits
    assert blocked.status_code == 429
    assert re.search(r"Try again in 1[45] minutes", text_of(blocked))
    with app.app_context():
        CountedTry.update(at=utcnow() - timedelta(minutes=16)).execute()
    assert log_in(client, "ada").status_code == 302


@pytest.mark.slow
def test_address_throttle_covers_many_accounts(app, client):
    for n in range(30):
        assert log_in(client, f"guess{n // 5}", "nope").status_code == 400
    assert log_in(client, "someone-else", "nope").status_code == 429


def test_logout_is_a_post(teacher):
    assert teacher.get("/teacher/logout").status_code == 405
    teacher.post("/teacher/logout")
    assert teacher.get("/teacher/").status_code == 302


def change_password(client, current, new, confirm=None):
    """Post the change-password form."""
    data = {"current": current, "new": new, "confirm": new if confirm is None else confirm}
    return client.post("/teacher/password", data=data)


def test_change_password(app, teacher):
    wrong = change_password(teacher, "not it", "a new long password")
    assert wrong.status_code == 400 and "not your current password" in text_of(wrong)
    short = change_password(teacher, PASSWORD, "short")
    assert "at least 10 characters" in text_of(short)
    mismatch = change_password(teacher, PASSWORD, "a new long password", "another one")
    assert "not the same" in text_of(mismatch)
    ok = change_password(teacher, PASSWORD, "a new long password")
    assert ok.status_code == 302
    fresh = app.test_client()
    assert log_in(fresh, "ada").status_code == 400
    assert log_in(fresh, "ada", "a new long password").status_code == 302


def test_login_next_stays_on_this_site(app, client):
    add_teacher(app, "ada")
    response = client.post(
        "/teacher/login?next=//evil.example/", data={"username": "ada", "password": PASSWORD}
    )
    assert response.location == "/teacher/"


def test_teacher_ensure_creates_one_account_once(app, runner):
    first = runner.invoke(args=["teacher", "ensure"])
    password = re.search(r"password:\s+(\S+)", first.output).group(1)
    assert runner.invoke(args=["teacher", "ensure"]).output == ""
    assert log_in(app.test_client(), "teacher", password).status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "Give the session a title"),
        ({"title": "x" * 81}, "80 characters"),
        ({"quiz": "nope"}, "Choose one of the articles."),
        ({"feedback": "never"}, "Choose when learners see feedback."),
    ],
)
def test_bad_session_form(app, teacher, data, message):
    form = {"title": "T", "quiz": SLUG, "feedback": "each", **data}
    response = teacher.post("/teacher/sessions", data=form)
    assert response.status_code == 400
    assert message in text_of(response)
    with app.app_context():
        assert ClassSession.select().where(~ClassSession.is_practice).count() == 0


def test_projector_shows_code_address_and_qr(teacher):
    session_id, code = new_session(teacher)
    html = teacher.get(f"/teacher/sessions/{session_id}/projector").get_data(as_text=True)
    assert 'class="join-code"' in html and code in html
    assert "<svg" in html and "localhost" in html
    assert f"/?code={code}" in html
    # The QR link fills in the code on the home page.
    assert f'value="{code}"' in teacher.get(f"/?code={code}").get_data(as_text=True)


def test_close_reopen_and_delete(app, teacher):
    session_id, code = new_session(teacher)
    learner = app.test_client()
    token = learner.post("/join", data={"code": code, "name": "Ann"}).location.rsplit("/", 1)[1]
    answer(learner, token, 1, attempt_items(app, token)[0], "fact")
    teacher.post(f"/teacher/sessions/{session_id}/close")
    assert "has closed" in text_of(learner.post("/join", data={"code": code, "name": "Bo"}))
    teacher.post(f"/teacher/sessions/{session_id}/reopen")
    assert learner.post("/join", data={"code": code, "name": "Bo"}).status_code == 302
    confirm = teacher.get(f"/teacher/sessions/{session_id}/delete")
    assert "2 learners" in text_of(confirm)
    with app.app_context():
        assert ClassSession.get_by_id(session_id) is not None  # asking deletes nothing
    teacher.post(f"/teacher/sessions/{session_id}/delete")
    with app.app_context():
        assert ClassSession.get_or_none(ClassSession.id == session_id) is None
        assert Attempt.select().count() == 0 and Response.select().count() == 0
    assert teacher.get(f"/teacher/sessions/{session_id}").status_code == 404


def test_feedback_only_at_the_end(app, teacher):
    session_id, code = new_session(teacher, feedback="end")
    learner = app.test_client()
    token = learner.post("/join", data={"code": code, "name": "Ann"}).location.rsplit("/", 1)[1]
    items = attempt_items(app, token)
    response = answer(learner, token, 1, items[0], "fact")  # straight on to the next
    assert response.location.endswith(f"/a/{token}/q/2")
    saved = text_of(learner.get(f"/a/{token}/q/1"))
    assert "is saved" in saved and items[0].explanation not in saved
    for n, item in enumerate(items[1:], start=2):
        answer(learner, token, n, item, item.label)
    assert items[0].explanation in text_of(learner.get(f"/a/{token}/q/1"))


def test_question_bank_is_browsable(teacher):
    page = text_of(teacher.get("/teacher/quizzes"))
    assert "29 statements (15 facts, 14 allegations)" in page
    detail = text_of(teacher.get(f"/teacher/quizzes/{SLUG}"))
    assert "Unevidenced allegation" in detail and "typical Russian lies" in detail
    assert teacher.get("/teacher/quizzes/nope").status_code == 404


def test_expired_failures_are_forgotten(app, client):
    add_teacher(app, "ada")
    log_in(client, "ada", "wrong")
    with app.app_context():
        CountedTry.update(at=utcnow() - timedelta(hours=2)).execute()
    log_in(client, "ada", "wrong again")
    with app.app_context():
        # The new one only: per account and address, per account, per address.
        assert CountedTry.select().count() == 3


@pytest.mark.parametrize("path", ["/teacher/quizzes/%00", "/teacher/quizzes/a%00b"])
def test_text_the_database_cannot_hold_is_a_clean_refusal(teacher, path):
    assert teacher.get(path).status_code in (400, 404)


def learner_with_answers(app, code, name, rights):
    """A learner joins and answers the first statements, right or wrong as `rights` says;
    return their attempt id and the items they answered."""
    learner = app.test_client()
    token = learner.post("/join", data={"code": code, "name": name}).location.rsplit("/", 1)[1]
    items = attempt_items(app, token)[: len(rights)]
    for n, (item, right) in enumerate(zip(items, rights, strict=True), start=1):
        wrong = "allegation" if item.label == "fact" else "fact"
        answer(learner, token, n, item, item.label if right else wrong, confidence=4)
    with app.app_context():
        return Attempt.get(Attempt.token == token).id, items


def test_a_printable_report_per_learner_for_their_teacher_only(app, teacher):
    session_id, code = new_session(teacher, ask_evidence="y")
    attempt_id, items = learner_with_answers(app, code, "Ann", [True, False, False])
    path = f"/teacher/sessions/{session_id}/learners/{attempt_id}/report"
    assert f'href="{path}"' in teacher.get(f"/teacher/sessions/{session_id}").get_data(True)
    page = text_of(teacher.get(path))
    assert "Ann: how they did" in page
    assert "1 of 3 right (33%)" in page and "answered 3 of the 29 statements so far" in page
    wrong = items[1:]
    believed = sum(item.label == "allegation" for item in wrong)
    doubted = sum(item.label == "fact" for item in wrong)
    facts = sum(item.label == "fact" for item in items)
    if facts < 3:
        assert f"Believed {believed} of {3 - facts} allegations: took them for facts." in page
    else:
        assert "No allegation answered yet." in page
    if facts:
        assert f"Doubted {doubted} of {facts} facts: took them for allegations." in page
    else:
        assert "No fact answered yet." in page
    assert "Of the 3 answers with a confidence, Ann was on average 100% sure" in page
    assert "Marked the sentence that decides it for 3 of 3 statements (100%)" in page
    assert "Statements to go over" in page
    for item in wrong:
        assert item.statement in page
    assert items[0].statement not in page
    # A page that may go home: no symbols, and no lean named on 3 answers (as the learner's
    # own page, which waits for 10 of each kind).
    assert "leans towards" not in page and "d′" not in page and "lean c" not in page
    # Another of the teacher's sessions does not reach this learner; nor does another teacher.
    other_session, _ = new_session(teacher, title="Another class")
    elsewhere = f"/teacher/sessions/{other_session}/learners/{attempt_id}/report"
    assert teacher.get(elsewhere).status_code == 404
    bob = app.test_client()
    add_teacher(app, "bob")
    log_in(bob, "bob")
    assert bob.get(path).status_code == 404


def test_a_report_before_any_answer_says_so(app, teacher):
    session_id, code = new_session(teacher)
    attempt_id, _ = learner_with_answers(app, code, "Quiet", [])
    page = text_of(teacher.get(f"/teacher/sessions/{session_id}/learners/{attempt_id}/report"))
    assert "No answers yet. Quiet has joined but has not answered any of the 29 statements" in page
    assert "0 of 0" not in page and "Statements to go over" not in page


UTC_TIME = r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ" data-local="%s">%s UTC</time>'


def test_times_are_sent_in_utc_for_the_browser_to_show_in_local_time(app, teacher):
    session_id, code = new_session(teacher)
    attempt_id, _ = learner_with_answers(app, code, "Ann", [True])
    dashboard = teacher.get(f"/teacher/sessions/{session_id}").get_data(as_text=True)
    assert '<script src="/static/js/localtime.js" defer></script>' in dashboard
    assert re.search(r"Updated " + UTC_TIME % ("time", r"\d\d:\d\d:\d\d"), dashboard)
    assert re.search(
        r"opened " + UTC_TIME % ("date-time", r"\d\d \w{3} \d{4} \d\d:\d\d"), dashboard
    )
    live = teacher.get(f"/teacher/sessions/{session_id}/live").get_data(as_text=True)
    assert re.search(UTC_TIME % ("time", r"\d\d:\d\d:\d\d"), live)
    report = teacher.get(f"/teacher/sessions/{session_id}/learners/{attempt_id}/report")
    assert re.search(r"joined " + UTC_TIME % ("date-time", r"[^<]+"), report.get_data(True))
    script = teacher.get("/static/js/localtime.js")
    assert script.status_code == 200 and b"Intl.DateTimeFormat" in script.data
    script.close()


def test_a_big_class_s_table_comes_a_page_at_a_time(app, teacher, monkeypatch):
    monkeypatch.setattr("app.teacher.routes.LEARNERS_SHOWN", 2)
    session_id, code = new_session(teacher)
    with app.app_context():
        class_session = ClassSession.get_by_id(session_id)
        for name in ("Ann", "Bo", "Cy", "Di", "Ed"):
            Attempt.begin(class_session, name)
    live = f"/teacher/sessions/{session_id}/live"
    first = text_of(teacher.get(live))
    assert "Learners 1–2 of 5." in first and "Ann" in first and "Cy" not in first
    third = text_of(teacher.get(f"{live}?page=3"))
    assert "Learners 5–5 of 5." in third and "Ed" in third and "Ann" not in third
    assert "Learners 5–5 of 5." in text_of(teacher.get(f"{live}?page=99"))  # the last
    page = teacher.get(f"/teacher/sessions/{session_id}?page=2").get_data(as_text=True)
    assert f'data-live-url="/teacher/sessions/{session_id}/live?page=2"' in page
    # A rename that fails shows the page with that learner's row, and why.
    with app.app_context():
        di = Attempt.get(Attempt.display_name == "Di").id
    refused = teacher.post(f"/teacher/sessions/{session_id}/learners/{di}/name", data={"name": ""})
    assert refused.status_code == 400 and "Learners 3–4 of 5." in text_of(refused)


def test_the_live_figures_follow_every_change(app, teacher):
    """The dashboard keeps its figures between refreshes while nothing changed: an answer,
    a learner finishing, a rename and a removal each show at the next refresh."""
    session_id, code = new_session(teacher)
    learner = app.test_client()
    token = learner.post("/join", data={"code": code, "name": "Ann"}).location.rsplit("/", 1)[1]
    live = f"/teacher/sessions/{session_id}/live"

    def point(name):  # the learner's point on the chart (kept with the figures), if any
        found = re.search(rf'aria-label="{name}: ([^"]+)"', teacher.get(live).get_data(True))
        return found and found.group(1)

    assert "0/29" in text_of(teacher.get(live))
    items = attempt_items(app, token)
    answer(learner, token, 1, items[0], items[0].label)
    assert "1/29" in text_of(teacher.get(live)) and point("Ann") is None  # one kind only
    other = next(n for n, i in enumerate(items[1:], start=2) if i.label != items[0].label)
    wrong = "fact" if items[other - 1].label == "allegation" else "allegation"
    answer(learner, token, other, items[other - 1], wrong)  # one of each kind: on the chart
    half = point("Ann")
    assert half is not None and point("Ann") == half
    for n, item in enumerate(items[1:], start=2):
        if n != other:
            answer(learner, token, n, item, item.label)
    assert "29/29 ✓ done" in text_of(teacher.get(live))
    assert point("Ann") not in (None, half)  # every answer since moved the point
    with app.app_context():
        ann = Attempt.get().id
    teacher.post(f"/teacher/sessions/{session_id}/learners/{ann}/name", data={"name": "Anna"})
    assert "Anna" in text_of(teacher.get(live))
    assert point("Anna") is not None and point("Ann") is None
    with app.app_context():
        Attempt.delete().execute()  # as "Remove" does
    assert "Anna" not in text_of(teacher.get(live)) and point("Anna") is None
