"""The learner's pages. An attempt is reached by its secret token in the address, so a
refresh, the back button or a second tab lands on the same attempt; the browser's
signed cookie remembers the tokens so a reopened browser can find them again."""

import re

from flask import abort, flash, redirect, render_template, request, session, url_for
from wtforms.fields.choices import SelectChoice

from app import bank, evidence, reports
from app.models import Attempt, ClassSession, Item, Quiz, Response, quiz_choices
from app.student import bp
from app.student.forms import AnswerForm, JoinForm, PracticeForm
from app.throttle import JOIN

REMEMBERED_ATTEMPTS = 20
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def remember(attempt):
    """Keep the attempt's token in the learner's cookie (newest first)."""
    tokens = [t for t in session.get("attempts", []) if t != attempt.token]
    session["attempts"] = [attempt.token, *tokens][:REMEMBERED_ATTEMPTS]
    session.permanent = True


def remembered_attempts():
    """The attempts this browser has started, newest first."""
    tokens = session.get("attempts", [])
    if not tokens:
        return []
    found = {
        a.token: a
        for a in Attempt.select(Attempt, ClassSession, Quiz)
        .join(ClassSession)
        .join(Quiz)
        .where(Attempt.token.in_(tokens))
    }
    return [found[t] for t in tokens if t in found]


def get_attempt(token):
    """The attempt with this token, or a 404 page (a malformed token is not looked up)."""
    attempt = None
    if TOKEN_SHAPE.fullmatch(token):
        # The quiz (with its article) is loaded only by the pages that show it.
        attempt = (
            Attempt.select(Attempt, ClassSession)
            .join(ClassSession)
            .where(Attempt.token == token)
            .first()
        )
    if attempt is None:
        abort(
            404, "We couldn't find that quiz. Check the address, or start again from the home page."
        )
    return attempt


def next_position(attempt):
    """The position (1-based) of the first unanswered item, or None when all are answered."""
    answered = {
        r.item_id for r in Response.select(Response.item).where(Response.attempt == attempt)
    }
    for n, item_id in enumerate(attempt.item_ids, start=1):
        if item_id not in answered:
            return n
    return None


def practice_form():
    """The practice form, offering every quiz that has items."""
    form = PracticeForm()
    form.quiz.choices = [SelectChoice(*choice) for choice in quiz_choices()]
    return form


def home_page(join_form=None, practice=None, status=200):
    """Render the home page with the given (possibly failed) forms."""
    return render_template(
        "student/home.html",
        join_form=join_form or JoinForm(),
        practice_form=practice or practice_form(),
        attempts=remembered_attempts(),
    ), status


@bp.get("/healthz")
def health():
    """A load balancer's check that this process answers (it touches no database)."""
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


@bp.get("/")
def home():
    """Join a class, practise alone, or carry on where you left off.

    The projector's QR code links here with ?code=…, which fills in the join code.
    """
    return home_page(join_form=JoinForm(code=request.args.get("code", "")))


@bp.post("/join")
def join():
    """Join a class session with its code; the same name in the same browser resumes."""
    form = JoinForm()
    if not form.validate_on_submit():
        return home_page(join_form=form, status=400)
    class_session, status = open_class_for(form)
    if class_session is None:
        return home_page(join_form=form, status=status)
    attempt = resumable(class_session, form.name.data) or Attempt.begin(
        class_session, form.name.data
    )
    remember(attempt)
    return redirect(url_for("student.attempt", token=attempt.token))


def open_class_for(form):
    """The open class session with the form's code, or None and an error on the form.

    Wrong codes are throttled per address, so codes cannot be found by guessing.
    """
    address = request.remote_addr or "unknown"
    if JOIN.blocked_until(address):
        form.code.errors.append("Too many wrong codes from here. Wait a few minutes and try again.")
        return None, 429
    found = ClassSession.find_by_code(form.code.data)
    if found is None:
        JOIN.fail(address)
        form.code.errors.append(
            f"No class uses the code {form.code.data}. Check it with your teacher."
        )
        return None, 400
    if not found.is_open:
        form.code.errors.append("This class session has closed. Ask your teacher for a new code.")
        return None, 400
    return found, 200


def resumable(class_session, name):
    """This browser's attempt in the session under the same name (any case), if there is one."""
    for attempt in remembered_attempts():
        if attempt.session_id == class_session.id and (
            attempt.display_name.casefold() == name.casefold()
        ):
            return attempt
    return None


@bp.post("/practice")
def practice():
    """Start a practice attempt on a quiz, on one's own."""
    form = practice_form()
    if not form.validate_on_submit():
        return home_page(practice=form, status=400)
    quiz = Quiz.get(Quiz.slug == form.quiz.data)
    attempt = Attempt.begin(ClassSession.practice_for(quiz), form.name.data or "")
    remember(attempt)
    return redirect(url_for("student.attempt", token=attempt.token))


@bp.get("/a/<token>")
def attempt(token):
    """The attempt's front door: an introduction, the next statement, or the results."""
    attempt = get_attempt(token)
    remember(attempt)
    position = next_position(attempt)
    if position is None:
        return redirect(url_for("student.results", token=token))
    if position > 1:
        return redirect(url_for("student.item", token=token, position=position))
    return render_template(
        "student/start.html",
        attempt=attempt,
        quiz=attempt.session.quiz,
        total=len(attempt.item_ids),
    )


@bp.get("/a/<token>/article")
def article(token):
    """The article to read, with one answered item's quote highlighted on request."""
    attempt = get_attempt(token)
    quiz = attempt.session.quiz
    position = request.args.get("item", type=int)
    item = answered_item(attempt, position) if position else None
    marked, first, _ = bank.marked_paragraphs(quiz.article, item.quote if item else "")
    return render_template(
        "student/article.html",
        attempt=attempt,
        quiz=quiz,
        headline=marked[0],
        paragraphs=marked[1:],
        first_marked=None if first is None else first - 1,
        item=item,
        position=position if item else None,
        next_position=next_position(attempt),
    )


def answered_item(attempt, position):
    """The item at this position if the learner has answered it, else None."""
    ids = attempt.item_ids
    if not 1 <= position <= len(ids):
        return None
    response = Response.get_or_none(
        (Response.attempt == attempt) & (Response.item == ids[position - 1])
    )
    return response.item if response else None


def item_id_at(attempt, position):
    """The id of the item at a 1-based position of the attempt, or a 404 page."""
    ids = attempt.item_ids
    if not 1 <= position <= len(ids):
        abort(404, "There is no statement with that number in your quiz.")
    return ids[position - 1]


def item_at(attempt, position):
    """The item at a 1-based position of the attempt, or a 404 page."""
    return Item.get_by_id(item_id_at(attempt, position))


@bp.get("/a/<token>/q/<int:position>")
def item(token, position):
    """One statement: the question if unanswered, the feedback once answered."""
    attempt = get_attempt(token)
    item = item_at(attempt, position)
    response = Response.get_or_none((Response.attempt == attempt) & (Response.item == item))
    already = request.args.get("already") == "1"
    if response and (attempt.session.feedback_each or attempt.is_finished):
        return feedback_page(attempt, position, item, response, already)
    if response:  # feedback only at the end: confirm the answer, reveal nothing yet
        return render_template(
            "student/saved.html",
            attempt=attempt,
            position=position,
            total=len(attempt.item_ids),
            already=already,
        )
    first_open = next_position(attempt)
    if first_open != position:
        return redirect(url_for("student.item", token=token, position=first_open))
    form = AnswerForm(item=str(item.id))
    return question_page(attempt, position, item, form)


def question_page(attempt, position, item, form, status=200):
    """Render the question for one statement beside the whole article, unmarked (never its
    label, quote or explanation)."""
    reading = evidence.reading(attempt.session.quiz.article)
    if attempt.session.ask_evidence:
        form.ask_for_evidence(reading)
        form.article.data = reading.digest
    return render_template(
        "student/question.html",
        attempt=attempt,
        quiz=attempt.session.quiz,
        reading=reading,
        position=position,
        item=item,
        form=form,
        total=len(attempt.item_ids),
    ), status


def feedback_page(attempt, position, item, response, already=False):
    """Render right/wrong, the explanation and the quote in its paragraph."""
    total = len(attempt.item_ids)
    return render_template(
        "student/feedback.html",
        attempt=attempt,
        position=position,
        item=item,
        response=response,
        total=total,
        passage=bank.passage(attempt.session.quiz.article, item.quote, item.cue),
        next_position=position + 1 if position < total else None,
        already=already,
    )


@bp.post("/a/<token>/q/<int:position>")
def answer(token, position):
    """Store one answer (once), then show its feedback."""
    attempt = get_attempt(token)
    item_id = item_id_at(attempt, position)  # the busiest route: no item fetched unless needed
    form = AnswerForm()
    if attempt.session.ask_evidence:
        query = Item.select(Item.quote, Quiz.article).join(Quiz).where(Item.id == item_id)
        quote, article = query.tuples().get()
        form.ask_for_evidence(evidence.reading(article))
    if not form.validate_on_submit():
        return question_page(attempt, position, Item.get_by_id(item_id), form, status=400)
    if form.item.data != str(item_id):
        abort(400, "That answer was for a statement that isn't this one. Go back and try again.")
    if attempt.is_finished:
        flash("You have finished this quiz, so answers can no longer change.", "info")
        return redirect(url_for("student.results", token=token))
    if not attempt.session.is_open:
        abort(409, "This class session has closed, so no more answers can be saved.")
    confidence = (
        int(form.confidence.data)
        if attempt.session.ask_confidence and form.confidence.data
        else None
    )
    marked = hit = None
    if (number := form.marked_sentence()) is not None:
        marked, hit = evidence.mark(article, quote, number)
    if attempt.record(item_id, form.choice.data, confidence, marked, hit) is None:
        # Another tab (or a double click) got there first. Say so in the address rather
        # than a flash: both tabs share one cookie, and the other's reply may overwrite it.
        return redirect(url_for("student.item", token=token, position=position, already=1))
    if not attempt.session.feedback_each:
        return redirect(url_for("student.attempt", token=token))  # straight on to the next
    return redirect(url_for("student.item", token=token, position=position))


@bp.get("/a/<token>/results")
def results(token):
    """The learner's results: score, both error kinds, lean, confidence, and a review."""
    attempt = get_attempt(token)
    if not attempt.is_finished:
        return redirect(url_for("student.attempt", token=token))
    report = reports.attempt_report(attempt)
    return render_template(
        "student/results.html", attempt=attempt, report=report, quiz=attempt.session.quiz
    )
