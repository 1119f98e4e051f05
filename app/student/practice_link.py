"""A teacher's practice link: the address of one of their published quizzes that a learner
opens to practise it alone, as the home page's practice does for everyone's quizzes.

A teacher's quiz is theirs alone (the home page never offers it), so the link carries a
token made with the app's secret key: only the teacher's quiz page can give one, and a
token changed by hand is refused. It names the quiz by id, owner and slug, so a link to a
deleted quiz opens no other teacher's quiz, nor one of theirs under another name (SQLite
may give a new quiz a deleted one's id: only the same teacher's quiz with the same slug,
in practice the same article imported again, would open). Attempts through the link
record the browser and address they came from, as a class's do; that is how the quiz page
tells them from the teacher's own try-outs (reports.link_practice)."""

import base64
import hmac
import re

from flask import abort, redirect, render_template, url_for

from app.models import Attempt, ClassSession, Quiz
from app.student import bp
from app.student.forms import PracticeForm
from app.student.routes import (
    KEY_HIDDEN_MESSAGE,
    browser_id,
    learner_url,
    quiz_key_hidden,
    remember,
)
from app.throttle import PRACTICE, keyed_digest, origin_digest

NOT_FOUND = (
    "This practice link doesn't lead to a quiz: check that you have the whole address, or "
    "ask your teacher for the link again."
)


class PracticeLinkForm(PracticeForm):
    """The practice form without its list of quizzes: the link names the quiz."""

    quiz = None


# "<quiz id>-<16 characters>": short enough to write on a board.
TOKEN = re.compile(r"(?P<id>[1-9][0-9]{0,11})-(?P<mac>[A-Za-z0-9_-]{16})")


def _mac(quiz_id, owner_id, slug):
    """The link's proof: a keyed digest (the app's secret key) of the quiz's id, owner and
    slug, 96 bits of it, so no one makes a link the teacher's page didn't give."""
    digest = keyed_digest(f"practice-link|{quiz_id}|{owner_id}|{slug}")
    return base64.urlsafe_b64encode(digest[:12]).decode()


def practice_token(quiz):
    """The token of the quiz's practice link."""
    return f"{quiz.id}-{_mac(quiz.id, quiz.owner_id, quiz.slug)}"


def practice_url(quiz):
    """The full address of the quiz's practice link, to share with learners."""
    return learner_url("student.practice_link", token=practice_token(quiz))


def linked_quiz(token):
    """The teacher's published quiz a practice link names, or a 404 page (a forged or
    damaged token, a deleted quiz, or one not published)."""
    found = TOKEN.fullmatch(token)
    quiz = Quiz.get_or_none(Quiz.id == int(found["id"])) if found else None
    genuine = (
        quiz is not None
        and quiz.owner_id is not None
        and hmac.compare_digest(found["mac"], _mac(quiz.id, quiz.owner_id, quiz.slug))
    )
    if not genuine or quiz.is_draft or not quiz.has_active_items():
        abort(404, NOT_FOUND)
    return quiz


def practice_link_page(token, quiz, form, status=200):
    """The link's page: the quiz, and a name to give (or not)."""
    page = render_template("student/practice_link.html", token=token, quiz=quiz, form=form)
    return page, status


@bp.get("/practice/<token>")
def practice_link(token):
    """Practise a teacher's quiz alone, from the link they shared."""
    return practice_link_page(token, linked_quiz(token), PracticeLinkForm())


@bp.post("/practice/<token>")
def start_practice_link(token):
    """Start a practice attempt on the link's quiz, as the home page's practice does."""
    quiz = linked_quiz(token)
    form = PracticeLinkForm()
    if not form.validate_on_submit():
        return practice_link_page(token, quiz, form, status=400)
    if quiz_key_hidden(quiz.id):
        form.form_errors.append(KEY_HIDDEN_MESSAGE)
        return practice_link_page(token, quiz, form, status=409)
    if PRACTICE.attempt(origin_digest()).blocked_until:  # a refused start is not counted
        form.form_errors.append(
            "So many practice quizzes have been started from here in the last hour that no "
            "more can start for now. Carry on with one you started, or try again later."
        )
        return practice_link_page(token, quiz, form, status=429)
    attempt = Attempt.begin(
        ClassSession.practice_for(quiz),
        form.name.data or "",
        browser=browser_id(),
        origin=origin_digest(),
    )
    remember(attempt)
    return redirect(url_for("student.attempt", token=attempt.token))
