"""A teacher's practice link: the address of one of their published quizzes that a learner
opens to practise it alone, as the home page's practice does for everyone's quizzes.

A teacher's quiz is theirs alone (the home page never offers it), so the link carries a
token signed with the app's secret key: only the teacher's quiz page can give one, and a
token changed by hand is refused. It names the quiz by id, owner and slug, so a link to a
deleted quiz opens no other teacher's quiz, nor one of theirs under another name (SQLite
may give a new quiz a deleted one's id: only the same teacher's quiz with the same slug,
in practice the same article imported again, would open). Attempts through the link
record the browser and address they came from, as a class's do; that is how the quiz page
tells them from the teacher's own try-outs (reports.link_practice)."""

from flask import abort, current_app, redirect, render_template, url_for
from itsdangerous import BadData, URLSafeSerializer

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
from app.throttle import PRACTICE, origin_digest

NOT_FOUND = (
    "This practice link doesn't lead to a quiz: check that you have the whole address, or "
    "ask your teacher for the link again."
)


class PracticeLinkForm(PracticeForm):
    """The practice form without its list of quizzes: the link names the quiz."""

    quiz = None


def _signer():
    """Signs practice links with the app's secret key (and their own salt)."""
    return URLSafeSerializer(current_app.secret_key, salt="practice-link")


def practice_token(quiz):
    """The token of the quiz's practice link."""
    return _signer().dumps([quiz.id, quiz.owner_id, quiz.slug])


def practice_url(quiz):
    """The full address of the quiz's practice link, to share with learners."""
    return learner_url("student.practice_link", token=practice_token(quiz))


def linked_quiz(token):
    """The teacher's published quiz a practice link names, or a 404 page (a forged or
    damaged token, a deleted quiz, or one not published)."""
    try:
        quiz_id, owner_id, slug = _signer().loads(token)
    except (BadData, TypeError, ValueError):
        abort(404, NOT_FOUND)
    quiz = Quiz.get_or_none((Quiz.id == quiz_id) & (Quiz.owner == owner_id) & (Quiz.slug == slug))
    if quiz is None or quiz.is_draft or not quiz.has_active_items():
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
