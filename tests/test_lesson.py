"""A lesson the teacher leads, session length and closing time, and learners with the
same name: through the test client, as the browsers in tests/browser/ do it."""

import json
import re
from datetime import timedelta

import pytest

from app.models import Attempt, ClassSession, Item, Quiz, Response, draw_items, utcnow
from app.words import ALLEGATION, FACT
from tests.helpers import (
    SLUG,
    add_teacher,
    answer,
    attempt_items,
    join,
    log_in,
    new_session,
    text_of,
    token_of,
)


def move(teacher, session_id, action, position=0):
    """Press one of the teacher's lesson buttons on the projector as it stands now."""
    page = teacher.get(f"/teacher/sessions/{session_id}/projector").get_data(as_text=True)
    state = re.search(r'name="state" value="([^"]+)"', page).group(1)
    return teacher.post(
        f"/teacher/sessions/{session_id}/lesson",
        data={"state": state, "action": action, "position": position},
    )


def follow(client, token):
    """Where the learner's page would go now: (state, path)."""
    where = client.get(f"/a/{token}/follow").get_json()
    return where["state"], where["url"]


@pytest.fixture
def lesson(app, teacher):
    """A lesson the teacher leads on four statements, with three learners joined."""
    session_id, code = new_session(teacher, pace="teacher", item_count="4")
    learners = {}
    for name in ("Ann", "Ben", "Cal"):
        client = app.test_client()
        learners[name] = (client, token_of(join(client, code, name)))
    return session_id, code, learners


def test_a_lesson_the_teacher_leads_from_lobby_to_review(app, teacher, lesson):
    session_id, _, learners = lesson
    ann, ann_token = learners["Ann"]
    ben, ben_token = learners["Ben"]
    cal, cal_token = learners["Cal"]
    items = attempt_items(app, ann_token)
    assert len(items) == 4 and items == attempt_items(app, ben_token)  # one draw for all
    assert {i.label for i in items} == {FACT, ALLEGATION}

    # The lobby: learners wait, the projector names them, a statement can't be reached.
    assert "You're in, Ann" in text_of(ann.get(f"/a/{ann_token}"))
    projector = text_of(teacher.get(f"/teacher/sessions/{session_id}/projector"))
    assert "3 learners joined" in projector and "Start the lesson" in projector
    live = text_of(teacher.get(f"/teacher/sessions/{session_id}/projector/live"))
    assert all(name in live for name in ("Ann", "Ben", "Cal"))
    assert ann.get(f"/a/{ann_token}/q/1").location.endswith(f"/a/{ann_token}")
    lobby_state, url = follow(ann, ann_token)
    assert url == f"/a/{ann_token}"

    # Start: everyone's page moves to statement 1.
    assert move(teacher, session_id, "start").status_code == 302
    state, url = follow(ann, ann_token)
    assert state != lobby_state and url == f"/a/{ann_token}/q/1"
    assert items[0].statement in text_of(teacher.get(f"/teacher/sessions/{session_id}/projector"))

    # Two answer; an answer to a statement the class hasn't reached is not saved.
    assert answer(ann, ann_token, 1, items[0], items[0].label, 3).status_code == 302
    wrong = ALLEGATION if items[0].label == FACT else FACT
    assert answer(ben, ben_token, 1, items[0], wrong, 4).status_code == 302
    ahead = answer(ann, ann_token, 2, items[1], items[1].label)
    assert ahead.location.endswith(f"/a/{ann_token}/q/1")
    saved = text_of(ann.get(f"/a/{ann_token}/q/1"))
    assert "Your answer is saved" in saved and "Right" not in saved  # no key before the reveal
    live = text_of(teacher.get(f"/teacher/sessions/{session_id}/projector/live"))
    assert "2 of 3 learners have answered" in live

    # Reveal: the split on the projector, feedback on every device, Cal too late.
    assert move(teacher, session_id, "reveal").status_code == 302
    projector = text_of(teacher.get(f"/teacher/sessions/{session_id}/projector"))
    assert "1 learner (50%)" in projector and "Of the 2 learners who answered" in projector
    assert items[0].explanation in projector
    assert "Right" in text_of(ann.get(f"/a/{ann_token}/q/1"))
    assert "Not quite" in text_of(ben.get(f"/a/{ben_token}/q/1"))
    late = answer(cal, cal_token, 1, items[0], items[0].label)
    assert late.status_code == 302
    page = text_of(cal.get(late.location))
    assert "showed the class the answer before that answer could be saved" in page
    assert "Time's up" in page and items[0].explanation in page
    with app.app_context():
        assert Response.select().count() == 2

    # Through the other three statements, everyone right.
    for position in (2, 3, 4):
        assert move(teacher, session_id, "next").status_code == 302
        assert follow(cal, cal_token)[1] == f"/a/{cal_token}/q/{position}"
        for client, token in learners.values():
            item = items[position - 1]
            assert answer(client, token, position, item, item.label).status_code == 302
        assert move(teacher, session_id, "reveal").status_code == 302
    assert move(teacher, session_id, "next").status_code == 302  # the end: the review

    # The review: the hardest first; showing one again sends everyone there.
    review = text_of(teacher.get(f"/teacher/sessions/{session_id}/projector"))
    assert "That was the last statement" in review
    assert review.index(items[0].statement) < review.index(items[1].statement)
    assert "50% right (1 of 2)" in review
    assert follow(ann, ann_token)[1] == f"/a/{ann_token}/results"
    assert move(teacher, session_id, "show", 1).status_code == 302
    assert follow(ann, ann_token)[1] == f"/a/{ann_token}/q/1"
    assert "Back to the hardest statements" in text_of(
        teacher.get(f"/teacher/sessions/{session_id}/projector")
    )

    # Cal, who missed one, sees results so far; closing ends the lesson for everyone.
    assert "You answered 3 of 4" in text_of(cal.get(f"/a/{cal_token}/results"))
    teacher.post(f"/teacher/sessions/{session_id}/close")
    assert follow(ben, ben_token)[1] == f"/a/{ben_token}/results"
    assert ben.get(f"/a/{ben_token}").location.endswith(f"/a/{ben_token}/results")


def test_a_double_press_or_a_stale_tab_moves_the_lesson_once(app, teacher, lesson):
    session_id, _, learners = lesson
    page = teacher.get(f"/teacher/sessions/{session_id}/projector").get_data(as_text=True)
    state = re.search(r'name="state" value="([^"]+)"', page).group(1)
    for _ in range(2):
        teacher.post(
            f"/teacher/sessions/{session_id}/lesson", data={"state": state, "action": "start"}
        )
    teacher.post(
        f"/teacher/sessions/{session_id}/lesson", data={"state": state, "action": "reveal"}
    )
    with app.app_context():
        moved = ClassSession.get_by_id(session_id)
        assert (moved.stage, moved.current) == ("question", 1)
    page = text_of(teacher.get(f"/teacher/sessions/{session_id}/projector"))
    assert "The lesson had already moved on" in page
    # Nonsense moves change nothing and say so.
    response = teacher.post(
        f"/teacher/sessions/{session_id}/lesson", data={"state": "x", "action": "explode"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert ClassSession.get_by_id(session_id).stage == "question"


def test_another_teacher_cannot_move_or_see_the_lesson(app, lesson):
    session_id, _, _ = lesson
    add_teacher(app, "bob")
    bob = app.test_client()
    log_in(bob, "bob")
    for path in ("/projector", "/projector/live"):
        assert bob.get(f"/teacher/sessions/{session_id}{path}").status_code == 404
    response = bob.post(
        f"/teacher/sessions/{session_id}/lesson", data={"state": "1.lobby.0", "action": "start"}
    )
    assert response.status_code == 404
    with app.app_context():
        assert ClassSession.get_by_id(session_id).stage == "lobby"


def test_follow_is_only_for_a_lesson_the_teacher_leads(app, teacher):
    _, code = new_session(teacher)
    client = app.test_client()
    token = token_of(join(client, code, "Ann"))
    assert client.get(f"/a/{token}/follow").status_code == 404


def test_a_balanced_draw_of_each_size(app):
    with app.app_context():
        quiz_id = Item.get().quiz_id
        labels = {i.id: i.label for i in Item.active_in(quiz_id)}
        facts = sum(label == FACT for label in labels.values())
        for count in (2, 5, 10):
            ids = draw_items(quiz_id, count)
            kinds = [labels[i] for i in ids]
            assert len(set(ids)) == count
            assert abs(kinds.count(FACT) - kinds.count(ALLEGATION)) <= 1
        # More than one kind has: the other kind makes up the number.
        many = len(labels) - 1
        kinds = [labels[i] for i in draw_items(quiz_id, many)]
        assert len(kinds) == many and kinds.count(FACT) >= facts - 1
        assert sorted(draw_items(quiz_id)) == sorted(labels)


def test_each_learner_gets_a_draw_of_the_chosen_size(app, teacher):
    session_id, code = new_session(teacher, item_count="6", draw="each")
    orders = []
    for name in ("Ann", "Ben", "Cal", "Dee"):
        token = token_of(join(app.test_client(), code, name))
        items = attempt_items(app, token)
        assert len(items) == 6 and [i.label for i in items].count(FACT) == 3
        orders.append([i.id for i in items])
    assert len({tuple(o) for o in orders}) > 1  # four identical draws of 6 from 29: no
    _, same_code = new_session(teacher, title="Same", item_count="6", draw="same")
    first, second = (
        attempt_items(app, token_of(join(app.test_client(), same_code, name)))
        for name in ("Eve", "Fay")
    )
    assert first == second and len(first) == 6


@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        ({"item_count": "500"}, "item_count", "Choose a number from 2 up"),
        ({"item_count": "1"}, "item_count", "Choose a number from 2 up"),
        ({"item_count": "99"}, "item_count", "This article has 29 statements"),
        (
            {"pace": "teacher", "feedback": "end", "key_after_close": "y"},
            "key_after_close",
            "In a lesson you lead",
        ),
        ({"closes_at": "2001-01-01T09:00"}, "closes_at", "still to come"),
        ({"closes_at": "soon"}, "closes_at", "Not a valid datetime"),
        ({"pace": "sideways"}, "pace", "Choose who sets the pace"),
    ],
)
def test_session_options_that_cannot_work_are_refused_at_their_field(
    app, teacher, options, field, message
):
    data = {"title": "Year 9", "quiz": SLUG, "feedback": "each", **options}
    response = teacher.post("/teacher/sessions", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    errors = re.search(rf'id="{field}-errors">(.*?)</ul>', html, re.S)
    assert errors and message in errors.group(1)
    with app.app_context():
        assert ClassSession.select().where(~ClassSession.is_practice).count() == 0


def test_a_closing_time_in_the_teachers_zone_closes_the_session_by_itself(app, teacher):
    soon = (utcnow() + timedelta(hours=2)).replace(second=0, microsecond=0)
    in_new_york = soon - timedelta(hours=5)  # what the teacher's clock shows then
    session_id, code = new_session(
        teacher, closes_at=in_new_york.strftime("%Y-%m-%dT%H:%M"), utc_offset="-300"
    )
    with app.app_context():
        assert ClassSession.get_by_id(session_id).closes_at == soon
    client = app.test_client()
    token = token_of(join(client, code, "Ann"))
    item = attempt_items(app, token)[0]
    for path in ("", "/q/1"):  # the learner is told the closing time, in their own zone
        page = client.get(f"/a/{token}{path}").get_data(as_text=True)
        assert f'This session closes at <time datetime="{soon.isoformat()}Z"' in page
    assert answer(client, token, 1, item, item.label).status_code == 302
    with app.app_context():  # the time comes
        ClassSession.update(closes_at=utcnow() - timedelta(seconds=1)).execute()
    assert client.get(f"/a/{token}/q/2").location.endswith(f"/a/{token}/results")
    page = text_of(client.get(f"/a/{token}/results"))
    assert "You answered 1 of" in page and "This session reached its closing time" in page
    refused = join(app.test_client(), code, "Ben")
    assert refused.status_code == 400 and "has closed" in text_of(refused)
    assert "Closed" in text_of(teacher.get("/teacher/"))
    with app.app_context():
        assert not ClassSession.get_by_id(session_id).is_open
        assert Response.select().count() == 1
    # Reopened, it stays open: the closing time has passed and is forgotten.
    reopened = text_of(
        teacher.post(f"/teacher/sessions/{session_id}/reopen", follow_redirects=True)
    )
    assert "Its closing time has passed, so it stays open until you close it" in reopened
    assert client.get(f"/a/{token}/q/2").status_code == 200


def test_a_second_sam_is_sam_2_and_told_so(app, teacher):
    _, code = new_session(teacher)
    first, second = app.test_client(), app.test_client()
    token_of(join(first, code, "Sam"))
    response = join(second, code, "sam")
    token = token_of(response)
    assert "already called sam, so here you are sam (2)" in text_of(second.get(response.location))
    third = token_of(join(app.test_client(), code, "Sam"))
    with app.app_context():
        names = sorted(a.display_name for a in Attempt.select())
        assert names == ["Sam", "Sam (3)", "sam (2)"]
    assert third
    # The second Sam joining again in the same browser carries on as Sam (2).
    assert token_of(join(second, code, "sam")) == token
    long = "A" * 40
    client = app.test_client()
    token_of(join(client, code, long))
    token_of(join(app.test_client(), code, long))
    with app.app_context():
        assert Attempt.select().where(Attempt.display_name == "A" * 36 + " (2)").exists()


def test_public_url_decides_the_address_on_the_projector(loaded_app):
    app = loaded_app(PUBLIC_URL="https://fact.school.example/")
    add_teacher(app, "ada")
    client = app.test_client()
    log_in(client, "ada")
    session_id, code = new_session(client)
    page = text_of(client.get(f"/teacher/sessions/{session_id}/projector"))
    assert "Go to fact.school.example and type the code" in page
    assert f"https://fact.school.example/?code={code}" in page
    assert "Learners can't reach" not in page
    # A practice link to share is on the same address.
    with app.app_context():
        from app.student.practice_link import practice_url

        with app.test_request_context(base_url="http://127.0.0.1:5000"):
            assert practice_url(Quiz.get()).startswith("https://fact.school.example/practice/")


@pytest.mark.parametrize(
    ("host", "warned"),
    [("127.0.0.1:5000", True), ("localhost:5000", True), ("10.0.0.5:5000", False)],
)
def test_the_projector_warns_when_learners_cant_reach_the_address(app, teacher, host, warned):
    session_id, _ = new_session(teacher)
    login = teacher.get_cookie("session")  # the teacher's browser at another address
    teacher.set_cookie("session", login.value, domain=host.rsplit(":", 1)[0].strip("[]"))
    page = text_of(
        teacher.get(f"/teacher/sessions/{session_id}/projector", base_url=f"http://{host}")
    )
    assert f"Go to {host} and type the code" in page
    assert (f"Learners can't reach {host}" in page) is warned
    assert ("PUBLIC_URL" in page) is warned


def test_loopback_addresses_are_known_in_every_spelling():
    from app.teacher.lesson import is_loopback

    for host in (
        "127.0.0.1",
        "127.3.4.5:80",
        "[::1]:5000",
        "localhost",
        "localhost.:8000",
        "app.localhost:1",
        "0.0.0.0:5000",
        "[::ffff:127.0.0.1]:80",
    ):
        assert is_loopback(host), host
    for host in ("10.0.0.5:5000", "[fe80::1]", "school.example", "localhost.example"):
        assert not is_loopback(host), host


@pytest.mark.parametrize("value", ["school.example", "ftp://x.example", "http://x.example/?a=1"])
def test_a_public_url_that_is_not_an_address_stops_the_app_with_a_message(value):
    from app.config import public_url

    with pytest.raises(ValueError, match="PUBLIC_URL must be a full address"):
        public_url(value)
    assert public_url(" http://192.168.1.20:5000/ ") == "http://192.168.1.20:5000"


def test_older_order_json_is_what_attempts_keep(app, teacher):
    session_id, code = new_session(teacher, item_count="4", draw="same")
    with app.app_context():
        shared = json.loads(ClassSession.get_by_id(session_id).item_order)
    token = token_of(join(app.test_client(), code, "Ann"))
    assert [i.id for i in attempt_items(app, token)] == shared


# What a hostile test of the lesson found, each pinned.


def test_closing_a_lesson_part_way_shows_no_key_to_statements_not_yet_shown(app, teacher, lesson):
    session_id, _, learners = lesson
    ann, ann_token = learners["Ann"]
    kim, kim_token = learners["Ben"]
    items = attempt_items(app, ann_token)
    move(teacher, session_id, "start")
    answer(ann, ann_token, 1, items[0], items[0].label)
    move(teacher, session_id, "reveal")
    move(teacher, session_id, "next")  # statement 2 asked, not shown
    answer(ann, ann_token, 2, items[1], items[1].label)
    teacher.post(f"/teacher/sessions/{session_id}/close")
    for client, token in ((ann, ann_token), (kim, kim_token)):
        page = text_of(client.get(f"/a/{token}/results"))
        assert "Your teacher has closed this session" in page
        for n, item in enumerate(items, start=1):
            row = page[page.index(item.statement) :][:300]
            kind = "a Verified fact" if item.label == FACT else "an Unevidenced allegation"
            assert (kind in row or "right ✓" in row) is (n == 1), (token, n, row)
        assert "your teacher hasn't shown the class this one's answer" in page
    # Reopened, the class goes on where it was, and Ben answers statement 2 unaided.
    teacher.post(f"/teacher/sessions/{session_id}/reopen")
    assert follow(kim, kim_token)[1] == f"/a/{kim_token}/q/2"


def test_a_self_paced_session_closed_early_keeps_unanswered_keys(app, teacher):
    session_id, code = new_session(teacher, feedback="end")
    client = app.test_client()
    token = token_of(join(client, code, "Ann"))
    items = attempt_items(app, token)
    answer(client, token, 1, items[0], items[0].label)
    teacher.post(f"/teacher/sessions/{session_id}/close")
    page = text_of(client.get(f"/a/{token}/results"))
    assert page.count("its answer stays hidden while the session may reopen") == len(items) - 1
    assert client.get(f"/a/{token}/q/2").location.endswith(f"/a/{token}/results")


def test_practice_on_the_quiz_waits_while_a_lesson_on_it_is_led(app, teacher, lesson):
    session_id, _, _ = lesson
    refused = app.test_client().post("/practice", data={"quiz": SLUG, "name": "Zed"})
    assert refused.status_code == 409 and "answers hidden" in text_of(refused)
    # At the review every statement has been shown: practice is open again.
    with app.app_context():
        ClassSession.update(stage="review", current=0).where(
            ClassSession.id == session_id
        ).execute()
    assert app.test_client().post("/practice", data={"quiz": SLUG}).status_code == 302


def test_a_learner_on_another_statements_page_is_sent_to_the_class(app, teacher, lesson):
    session_id, _, learners = lesson
    ann, token = learners["Ann"]
    items = attempt_items(app, token)
    move(teacher, session_id, "start")
    answer(ann, token, 1, items[0], items[0].label)
    move(teacher, session_id, "reveal")
    move(teacher, session_id, "next")
    back = ann.get(f"/a/{token}/q/1").get_data(as_text=True)  # the back button
    assert 'data-state="elsewhere"' in back
    here = ann.get(f"/a/{token}/q/2").get_data(as_text=True)
    assert 'data-state="1.question.2"' in here


def test_close_and_reopen_leave_the_lesson_where_another_tab_moved_it(app, teacher, lesson):
    session_id, _, _ = lesson
    with app.app_context():
        stale = ClassSession.get_by_id(session_id)  # as a close request read it
        from app import lesson as lessons

        assert lessons.move(ClassSession.get_by_id(session_id), "start")
        stale.close()
        assert ClassSession.get_by_id(session_id).state == "0.question.1"
        stale.save_with_fresh_code()
        assert ClassSession.get_by_id(session_id).state == "1.question.1"


@pytest.mark.parametrize(
    ("closes_at", "offset"),
    [
        ("0001-01-01T00:00", "60"),
        ("0001-01-01T00:00", ""),
        ("9999-12-31T23:59", "-60"),
        ("in a month", "99999999999999999999"),
    ],
)
def test_a_closing_time_off_the_calendar_is_refused_not_a_crash(app, teacher, closes_at, offset):
    if closes_at == "in a month":
        closes_at = (utcnow() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    data = {"title": "T", "quiz": SLUG, "feedback": "each", "closes_at": closes_at}
    response = teacher.post("/teacher/sessions", data={**data, "utc_offset": offset})
    if offset.startswith("9999"):  # a junk offset: read in the server's zone instead
        assert response.status_code == 302
        return
    assert response.status_code == 400
    assert "Choose a closing time" in text_of(response)


def test_names_alike_in_another_form_are_numbered(app, teacher):
    _, code = new_session(teacher)
    for name in ("Sám", "Sa\u0301m", "Ｓám"):
        token_of(join(app.test_client(), code, name))
    with app.app_context():
        names = sorted(a.display_name for a in Attempt.select())
    assert names == ["Sa\u0301m (2)", "Sám", "Ｓám (3)"]


@pytest.mark.parametrize(
    "value",
    [
        "http://host.example:99999",
        "http://host.example:abc",
        "http://a b.example",
        "http://host.example/path with space",
        "http://user:pw@host.example",
    ],
)
def test_a_public_url_that_cannot_be_right_is_refused(value):
    from app.config import public_url

    with pytest.raises(ValueError, match="PUBLIC_URL must be a full address"):
        public_url(value)


def test_a_loopback_public_url_is_warned_about(loaded_app):
    app = loaded_app(PUBLIC_URL="http://127.0.0.1:5000")
    add_teacher(app, "ada")
    client = app.test_client()
    log_in(client, "ada")
    session_id, _ = new_session(client)
    page = text_of(client.get(f"/teacher/sessions/{session_id}/projector"))
    assert "Learners can't reach 127.0.0.1:5000" in page
    assert "It comes from the PUBLIC_URL setting" in page
