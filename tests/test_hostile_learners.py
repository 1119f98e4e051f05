"""Findings of a hostile test of the running app, each reproduced: a pupil blocking a class
from joining, the next pupil at a shared computer answering for the last, a throwaway name
harvesting the answers, and a class flooded with joins that the teacher could not remove."""

import hashlib
import hmac
import re
from datetime import timedelta
from html import unescape

import pytest
from itsdangerous import URLSafeTimedSerializer

from app import reports
from app.models import Attempt, ClassSession, CountedTry, Quiz, Response, Teacher
from tests.databases import rows
from tests.helpers import (
    PASSWORD,
    SCHOOL,
    SLUG,
    add_teacher,
    answer,
    answer_all,
    attempt_items,
    count,
    db_counts,
    join,
    log_in,
    new_session,
    open_session,
    text_of,
    token_of,
)
from tests.http_learner import Learner
from tests.server import prepare, running


def attempts(app):
    """The stored attempts' (display name, token), oldest first."""
    with app.app_context():
        query = Attempt.select().order_by(Attempt.id)
        return [(a.display_name, a.token) for a in query]


def wrong_code(n):
    """A well-formed code that no session uses (the alphabet leaves out 0, 1, I, L, O)."""
    digits = "23456789"
    return "ZZZZ" + digits[n // 8 % 8] + digits[n % 8]


# 5. One pupil can stop a class joining ------------------------------------------------


def test_wrong_codes_from_one_address_never_refuse_the_right_code(app, class_session):
    bully, pupil = app.test_client(), app.test_client()
    for n in range(50):
        assert join(bully, wrong_code(n), "Guess").status_code == 400
    refused = join(bully, wrong_code(50), "Guess")
    assert refused.status_code == 429
    assert "Too many wrong codes from here" in text_of(refused)
    # A classmate behind the same router, with the right code, gets in at once.
    joined = join(pupil, class_session.join_code, "Real")
    assert joined.status_code == 302
    assert [name for name, _ in attempts(app)] == ["Real"]
    # And so does the bully with the right code: only wrong codes are refused.
    assert join(bully, class_session.join_code, "Bully").status_code == 302
    # Wrong codes stay slow from that address: still refused, and the refusals not counted.
    assert join(pupil, wrong_code(51), "Typo").status_code == 429
    with app.app_context():
        assert CountedTry.select().where(CountedTry.key.startswith("join:")).count() == 50
    # Another address's wrong code is its own: a plain "no class uses it".
    elsewhere = join(app.test_client(), wrong_code(52), "Other", address="198.51.100.9")
    assert elsewhere.status_code == 400 and "No class uses the code" in text_of(elsewhere)
    assert [name for name, _ in attempts(app)] == ["Real", "Bully"]


# 6. Shared computers expose the previous pupil -----------------------------------------


def test_this_isnt_me_forgets_the_earlier_pupil(app, client, class_session):
    first = token_of(join(client, class_session.join_code, "Ann"))
    home = client.get("/")
    assert f"/a/{first}" in home.get_data(as_text=True)
    assert "This isn't me — start as someone else" in text_of(home)
    browser = client.get_cookie("learner")
    assert browser is not None
    forgot = client.post("/not-me")
    assert forgot.status_code == 302
    home = client.get("/")
    assert f"/a/{first}" not in home.get_data(as_text=True) and "Ann" not in text_of(home)
    assert client.get_cookie("learner") is None  # the browser id is gone with the list
    # The next pupil, typing the same name, gets an attempt of their own.
    second = token_of(join(client, class_session.join_code, "Ann"))
    assert second != first
    assert [name for name, _ in attempts(app)] == ["Ann", "Ann (2)"]  # told apart
    with app.app_context():
        browsers = [a.browser for a in Attempt.select().order_by(Attempt.id)]
    assert browsers[0] and browsers[1] and browsers[0] != browsers[1]
    # Nothing was deleted: the first attempt still opens by its address.
    assert client.get(f"/a/{first}").status_code == 200


def test_this_isnt_me_needs_a_csrf_token(loaded_app):
    app = loaded_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    html = client.get("/").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    practice = client.post("/practice", data={"quiz": SLUG, "name": "Kim", "csrf_token": csrf})
    token = token_of(practice)
    html = client.get("/").get_data(as_text=True)
    assert 'action="/not-me"' in html
    refused = client.post("/not-me")
    assert refused.status_code == 400 and "This form has expired" in text_of(refused)
    assert f"/a/{token}" in client.get("/").get_data(as_text=True)  # nothing forgotten
    assert client.post("/not-me", data={"csrf_token": csrf}).status_code == 302
    assert f"/a/{token}" not in client.get("/").get_data(as_text=True)


def test_finished_attempt_leaves_the_home_page_once_its_results_are_seen(app, client):
    token = token_of(client.post("/practice", data={"quiz": SLUG, "name": "Lou"}))
    answer_all(client, app, token)
    assert f"/a/{token}" in client.get("/").get_data(as_text=True)  # finished, results unseen
    assert client.get(f"/a/{token}/results").status_code == 200
    home = client.get("/")
    assert f"/a/{token}" not in home.get_data(as_text=True) and "Lou" not in text_of(home)
    # The results page itself still works by its address, from anywhere.
    again = app.test_client().get(f"/a/{token}/results")
    assert again.status_code == 200 and "right on 29 of the 29 statements" in text_of(again)
    assert f"/a/{token}" not in client.get("/").get_data(as_text=True)


def test_the_carry_on_list_says_how_far_each_attempt_got(app, client, class_session):
    token = token_of(join(client, class_session.join_code, "Sam"))
    items = attempt_items(app, token)
    answer(client, token, 1, items[0], items[0].label)
    close_the_browser(client)
    assert "as Sam, 1 of 29 answered" in text_of(client.get("/"))


def test_the_two_name_fields_on_the_home_page_have_their_own_ids(client):
    page = client.get("/").get_data(as_text=True)
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'for="practice-name"' in page


def close_the_browser(client):
    """What closing the browser does to its cookies: those that end with it are gone."""
    session = client.get_cookie("session")
    assert session is not None and session.expires is None
    client.delete_cookie("session")


def test_same_name_in_a_reopened_browser_starts_a_new_attempt(app, client, class_session):
    first = token_of(join(client, class_session.join_code, "Sam"))
    # Within the same browser session, the same name (any case) resumes.
    assert token_of(join(client, class_session.join_code, "sam")) == first
    close_the_browser(client)
    # The reopened browser still offers the unfinished attempt to carry on...
    assert f"/a/{first}" in client.get("/").get_data(as_text=True)
    # ...but the next pupil typing the same name does not answer for the last: they are
    # asked whether it is theirs, and nothing is stored until they say.
    asked = join(client, class_session.join_code, "Sam")
    assert asked.status_code == 200 and len(attempts(app)) == 1
    assert "Is this you, Sam?" in text_of(asked)
    assert "answered 0 of 29 statements" in text_of(asked)
    assert f'href="/a/{first}"' in asked.get_data(as_text=True)  # "Yes, that's me"
    second = token_of(
        client.post(
            "/join",
            data={"code": class_session.join_code, "name": "Sam", "someone_else": "1"},
            environ_base={"REMOTE_ADDR": SCHOOL},
        )
    )
    assert second != first
    assert len(attempts(app)) == 2
    # Carrying on by the link counts as resuming in this browser session.
    assert client.get(f"/a/{first}").status_code == 200
    assert token_of(join(client, class_session.join_code, "Sam")) in {first, second}
    assert len(attempts(app)) == 2


def test_cookies_learner_list_lasts_flask_session_ends_with_the_browser(app, client):
    token = token_of(client.post("/practice", data={"quiz": SLUG, "name": "Max"}))
    session = client.get_cookie("session")
    assert session.expires is None and session.http_only  # never permanent
    learner = client.get_cookie("learner")
    assert learner.http_only and learner.same_site == "Lax" and not learner.secure
    assert learner.max_age == 30 * 24 * 3600
    data = URLSafeTimedSerializer("test-secret", salt="learner-cookie").loads(learner.decoded_value)
    assert data["t"] == [token]
    # Written only when it changes: the same attempt again sends no new cookie.
    again = client.get(f"/a/{token}")
    assert again.status_code == 200
    assert not [h for h in again.headers.getlist("Set-Cookie") if h.startswith("learner=")]
    # A teacher logging in on the same classroom computer gets no lasting cookie either.
    add_teacher(app, "ada")
    assert log_in(client, "ada").status_code == 302
    assert client.get_cookie("session").expires is None


def test_learner_cookie_is_secure_over_https(loaded_app, monkeypatch):
    monkeypatch.setenv("HTTPS", "1")
    app = loaded_app()
    client = app.test_client()
    client.post("/practice", data={"quiz": SLUG, "name": "Ned"}, base_url="https://localhost")
    assert client.get_cookie("learner").secure


def test_forged_learner_cookie_is_ignored(app, client):
    theirs = token_of(app.test_client().post("/practice", data={"quiz": SLUG, "name": "Ola"}))
    forged = URLSafeTimedSerializer("not-the-key", salt="learner-cookie").dumps(
        {"b": "x" * 22, "t": [theirs]}
    )
    client.set_cookie("learner", forged)
    home = client.get("/")
    assert home.status_code == 200
    assert f"/a/{theirs}" not in home.get_data(as_text=True)
    client.set_cookie("learner", "garbage")
    assert client.get("/").status_code == 200


def test_an_old_lasting_cookie_ends_with_the_browser(app, client):
    token = token_of(client.post("/practice", data={"quiz": SLUG, "name": "Pia"}))
    with client.session_transaction() as old:  # as the earlier version left it
        old.permanent = True
        old["attempts"] = [token]
    client.delete_cookie("learner")
    home = client.get("/")
    assert f"/a/{token}" in home.get_data(as_text=True)  # moved to the carry-on list
    assert client.get_cookie("session").expires is None


# 8. The key can be harvested in "feedback at the end" sessions -------------------------


def hidden_key_session(teacher):
    """A session with feedback at the end and the answers hidden until it closes."""
    return new_session(teacher, feedback="end", key_after_close="y")


def test_throwaway_name_cannot_harvest_the_answers_while_the_session_is_open(app, teacher):
    session_id, code = hidden_key_session(teacher)
    with app.app_context():
        assert ClassSession.get_by_id(session_id).key_after_close
    learner = app.test_client()
    token = token_of(join(learner, code, "Throwaway"))
    items = answer_all(learner, app, token, right=lambda n, item: n > 3)
    results = learner.get(f"/a/{token}/results")
    page, html = text_of(results), results.get_data(as_text=True)
    assert results.status_code == 200
    assert "Your answers are saved" in page and "Once your teacher closes the session" in page
    # Nothing that depends on which answers were right: not the score, the two kinds of
    # mistake, confidence against rightness, nor the sentences marked (changing one answer
    # between throwaway attempts would read the key off any of them).
    for figure in ("statements you answered", "%", "for facts", "doubted", "but wrong"):
        assert figure not in page, figure
    assert "right sentence" not in page and "another sentence" not in page
    for item in items:
        assert item.explanation not in page and item.quote not in page
    assert "You said" not in page and "— right" not in page and "— it is" not in page
    assert f"/a/{token}/q/" not in html
    # The feedback page of every statement, and the article's highlight, say nothing.
    for n, item in enumerate(items, start=1):
        feedback = text_of(learner.get(f"/a/{token}/q/{n}"))
        assert item.explanation not in feedback and "Not quite" not in feedback
        assert "Right:" not in feedback
    marked = learner.get(f"/a/{token}/article?item=1").get_data(as_text=True)
    assert "<mark" not in marked and 'id="passage"' not in marked
    # The link stays on the home page until the full results can be seen.
    assert f"/a/{token}" in learner.get("/").get_data(as_text=True)
    # Once the teacher closes the session, the full results appear.
    teacher.post(f"/teacher/sessions/{session_id}/close")
    results = text_of(learner.get(f"/a/{token}/results"))
    assert "You said" in results and "right on 26 of the 29 statements" in results
    assert items[0].explanation in text_of(learner.get(f"/a/{token}/q/1"))
    assert '<mark class="quote">' in learner.get(f"/a/{token}/article?item=1").get_data(
        as_text=True
    )
    assert f"/a/{token}" not in learner.get("/").get_data(as_text=True)


def test_practice_cannot_read_the_key_of_a_class_that_hides_it(app, teacher):
    session_id, _ = hidden_key_session(teacher)
    learner = app.test_client()
    refused = learner.post("/practice", data={"quiz": SLUG, "name": "Sneaky"})
    assert refused.status_code == 409
    assert "practise it once that lesson is over" in text_of(refused)
    assert count(app, Attempt) == 0
    # A practice attempt begun before the class started shows no feedback meanwhile.
    teacher.post(f"/teacher/sessions/{session_id}/close")
    token = token_of(learner.post("/practice", data={"quiz": SLUG, "name": "Early"}))
    _, code = hidden_key_session(teacher)
    items = attempt_items(app, token)
    answer(learner, token, 1, items[0], items[0].label)
    feedback = text_of(learner.get(f"/a/{token}/q/1"))
    assert items[0].explanation not in feedback and "Right:" not in feedback
    with app.app_context():  # the lesson is over: practice goes on as usual
        ClassSession.update(is_open=False).where(ClassSession.join_code == code).execute()
    assert items[0].explanation in text_of(learner.get(f"/a/{token}/q/1"))
    assert learner.post("/practice", data={"quiz": SLUG, "name": "Later"}).status_code == 302


def test_article_highlight_waits_for_feedback_at_the_end(app, teacher):
    _, code = new_session(teacher, feedback="end")
    learner = app.test_client()
    token = token_of(join(learner, code, "Quinn"))
    answer(learner, token, 1, attempt_items(app, token)[0], "fact")
    html = learner.get(f"/a/{token}/article?item=1").get_data(as_text=True)
    assert "<mark" not in html


def test_hidden_answers_need_feedback_at_the_end(app, teacher):
    data = {"title": "T", "quiz": SLUG, "feedback": "each", "key_after_close": "y"}
    response = teacher.post("/teacher/sessions", data=data)
    assert response.status_code == 400
    assert "only when learners see feedback at the end" in text_of(response)
    with app.app_context():
        assert ClassSession.select().where(~ClassSession.is_practice).count() == 0


def test_cli_opens_a_session_with_hidden_answers(app, runner):
    result = runner.invoke(args=["sessions", "create", "--feedback", "end", "--key-after-close"])
    assert result.exit_code == 0, result.output
    refused = runner.invoke(args=["sessions", "create", "--key-after-close"])
    assert refused.exit_code != 0 and "--feedback end" in refused.output
    with app.app_context():
        opened = list(ClassSession.select().where(~ClassSession.is_practice))
    assert [(s.feedback_each, s.key_after_close) for s in opened] == [(False, True)]


def test_dashboard_shows_who_joined_from_the_same_browser_or_address(app, teacher):
    session_id, code = new_session(teacher)
    cheat = app.test_client()
    token_of(join(cheat, code, "Throwaway", address="192.0.2.10"))
    token_of(join(cheat, code, "Real", address="192.0.2.10"))  # same browser
    private_window = app.test_client()
    token_of(join(private_window, code, "Second", address="192.0.2.10"))
    token_of(join(app.test_client(), code, "Elsewhere", address="192.0.2.99"))
    with app.app_context():
        stored = {a.display_name: a for a in Attempt.select()}
    expected = hmac.new(b"test-secret", b"192.0.2.10", hashlib.sha256).hexdigest()[:16]
    assert stored["Real"].origin == stored["Throwaway"].origin == expected
    assert stored["Real"].browser == stored["Throwaway"].browser != stored["Second"].browser
    cookie = URLSafeTimedSerializer("test-secret", salt="learner-cookie").loads(
        cheat.get_cookie("learner").decoded_value
    )
    assert stored["Real"].browser == cookie["b"]
    page = text_of(teacher.get(f"/teacher/sessions/{session_id}/live"))
    assert "Real same browser as Throwaway" in page
    assert "Throwaway same browser as Real" in page
    assert "same address as Throwaway and Real" in page  # Second, in another browser
    assert "192.0.2.10" not in page
    row = re.search(r"Elsewhere(.*?)(?:\d+/29)", page).group(1)
    assert "same" not in row


def test_a_whole_class_on_one_router_is_not_flagged(app, teacher):
    session_id, code = new_session(teacher)
    for n in range(8):
        token_of(join(app.test_client(), code, f"Pupil {n}"))
    page = text_of(teacher.get(f"/teacher/sessions/{session_id}"))
    assert "same address" not in page and "same browser" not in page


# 9. Join flooding, and a dashboard that cannot remove anyone ---------------------------


def test_join_flood_is_limited_per_address_per_session(app, teacher):
    session_id, code = new_session(teacher)
    flooder = app.test_client()
    for n in range(60):
        assert join(flooder, code, f"Bot {n}").status_code == 302
    refused = join(flooder, code, "Bot 60")
    assert refused.status_code == 429
    assert "no more can join from here" in text_of(refused)
    assert len(attempts(app)) == 60
    # Resuming is not a new join.
    assert join(flooder, code, "Bot 59").status_code == 302
    # Another address, and another session from this one, are not affected.
    assert join(app.test_client(), code, "Real", address="198.51.100.1").status_code == 302
    _, other_code = new_session(teacher, title="Period 4")
    assert join(app.test_client(), other_code, "Next class").status_code == 302
    assert len(attempts(app)) == 62


def learner_ids(app):
    """{display name: attempt id}."""
    with app.app_context():
        return {a.display_name: a.id for a in Attempt.select()}


def test_teacher_renames_a_learner(app, teacher):
    session_id, code = new_session(teacher)
    token = token_of(join(app.test_client(), code, "Rude name"))
    ids = learner_ids(app)
    path = f"/teacher/sessions/{session_id}/learners/{ids['Rude name']}/name"
    renamed = teacher.post(path, data={"name": "  Tom   B  "})
    assert renamed.status_code == 302
    assert list(learner_ids(app)) == ["Tom B"]
    assert "Tom B" in text_of(teacher.get(renamed.location))
    assert "as Tom B" in text_of(app.test_client().get(f"/a/{token}"))


def test_a_rename_to_another_learners_name_is_refused(app, teacher):
    session_id, code = new_session(teacher)
    token_of(join(app.test_client(), code, "Leo"))
    token_of(join(app.test_client(), code, "Throwaway"))
    path = f"/teacher/sessions/{session_id}/learners/{learner_ids(app)['Throwaway']}/name"
    refused = teacher.post(path, data={"name": "leo"})
    assert refused.status_code == 400
    assert "Another learner in this class is already called leo" in text_of(refused)
    assert sorted(learner_ids(app)) == ["Leo", "Throwaway"]
    assert teacher.post(path, data={"name": "THROWAWAY"}).status_code == 302  # own name


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Type the learner's name"),
        ("   ", "Type the learner's name"),
        ("x" * 41, "at most 40 characters"),
        ("bell\x07", "can only contain letters"),
    ],
    ids=["empty", "blank", "too-long", "control"],
)
def test_bad_rename_says_why_and_changes_nothing(app, teacher, name, message):
    session_id, code = new_session(teacher)
    token_of(join(app.test_client(), code, "Vic"))
    attempt_id = learner_ids(app)["Vic"]
    response = teacher.post(
        f"/teacher/sessions/{session_id}/learners/{attempt_id}/name", data={"name": name}
    )
    assert response.status_code == 400
    assert message in text_of(response)
    assert "Traceback" not in response.get_data(as_text=True)
    assert list(learner_ids(app)) == ["Vic"]


def test_teacher_removes_learners_after_confirming(app, teacher):
    session_id, code = new_session(teacher)
    flooder, real = app.test_client(), app.test_client()
    spam = [token_of(join(flooder, code, f"Spam {n}", address=f"192.0.2.{n}")) for n in range(2)]
    items = answer_all(flooder, app, spam[0])
    answer(flooder, spam[1], 1, attempt_items(app, spam[1])[0], "fact")
    keep = token_of(join(real, code, "Wen", address="198.51.100.3"))
    answer(real, keep, 1, attempt_items(app, keep)[0], "fact")
    ids = learner_ids(app)
    chosen = [ids["Spam 0"], ids["Spam 1"]]
    base = f"/teacher/sessions/{session_id}/learners/remove"
    confirm = teacher.get(base, query_string={"learner": chosen})
    page = text_of(confirm)
    assert confirm.status_code == 200
    assert "Remove 2 learners?" in page
    assert re.search(r"Spam 0 ?: 29 answers Spam 1 ?: 1 answer That", page)
    assert "30 answers in all" in page and "Wen" not in page
    # Asking deletes nothing.
    assert count(app, Attempt) == 3 and count(app, Response) == len(items) + 2
    removed = teacher.post(base, data={"learner": chosen})
    assert removed.status_code == 302
    assert list(learner_ids(app)) == ["Wen"]
    assert count(app, Response) == 1
    dashboard = text_of(teacher.get(removed.location))
    assert "Removed Spam 0 and Spam 1, with their 30 answers." in dashboard
    assert "1 learner, 0 finished" in dashboard
    gone = flooder.get(f"/a/{spam[0]}")
    assert gone.status_code == 404 and "We couldn't find that quiz" in text_of(gone)
    assert flooder.get(f"/a/{spam[0]}/results").status_code == 404


def test_removing_nothing_or_someone_elses_learner_changes_nothing(app, teacher):
    session_id, code = new_session(teacher)
    _, other_code = new_session(teacher, title="Another class")
    token_of(join(app.test_client(), code, "Mine"))
    token_of(join(app.test_client(), other_code, "Theirs"))
    ids = learner_ids(app)
    base = f"/teacher/sessions/{session_id}/learners/remove"
    nothing = teacher.post(base, data={})
    assert nothing.status_code == 400 and "Tick the learners to remove" in text_of(nothing)
    assert teacher.get(base).status_code == 400
    foreign = teacher.post(base, data={"learner": [ids["Mine"], ids["Theirs"]]})
    assert foreign.status_code == 400 and "no longer in this session" in text_of(foreign)
    garbage = teacher.post(base, data={"learner": ["1 OR 1=1"]})
    assert garbage.status_code == 400
    rename = teacher.post(
        f"/teacher/sessions/{session_id}/learners/{ids['Theirs']}/name", data={"name": "X"}
    )
    assert rename.status_code == 404
    assert sorted(learner_ids(app)) == ["Mine", "Theirs"]


def test_another_teacher_can_neither_rename_nor_remove(app, teacher):
    session_id, code = new_session(teacher)
    token_of(join(app.test_client(), code, "Yara"))
    attempt_id = learner_ids(app)["Yara"]
    add_teacher(app, "bob")
    bob = app.test_client()
    log_in(bob, "bob")
    base = f"/teacher/sessions/{session_id}/learners"
    assert bob.get(f"{base}/remove", query_string={"learner": attempt_id}).status_code == 404
    assert bob.post(f"{base}/remove", data={"learner": attempt_id}).status_code == 404
    assert bob.post(f"{base}/{attempt_id}/name", data={"name": "Hacked"}).status_code == 404
    assert list(learner_ids(app)) == ["Yara"]


def test_live_dashboard_keeps_working_with_the_learner_forms(app, teacher):
    session_id, code = new_session(teacher)
    token_of(join(app.test_client(), code, "Zed"))
    attempt_id = learner_ids(app)["Zed"]
    live = teacher.get(f"/teacher/sessions/{session_id}/live")
    html = live.get_data(as_text=True)
    assert live.status_code == 200
    assert f'action="/teacher/sessions/{session_id}/learners/{attempt_id}/name"' in html
    assert f'value="{attempt_id}" form="remove-learners"' in html
    assert 'id="remove-learners"' in html and "Remove selected" in html
    assert 'name="csrf_token"' in html


def test_learner_forms_post_with_csrf(loaded_app):
    app = loaded_app(WTF_CSRF_ENABLED=True)
    add_teacher(app, "ada")
    with app.app_context():
        session = ClassSession.open_class(Quiz.get(), "S", teacher=Teacher.get().id)
        attempt = Attempt.begin(session, "Abe")
    client = app.test_client()
    html = client.get("/teacher/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    client.post(
        "/teacher/login",
        data={"username": "ada", "password": "correct horse battery", "csrf_token": csrf},
    )
    base = f"/teacher/sessions/{session.id}/learners"
    assert client.post(f"{base}/{attempt.id}/name", data={"name": "B"}).status_code == 400
    assert client.post(f"{base}/remove", data={"learner": attempt.id}).status_code == 400
    assert list(learner_ids(app)) == ["Abe"]
    assert (
        client.post(f"{base}/remove", data={"learner": attempt.id, "csrf_token": csrf})
    ).status_code == 302
    assert learner_ids(app) == {}


def test_removed_learners_leave_the_report(app, teacher):
    session_id, code = new_session(teacher)
    token = token_of(join(app.test_client(), code, "Gone"))
    token_of(join(app.test_client(), code, "Stays", address="198.51.100.4"))
    ids = learner_ids(app)
    teacher.post(f"/teacher/sessions/{session_id}/learners/remove", data={"learner": ids["Gone"]})
    with app.app_context():
        report = reports.session_report(ClassSession.get_by_id(session_id))
    assert [row.attempt.display_name for row in report.learners] == ["Stays"]
    assert token not in text_of(teacher.get(f"/teacher/sessions/{session_id}/responses.csv"))


def test_join_limit_window_passes(app, teacher):
    session_id, code = new_session(teacher)
    flooder = app.test_client()
    for n in range(60):
        join(flooder, code, f"Bot {n}")
    assert join(flooder, code, "Late").status_code == 429
    with app.app_context():
        from app.models import utcnow

        Attempt.update(started_at=utcnow() - timedelta(hours=1, minutes=1)).execute()
    assert join(flooder, code, "Late").status_code == 302


def test_removing_a_flood_lets_the_class_join_again(app, teacher):
    session_id, code = new_session(teacher)
    flooder = app.test_client()
    for n in range(60):
        join(flooder, code, f"Bot {n}")
    classmate = app.test_client()  # behind the same router
    assert join(classmate, code, "Wen").status_code == 429
    bots = list(learner_ids(app).values())
    removed = teacher.post(
        f"/teacher/sessions/{session_id}/learners/remove", data={"learner": bots}
    )
    assert removed.status_code == 302 and len(attempts(app)) == 0
    assert join(classmate, code, "Wen").status_code == 302


# Through the running server, from two addresses -----------------------------------------


@pytest.mark.slow
def test_on_a_real_server_wrong_codes_never_keep_the_class_out(tmp_path):
    env = prepare(tmp_path)
    code = open_session(env)
    with running(env) as (base, _):
        pupil, classmate = Learner(base, "127.0.0.2"), Learner(base, "127.0.0.2")
        _, token = pupil.csrf("/")
        statuses = [
            pupil.request("/join", {"code": wrong_code(n), "name": "Guess", "csrf_token": token})[0]
            for n in range(51)
        ]
        assert statuses == [400] * 50 + [429]
        classmate.join(code, "Wen")  # the same router's address: the right code gets in
        Learner(base, "127.0.0.3").join(code, "Kai")  # and from elsewhere
    assert db_counts(env["DATABASE_URL"])[0].keys() == {"Wen", "Kai"}


@pytest.mark.slow
def test_on_a_real_server_the_next_pupil_at_a_shared_computer_is_not_the_last(tmp_path):
    env = prepare(tmp_path, ["teacher", "create", "ada", "--password", PASSWORD])
    code = open_session(env)  # ada's: the only teacher
    with running(env) as (base, _):
        computer = Learner(base, "127.0.0.2")
        first = computer.join(code, "Sam")
        computer.answer(1, "fact")
        computer.jar.clear_session_cookies()  # the browser is closed and opened again
        home = unescape(computer.request("/")[2])
        assert "Sam" in home and "This isn't me" in home  # carry on, or not
        # The same name: asked whether they are the earlier Sam, not made to answer for them.
        _, token = computer.csrf("/")
        form = {"code": code, "name": "Sam", "csrf_token": token}
        status, _, asked = computer.request("/join", form)
        assert status == 200 and "Is this you, Sam?" in asked
        status, location, _ = computer.request("/join", {**form, "someone_else": "1"})
        second = location.rsplit("/a/", 1)[1]
        assert status == 302 and second != first
        _, token = computer.csrf("/")
        status, location, _ = computer.request("/not-me", {"csrf_token": token})
        assert status == 302
        assert f"/a/{first}" not in computer.request("/")[2]
        teacher = Learner(base, "127.0.0.3")
        teacher.log_in("ada", PASSWORD)
        sessions = teacher.request("/teacher/")[2]
        dashboard = re.search(r'href="(/teacher/sessions/\d+)"', sessions).group(1)
        assert "same browser as Sam" in teacher.request(dashboard)[2]
    stored = rows(
        env["DATABASE_URL"],
        "SELECT a.token, COUNT(r.id) FROM attempt a LEFT JOIN response r "
        "ON r.attempt_id = a.id GROUP BY a.id, a.token",
    )
    assert sorted(stored) == sorted([(first, 1), (second, 0)])  # each Sam has their own


def test_practice_starts_are_limited_per_address(app, monkeypatch):
    from app.student import routes
    from app.throttle import Throttle

    monkeypatch.setattr(routes, "PRACTICE", Throttle("practice", 3, timedelta(hours=1)))
    client = app.test_client()
    for n in range(3):
        token_of(client.post("/practice", data={"quiz": SLUG, "name": f"P{n}"}))
    refused = client.post("/practice", data={"quiz": SLUG, "name": "P3"})
    assert refused.status_code == 429 and "no more can start for now" in text_of(refused)
    assert count(app, Attempt) == 3
    elsewhere = app.test_client().post(
        "/practice", data={"quiz": SLUG}, environ_base={"REMOTE_ADDR": "198.51.100.77"}
    )
    assert elsewhere.status_code == 302 and count(app, Attempt) == 4
