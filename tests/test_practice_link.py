"""A teacher's practice link: a learner practises the teacher's published quiz alone
through it, a forged or stale link is a 404, and the quiz page lists the attempts."""

import re
from html import unescape

import pytest
from itsdangerous import URLSafeSerializer

from app.models import Attempt, Item, Quiz
from app.student.practice_link import practice_token
from tests.helpers import (
    SLUG,
    add_teacher,
    answer,
    attempt_items,
    draft,
    import_text,
    log_in,
    text_of,
)

NOT_FOUND = "This practice link doesn't lead to a quiz"


def published(client):
    """Import, draft, accept the confident drafts and publish a quiz; return its slug."""
    slug = import_text(client)
    draft(client, slug)
    client.post(f"/teacher/quizzes/{slug}/drafts/accept-confident")
    assert client.post(f"/teacher/quizzes/{slug}/publish").status_code == 302
    return slug


def link_on_page(client, slug):
    """The practice link's path, as the quiz page shows it to copy."""
    html = client.get(f"/teacher/quizzes/{slug}").get_data(as_text=True)
    url = re.search(r'id="practice-link" class="practice-link" value="([^"]+)"', html).group(1)
    url = unescape(url)
    assert url.startswith("http://localhost/practice/")  # a full address, to share
    return url.removeprefix("http://localhost")


def start(app, path, name="Lena"):
    """Open the link and start practising as a new learner; return the attempt's token."""
    learner = app.test_client()
    page = learner.get(path)
    assert page.status_code == 200
    assert "Your name (optional)" in text_of(page)
    response = learner.post(path, data={"name": name})
    assert response.status_code == 302, text_of(response)
    return learner, response.location.rsplit("/a/", 1)[1]


def test_the_link_starts_practice_on_the_teachers_quiz(app, teacher):
    slug = published(teacher)
    path = link_on_page(teacher, slug)
    learner, token = start(app, path)
    with app.app_context():
        attempt = Attempt.get(Attempt.token == token)
        quiz = Quiz.get(Quiz.slug == slug)
        assert attempt.session.quiz_id == quiz.id and attempt.session.is_practice
        assert attempt.display_name == "Lena"
        assert sorted(attempt.item_ids) == sorted(i.id for i in Item.active_in(quiz))
    assert "Town library" in text_of(learner.get(f"/a/{token}"))
    # A name is optional, as on the home page.
    _, nameless = start(app, path, name="")
    with app.app_context():
        assert Attempt.get(Attempt.token == nameless).display_name == ""
    # The home page still never offers the teacher's quiz.
    assert "Town library" not in text_of(app.test_client().get("/"))


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "not-a-token",
        lambda token: "1" * 300 + token[token.index("-") :],
        lambda token: "0" + token,
        lambda token: URLSafeSerializer("guessed", salt="practice-link").dumps([1, 1, "x"]),
    ],
)
def test_a_forged_link_is_a_404(app, teacher, forge):
    slug = published(teacher)
    token = link_on_page(teacher, slug).rsplit("/", 1)[1]
    assert len(token) <= 30  # short enough to write on the board
    learner = app.test_client()
    for method in ("GET", "POST"):
        response = learner.open(f"/practice/{forge(token)}", method=method, data={"name": "X"})
        assert response.status_code == 404
        assert NOT_FOUND in text_of(response)
    with app.app_context():
        assert Attempt.select().count() == 0


def test_a_draft_or_deleted_quiz_has_no_practice(app, teacher):
    slug = import_text(teacher)
    draft(teacher, slug)
    # A draft's quiz page offers no link, and a link made for it all the same leads nowhere.
    assert 'id="practice-link"' not in teacher.get(f"/teacher/quizzes/{slug}").get_data(
        as_text=True
    )
    with app.test_request_context():
        token = practice_token(Quiz.get(Quiz.slug == slug))
    learner = app.test_client()
    assert learner.get(f"/practice/{token}").status_code == 404
    assert learner.post(f"/practice/{token}", data={"name": "X"}).status_code == 404
    # Published, then deleted: its link dies with it.
    teacher.post(f"/teacher/quizzes/{slug}/drafts/accept-confident")
    teacher.post(f"/teacher/quizzes/{slug}/publish")
    assert learner.get(f"/practice/{token}").status_code == 200
    assert teacher.post(f"/teacher/quizzes/{slug}/delete").status_code == 302
    response = learner.get(f"/practice/{token}")
    assert response.status_code == 404 and NOT_FOUND in text_of(response)
    # Everyone's quizzes are practised from the home page, never by a link.
    assert 'id="practice-link"' not in teacher.get(f"/teacher/quizzes/{SLUG}").get_data(
        as_text=True
    )


def test_the_quiz_page_lists_practice_through_the_link_for_its_teacher_alone(app, teacher):
    slug = published(teacher)
    page = text_of(teacher.get(f"/teacher/quizzes/{slug}"))
    assert "No one has practised through the link yet." in page
    learner, token = start(app, link_on_page(teacher, slug))
    items = attempt_items(app, token)
    for n, item in enumerate(items[:2], start=1):
        assert answer(learner, token, n, item, item.label).status_code == 302
    # The teacher's own try-out is practice too, but not through the link.
    tried = teacher.post(f"/teacher/quizzes/{slug}/try")
    assert tried.status_code == 302
    page = text_of(teacher.get(f"/teacher/quizzes/{slug}"))
    section = page[page.index("Practised through the link") :]
    assert "Lena" in section
    assert f"2 of {len(items)}" in section and "2 of 2 answers (100%)" in section
    assert "ada" not in section.split("Class sessions are on your dashboard")[0]
    # Not on the dashboard's class sessions, nor on another teacher's pages.
    assert "Lena" not in text_of(teacher.get("/teacher/"))
    other = app.test_client()
    add_teacher(app, "bob")
    log_in(other, "bob")
    assert other.get(f"/teacher/quizzes/{slug}").status_code == 404
    theirs = published(other)
    their_page = text_of(other.get(f"/teacher/quizzes/{theirs}"))
    assert "No one has practised through the link yet." in their_page
    assert "Lena" not in their_page
