"""One request a statement: the feedback page carries the next statement's question, and an
answer sent by the page's script (static/js/answer.js) gets that page in its reply, with
the address it belongs at. Without the script everything works as before: post, redirect,
page."""

import re

from app.models import Attempt, ClassSession, Quiz, Response
from tests.helpers import (
    IN_PLACE,
    SLUG,
    answer,
    attempt_items,
    evidence_for,
    join,
    new_session,
    start_practice,
    text_of,
    token_of,
)
from tests.http_learner import CSRF, ITEM

FORM_ACTION = re.compile(r'<form method="post" action="([^"]+)" class="answer-form')


def stored(app, token):
    """(item id, choice) of the attempt's stored answers."""
    with app.app_context():
        query = Response.select(Response.item, Response.choice).join(Attempt)
        return sorted(query.where(Attempt.token == token).tuples())


def next_form(html):
    """(action, item id) of the question form on a page, or None."""
    action, item = FORM_ACTION.search(html), ITEM.search(html)
    return (action.group(1), int(item.group(1))) if action else None


def test_the_feedback_page_carries_the_next_statement(client, app):
    token = start_practice(client)
    items = attempt_items(app, token)
    response = answer(client, token, 1, items[0], items[0].label)
    assert response.location.endswith(f"/a/{token}/q/1")  # without the script: as before
    html = client.get(response.location).get_data(as_text=True)
    assert "Right" in text_of(client.get(f"/a/{token}/q/1"))
    assert next_form(html) == (f"/a/{token}/q/2", items[1].id)
    page = text_of(client.get(f"/a/{token}/q/1"))
    assert items[1].statement in page and items[1].explanation not in page
    assert 'href="#next-statement"' in html  # "Next statement" is on the page: no request
    # Nothing of the answer just given is filled in on the next statement's form.
    assert " checked" not in html.split('id="next-statement"', 1)[1]
    # That form answers the next statement; its feedback carries the one after.
    response = answer(client, token, 2, items[1], items[1].label)
    assert response.location.endswith(f"/a/{token}/q/2")
    assert next_form(client.get(response.location).get_data(as_text=True))[1] == items[2].id


def test_an_earlier_feedback_page_links_on_instead(client, app):
    token = start_practice(client)
    items = attempt_items(app, token)
    for n in (1, 2):
        answer(client, token, n, items[n - 1], "fact")
    html = client.get(f"/a/{token}/q/1").get_data(as_text=True)  # Back, to the first
    assert next_form(html) is None
    assert f'href="/a/{token}/q/2"' in html


def test_an_answer_in_place_gets_its_feedback_and_the_next_statement(client, app):
    token = start_practice(client)
    items = attempt_items(app, token)
    response = answer(client, token, 1, items[0], items[0].label, in_place=True)
    assert response.status_code == 200
    assert response.headers["X-Page"] == f"/a/{token}/q/1"
    html = response.get_data(as_text=True)
    assert "Right" in text_of(response) and items[0].explanation in text_of(response)
    assert next_form(html) == (f"/a/{token}/q/2", items[1].id)
    assert " checked" not in html.split('id="next-statement"', 1)[1]
    assert stored(app, token) == [(items[0].id, items[0].label)]
    # The same answer again (a double click, a second tab): stored once, and said so.
    again = answer(client, token, 1, items[0], "fact", in_place=True)
    assert again.headers["X-Page"] == f"/a/{token}/q/1?already=1"
    assert "your first answer is the one kept" in text_of(again)
    assert stored(app, token) == [(items[0].id, items[0].label)]
    # A refresh at that address lands on the same page.
    assert next_form(client.get(again.headers["X-Page"]).get_data(as_text=True))[1] == items[1].id


def test_a_mistake_in_place_comes_back_with_what_to_mend(client, app):
    token = start_practice(client)
    items = attempt_items(app, token)
    response = client.post(
        f"/a/{token}/q/1", data={"item": str(items[0].id), "choice": "maybe"}, headers=IN_PLACE
    )
    assert response.status_code == 400
    assert response.headers["X-Page"] == f"/a/{token}/q/1"
    assert "Your answer wasn't saved yet" in text_of(response)
    assert stored(app, token) == []


def test_in_a_check_the_reply_is_the_next_statement(app, teacher):
    _, code = new_session(teacher, check="now", ask_evidence="")
    learner = app.test_client()
    token = token_of(join(learner, code, "Ann"))
    items = attempt_items(app, token)
    response = answer(learner, token, 1, items[0], items[0].label, marked=None, in_place=True)
    assert response.headers["X-Page"] == f"/a/{token}/q/2"
    assert "Right" not in text_of(response) and items[0].explanation not in text_of(response)
    assert next_form(response.get_data(as_text=True)) == (f"/a/{token}/q/2", items[1].id)


def test_an_answer_that_leads_elsewhere_names_the_address(app, client, class_session):
    token = token_of(join(client, class_session.join_code, "Eve"))
    items = attempt_items(app, token)
    with app.app_context():
        ClassSession.update(is_open=False).execute()
    response = answer(client, token, 1, items[0], "fact", in_place=True)
    assert response.status_code == 200 and response.headers["X-Go"] == f"/a/{token}/results"
    assert "X-Page" not in response.headers
    assert stored(app, token) == []
    assert "closed this session before that answer could be saved" in text_of(
        client.get(response.headers["X-Go"])
    )


def test_the_last_answer_in_place_leads_to_the_results(client, app):
    token = start_practice(client)
    items = attempt_items(app, token)
    for n, item in enumerate(items[:-1], start=1):
        assert answer(client, token, n, item, item.label, in_place=True).status_code == 200
    last = answer(client, token, len(items), items[-1], items[-1].label, in_place=True)
    assert last.headers["X-Page"] == f"/a/{token}/q/{len(items)}"
    assert next_form(last.get_data(as_text=True)) is None
    assert "See your results" in text_of(last)
    with app.app_context():
        assert Attempt.get(Attempt.token == token).is_finished


def test_a_statement_s_pages_and_answers_send_no_cookie_again(loaded_app):
    """The session cookie (with the CSRF token in it) and the learner cookie are written when
    they change, at the door (the start page may mark the session as not a fresh login);
    a statement's pages and answers neither re-sign nor re-send them."""
    app = loaded_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        code = ClassSession.open_class(Quiz.get(Quiz.slug == SLUG), "Year 9").join_code
    client = app.test_client()
    home = client.get("/")
    assert home.headers.getlist("Set-Cookie")  # the session, with its CSRF token
    csrf = CSRF.search(home.get_data(True))
    joined = client.post("/join", data={"code": code, "name": "Ann", "csrf_token": csrf.group(1)})
    assert joined.status_code == 302 and joined.headers.getlist("Set-Cookie")
    token = token_of(joined)
    items = attempt_items(app, token)
    assert client.get(f"/a/{token}").status_code == 200
    page = client.get(f"/a/{token}/q/1")
    replies = [client.get(f"/a/{token}/article"), page]
    for position, item in enumerate(items[:4], start=1):
        data = {"item": ITEM.search(page.get_data(True)).group(1), "choice": item.label}
        assert data["item"] == str(item.id)
        data["csrf_token"] = csrf.group(1)
        with app.app_context():
            data["evidence"] = str(evidence_for(item))
        if position % 2:  # with the page's script: the next statement comes in the reply
            page = client.post(f"/a/{token}/q/{position}", data=data, headers=IN_PLACE)
            replies.append(page)
        else:
            sent = client.post(f"/a/{token}/q/{position}", data=data)
            page = client.get(sent.location)
            replies += [sent, page]
    assert [r.status_code for r in replies] == [200, 200, 200, 302, 200, 200, 302, 200]
    assert len(stored(app, token)) == 4
    assert [r.headers.getlist("Set-Cookie") for r in replies] == [[]] * len(replies)
