"""The learner's way through, in the test client: every route and every bad input."""

import re

import pytest

from app.models import Attempt, ClassSession, Item, Quiz, Response
from app.words import LABEL_NAMES
from tests.helpers import (
    ROOT,
    SLUG,
    answer,
    answer_all,
    attempt_items,
    count,
    join,
    start_practice,
    text_of,
    token_of,
)

TEMPLATES = ROOT / "templates" / "student"


def test_home_offers_join_and_practice(client):
    page = text_of(client.get("/"))
    assert "Join your class" in page
    assert "Practise on your own" in page
    assert "The buffer zone and the drone attack claim" in page


def lead_of(quiz):
    """The start of the article's first paragraph after the headline (which the start page
    names anyway)."""
    return [line for line in quiz.article.splitlines() if line.strip()][1][:60]


def test_practice_start_page_then_first_statement(client, app):
    token = start_practice(client)
    start = client.get(f"/a/{token}")
    assert start.status_code == 200
    page = text_of(start)
    assert "29 statements" in page
    # The session offers the article first: it is on this page, then the statements.
    with app.app_context():
        lead = lead_of(Quiz.get(Quiz.slug == SLUG))
    assert page.index("Skip to the statements") < page.index(lead)
    assert page.index(lead) < page.index("Start the statements")
    first = attempt_items(app, token)[0]
    page = client.get(f"/a/{token}/q/1")
    assert page.status_code == 200
    assert first.statement in text_of(page)


def test_start_page_without_the_article_when_not_offered_first(client, app):
    with app.app_context():
        quiz = Quiz.get(Quiz.slug == SLUG)
        code = ClassSession.open_class(quiz, "Year 9", read_first=False).join_code
        lead = lead_of(quiz)
    page = text_of(client.get(f"/a/{token_of(join(client, code, 'Ann'))}"))
    assert "29 statements" in page and "Start the statements" in page
    assert lead not in page and "Skip to the statements" not in page


def test_question_page_never_carries_the_answer_key(client, app):
    token = start_practice(client)
    items = attempt_items(app, token)
    response = client.get(f"/a/{token}/q/1")
    html, page = response.get_data(as_text=True), text_of(response)
    for item in items:
        assert item.explanation not in page
    first = items[0]
    if first.source not in first.statement:
        assert first.source not in page
    assert first.key not in html
    assert "checked" not in html
    assert "Right" not in page and "Not quite" not in page


def test_answer_shows_feedback_with_quote_and_cue(client, app):
    token = start_practice(client)
    item = attempt_items(app, token)[0]
    wrong = "fact" if item.label == "allegation" else "allegation"
    response = answer(client, token, 1, item, wrong, confidence=4)
    assert response.status_code == 302 and response.location.endswith(f"/a/{token}/q/1")
    page = client.get(f"/a/{token}/q/1")
    html = page.get_data(as_text=True)
    assert "Not quite" in text_of(page)
    assert '<mark class="cue">' in html
    assert f"/a/{token}/article?item=1#passage" in html
    with app.app_context():
        stored = Response.get()
        assert (stored.choice, stored.confidence, stored.correct) == (wrong, 4, False)


def test_right_answer_says_right_in_words(client, app):
    token = start_practice(client)
    item = attempt_items(app, token)[0]
    answer(client, token, 1, item, item.label)
    assert "✓ Right" in text_of(client.get(f"/a/{token}/q/1"))


def test_article_page_highlights_an_answered_passage_only(client, app):
    token = start_practice(client)
    item = attempt_items(app, token)[0]
    assert "<mark" not in client.get(f"/a/{token}/article?item=1").get_data(as_text=True)
    answer(client, token, 1, item, "fact")
    html = client.get(f"/a/{token}/article?item=1").get_data(as_text=True)
    assert 'id="passage"' in html and '<mark class="quote">' in html
    assert "Back to statement 1" in html


def test_whole_quiz_to_results(client, app):
    token = start_practice(client)
    # Right on every fact; wrong on the first three allegations.
    wrong_allegations = []

    def right(n, item):
        if item.label == "allegation" and len(wrong_allegations) < 3:
            wrong_allegations.append(item)
            return False
        return True

    answer_all(client, app, token, right=right, confidence=3)
    assert client.get(f"/a/{token}").location.endswith(f"/a/{token}/results")
    page = text_of(client.get(f"/a/{token}/results"))
    assert "You were right on 26 of the 29 statements you answered" in page
    assert "Of the 14 allegations you answered, you took 3 of them for facts." in page
    assert "Of the 15 facts you answered, you doubted 0 of them." in page
    assert "You were “quite sure” or “certain” but wrong 3 times" in page
    assert "When unsure, you tended to believe claims" in page or "leaned neither way" in page
    with app.app_context():
        assert Attempt.get(Attempt.token == token).is_finished


def test_results_before_finishing_redirects(client):
    token = start_practice(client)
    assert client.get(f"/a/{token}/results").status_code == 302


def test_item_order_shuffled_per_attempt_and_stable(client, app):
    orders = {tuple(i.id for i in attempt_items(app, start_practice(client))) for _ in range(4)}
    assert len(orders) > 1
    token = start_practice(client)
    assert attempt_items(app, token) == attempt_items(app, token)


def test_skipping_ahead_goes_to_first_unanswered(client, app):
    token = start_practice(client)
    answer(client, token, 1, attempt_items(app, token)[0], "fact")
    assert client.get(f"/a/{token}/q/5").location.endswith(f"/a/{token}/q/2")
    assert client.get(f"/a/{token}").location.endswith(f"/a/{token}/q/2")


def test_second_answer_to_same_item_is_not_counted(client, app):
    token = start_practice(client)
    item = attempt_items(app, token)[0]
    answer(client, token, 1, item, "fact")
    second = answer(client, token, 1, item, "allegation")
    assert second.status_code == 302
    assert second.location.endswith("?already=1")
    assert "already answered" in text_of(client.get(second.location))
    with app.app_context():
        assert Response.select().count() == 1
        assert Response.get().choice == "fact"


def test_finished_attempt_cannot_change(client, app):
    token = start_practice(client)
    items = answer_all(client, app, token)
    response = answer(client, token, 1, items[0], "fact" if items[0].label != "fact" else "fact")
    assert response.location.endswith("/results")
    with app.app_context():
        assert Response.select().count() == len(items)
        assert all(r.correct for r in Response.select())


def test_join_with_code_and_resume_same_name(client, app, class_session):
    code = class_session.join_code
    first = client.post("/join", data={"code": code.lower(), "name": "  Ben  "})
    assert first.status_code == 302
    again = client.post("/join", data={"code": code, "name": "ben"})
    assert again.location == first.location
    other = client.post("/join", data={"code": code, "name": "Cara"})
    assert other.location != first.location
    with app.app_context():
        names = sorted(a.display_name for a in Attempt.select())
    assert names == ["Ben", "Cara"]


def test_reopened_browser_finds_attempt_on_home_page(client, app):
    token = start_practice(client, name="Dee")
    page = client.get("/").get_data(as_text=True)
    assert f"/a/{token}" in page and "Carry on" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"code": "", "name": "Ann"}, "Type the code your teacher gave you."),
        ({"code": "ABC", "name": "Ann"}, "A join code has 6 letters and digits."),
        ({"code": "ZZZZZZ", "name": "Ann"}, "No class uses the code ZZZZZZ."),
        ({"code": "{code}", "name": ""}, "Type your name"),
        ({"code": "{code}", "name": "   "}, "Type your name"),
        ({"code": "{code}", "name": "x" * 41}, "at most 40 characters"),
        ({"code": "{code}", "name": "Ann\x00"}, "can only contain letters"),
    ],
    ids=[
        "empty-code",
        "short-code",
        "unknown-code",
        "empty-name",
        "blank-name",
        "long-name",
        "nul-in-name",
    ],
)
def test_bad_join_says_what_is_wrong_and_stores_nothing(client, app, class_session, data, message):
    data = {k: v.format(code=class_session.join_code) for k, v in data.items()}
    response = client.post("/join", data=data)
    assert response.status_code == 400
    assert message in text_of(response)
    assert count(app, Attempt) == 0


def test_closed_session_refuses_join_and_answers(client, app, class_session):
    first = client.post("/join", data={"code": class_session.join_code, "name": "Eve"})
    token = first.location.rsplit("/a/", 1)[1]
    with app.app_context():
        ClassSession.update(is_open=False).execute()
    refused = client.post("/join", data={"code": class_session.join_code, "name": "Fay"})
    assert refused.status_code == 400
    assert "This class session has closed" in text_of(refused)
    blocked = answer(client, token, 1, attempt_items(app, token)[0], "fact")
    assert blocked.status_code == 302 and blocked.location.endswith(f"/a/{token}/results")
    page = text_of(client.get(blocked.location))
    assert "Your teacher closed this session before that answer could be saved" in page
    assert "You hadn't answered any of its statements" in page
    assert count(app, Response) == 0


def test_practice_codes_cannot_be_joined(client, app):
    with app.app_context():
        practice = ClassSession.get(ClassSession.is_practice)
        assert practice.join_code is None
    response = client.post("/practice", data={"quiz": "no-such-quiz"})
    assert response.status_code == 400
    assert "Choose one of the articles" in text_of(response)


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"choice": ""}, 400, "Choose “Verified fact” or “Unevidenced allegation”."),
        ({"choice": "opinion"}, 400, "Choose “Verified fact” or “Unevidenced allegation”."),
        ({"confidence": "7"}, 400, "Choose one of the four levels, or none."),
        ({"confidence": "0"}, 400, "Choose one of the four levels, or none."),
        ({"item": "999999"}, 400, "isn't this one"),
        ({"item": ""}, 400, "wasn't saved"),
        ({"evidence": ""}, 400, "Mark the sentence of the article that decides it"),
        ({"evidence": "999"}, 400, "Mark one of the article's sentences."),
        ({"evidence": "-1"}, 400, "Mark one of the article's sentences."),
        ({"evidence": "two"}, 400, "Mark one of the article's sentences."),
    ],
)
def test_bad_answer_says_what_is_wrong_and_stores_nothing(client, app, change, status, message):
    token = start_practice(client)
    item = attempt_items(app, token)[0]
    data = {"item": str(item.id), "choice": "fact", "confidence": "2", "evidence": "3", **change}
    response = client.post(f"/a/{token}/q/1", data=data)
    assert response.status_code == status
    assert message in text_of(response)
    assert count(app, Response) == 0


def test_answering_an_item_of_another_attempt(client, app):
    mine = start_practice(client, "Gus")
    theirs = start_practice(client, "Hal")
    my_first = attempt_items(app, mine)[0]
    their_first = attempt_items(app, theirs)[0]
    if my_first.id == their_first.id:  # same first item by chance: use their second
        their_first = attempt_items(app, theirs)[1]
    response = answer(client, mine, 1, their_first, "fact")
    assert response.status_code == 400
    assert count(app, Response) == 0


@pytest.mark.parametrize(
    "path", ["/a/forged-token", "/a/forged-token/q/1", "/a/forged-token/results", "/nowhere"]
)
def test_unknown_addresses_are_friendly_404s(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)
    assert "home page" in text_of(response)


def test_position_out_of_range_is_404(client):
    token = start_practice(client)
    assert client.get(f"/a/{token}/q/0").status_code == 404
    assert client.get(f"/a/{token}/q/30").status_code == 404
    assert client.post(f"/a/{token}/q/99", data={"choice": "fact"}).status_code == 404


def test_confidence_ignored_when_session_does_not_ask(client, app):
    with app.app_context():
        from app.models import Quiz

        session = ClassSession.open_class(
            Quiz.get(Quiz.slug == SLUG), "No confidence", ask_confidence=False
        )
    token = client.post("/join", data={"code": session.join_code, "name": "Ivy"}).location
    token = token.rsplit("/a/", 1)[1]
    assert "How sure are you" not in text_of(client.get(f"/a/{token}/q/1"))
    answer(client, token, 1, attempt_items(app, token)[0], "fact", confidence=4)
    with app.app_context():
        assert Response.get().confidence is None


def test_retired_item_is_not_offered_to_new_attempts(client, app):
    with app.app_context():
        Item.update(active=False).where(Item.key == "donbas-regions").execute()
    items = attempt_items(app, start_practice(client))
    assert len(items) == 28 and "donbas-regions" not in {i.key for i in items}


def test_a_learner_stopped_by_the_close_lands_on_their_results_so_far(client, app, class_session):
    first = client.post("/join", data={"code": class_session.join_code, "name": "Eve"})
    token = first.location.rsplit("/a/", 1)[1]
    items = attempt_items(app, token)
    for n, item in enumerate(items[:3], start=1):
        assert answer(client, token, n, item, item.label).status_code == 302
    with app.app_context():
        ClassSession.update(is_open=False).execute()
    # Every way back in leads to the results so far: the front door, the next statement,
    # a later one, the home page's carry-on link.
    for path in (f"/a/{token}", f"/a/{token}/q/4", f"/a/{token}/q/9"):
        response = client.get(path)
        assert response.status_code == 302 and response.location.endswith(f"/a/{token}/results")
    page = text_of(client.get(f"/a/{token}/results"))
    assert "Your teacher has closed this session. You answered 3 of 29 statements" in page
    assert "You were right on 3 of the 3 statements you answered" in page
    assert "closed by your teacher: see your results so far" in text_of(client.get("/"))
    assert count(app, Response) == 3
    # Reopened, the same link carries on where the learner stopped.
    with app.app_context():
        ClassSession.update(is_open=True).execute()
    assert client.get(f"/a/{token}").location.endswith(f"/a/{token}/q/4")


def test_results_say_each_answer_in_words(client, app):
    token = start_practice(client)
    items = attempt_items(app, token)
    first, second = items[:2]
    wrong = "allegation" if first.label == "fact" else "fact"
    answer(client, token, 1, first, wrong, confidence=4)
    answer(client, token, 2, second, second.label, confidence=1, marked="miss")
    for n, item in enumerate(items[2:], start=3):
        answer(client, token, n, item, item.label)
    results = client.get(f"/a/{token}/results")
    page, html = text_of(results), results.get_data(as_text=True)
    it_is = "a Verified fact" if first.label == "fact" else "an Unevidenced allegation"
    said = LABEL_NAMES[wrong]
    assert (
        f"{first.statement} You said {said} — it is {it_is} ✗ You were certain."
        " You pointed to the right sentence ✓" in page
    )
    assert (
        f"{second.statement} You said {LABEL_NAMES[second.label]} — right ✓"
        " You were just guessing. You pointed to another sentence ✗" in page
    )
    assert page.count("You didn't say how sure you were.") == len(items) - 2
    # A list of rows that each say it all, not a table whose headers a phone hides.
    assert "<table" not in html and html.count('<li class="review-row') == len(items)


def answer_until_one_short_of_ten_each(client, app, token):
    """Answer in order until one more answer would make 10 facts and 10 allegations;
    return the position of that next answer and its item."""
    done = {"fact": 0, "allegation": 0}
    for n, item in enumerate(attempt_items(app, token), start=1):
        after = {**done, item.label: done[item.label] + 1}
        if min(after.values()) == 10:
            return n, item
        answer(client, token, n, item, item.label)
        done = after
    raise AssertionError("the quiz has fewer than 10 of a kind")


def test_the_lean_is_put_into_words_only_after_ten_answers_of_each_kind(client, app, class_session):
    token = token_of(join(client, class_session.join_code, "Lea"))
    position, item = answer_until_one_short_of_ten_each(client, app, token)
    with app.app_context():
        ClassSession.update(is_open=False).execute()
    page = text_of(client.get(f"/a/{token}/results"))
    assert "too early to say which way you lean" in page
    assert "When unsure" not in page
    with app.app_context():
        ClassSession.update(is_open=True).execute()
    answer(client, token, position, item, item.label)  # the tenth of its kind
    with app.app_context():
        ClassSession.update(is_open=False).execute()
    page = text_of(client.get(f"/a/{token}/results"))
    assert "too early" not in page
    assert "When unsure, you leaned neither way" in page  # every answer right: c = 0


def test_no_answers_yet_rather_than_zero_of_zero(client, app, class_session):
    token = token_of(join(client, class_session.join_code, "Nil"))
    with app.app_context():
        ClassSession.update(is_open=False).execute()
    page = text_of(client.get(f"/a/{token}/results"))
    assert "No answers yet" in page
    assert "0 of 0" not in page and "of the 0" not in page and "Of the 0" not in page
    # Unanswered, and the session may reopen: the kinds stay hidden, or the key would be out.
    assert "You did not answer this one — its answer stays hidden" in page
    assert "You did not answer this one — it is" not in page


# Words a learner of 13 to 16 should not meet: statistics' names and symbols, and labels.
JARGON = (
    "brier",
    "kr-20",
    "kr20",
    "lean c",
    "bias c",
    "sensitivity",
    "point-biserial",
    "discernment",
    "credulous",
    "sceptical",
    "skeptical",
)
D_PRIME = re.compile(r"\bd\s*[′']")
DECIMAL_FIGURE = re.compile(r"[−-]?\d\.\d\d")  # "0.92", "−0.12": no raw statistic either


def learner_pages(client, app, class_session):
    """Every learner page, in every state that shows figures or answers: (name, response)."""
    yield "home", client.get("/")
    yield "join errors", client.post("/join", data={"code": "", "name": ""})
    token = start_practice(client)
    items = attempt_items(app, token)
    yield "start", client.get(f"/a/{token}")
    yield "article", client.get(f"/a/{token}/article")
    yield "question", client.get(f"/a/{token}/q/1")
    yield "question with errors", client.post(f"/a/{token}/q/1", data={"item": str(items[0].id)})
    answer_all(client, app, token, right=lambda n, item: n % 4 != 0, confidence=3)
    yield "feedback", client.get(f"/a/{token}/q/1")
    yield "feedback, wrong", client.get(f"/a/{token}/q/4")
    yield "article with passage", client.get(f"/a/{token}/article?item=1")
    yield "results", client.get(f"/a/{token}/results")
    with app.app_context():
        ClassSession.update(feedback_each=False, key_after_close=True).where(
            ClassSession.id == class_session.id
        ).execute()
    late = token_of(join(client, class_session.join_code, "Late"))
    answer(client, late, 1, attempt_items(app, late)[0], "fact")
    yield "saved, feedback at the end", client.get(f"/a/{late}/q/1")
    answer_all(client, app, late)
    yield "results hidden till the close", client.get(f"/a/{late}/results")
    stopped = token_of(join(client, class_session.join_code, "Stopped"))
    answer(client, stopped, 1, attempt_items(app, stopped)[0], "fact", confidence=2)
    with app.app_context():
        ClassSession.update(is_open=False).execute()
    yield "results, closed early", client.get(f"/a/{stopped}/results")
    yield "results, closed after", client.get(f"/a/{late}/results")
    yield "not found", client.get("/a/no-such-token")


def test_no_learner_page_speaks_jargon(client, app, class_session):
    seen = 0
    for name, response in learner_pages(client, app, class_session):
        assert response.status_code in (200, 400, 404), name
        page = text_of(response).lower()
        for word in JARGON:
            assert word not in page, f"{name}: {word}"
        assert not D_PRIME.search(page), name
        assert not DECIMAL_FIGURE.search(page), f"{name}: {DECIMAL_FIGURE.search(page)}"
        seen += 1
    assert seen == 15


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_no_learner_template_speaks_jargon(path):
    """The words a template writes itself (its Jinja code aside) are free of jargon too."""
    source = re.sub(r"\{([{%#]).*?[}%#]\}", " ", path.read_text(encoding="utf-8"), flags=re.S)
    source = source.lower()
    for word in JARGON:
        assert word not in source, word
    assert not D_PRIME.search(source)
