"""The learner's pages. An attempt is reached by its secret token in the address, so a
refresh, the back button or a second tab lands on the same attempt.

A browser remembers attempts in two places. Flask's session (a cookie that ends with the
browser, never made permanent) lists the attempts started or resumed since the browser
opened: only those resume when the same name joins again, so the next pupil at a shared
computer who types the same name gets an attempt of their own. The learner cookie (signed,
HttpOnly, 30 days) holds the "carry on" list, so a reopened browser can find an unfinished
attempt, and the browser's random id, which the teacher's dashboard compares between
learners. "This isn't me" forgets both; a finished attempt leaves them once its results
have been seen."""

import functools
import hmac
import re
import secrets
import unicodedata
from datetime import timedelta
from typing import NamedTuple

from flask import (
    abort,
    current_app,
    flash,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from itsdangerous import BadData, URLSafeTimedSerializer
from peewee import fn
from wtforms.fields.choices import SelectChoice

from app import evidence, passages, reports
from app.db import Prepared, db
from app.models import (
    ATTEMPT_BY_TOKEN,
    ITEM_BY_ID,
    JOIN_CODE_ALPHABET,
    QUIZ_BY_ID,
    Attempt,
    ClassSession,
    Quiz,
    Response,
    numbered_name,
    quiz_choices,
    utcnow,
)
from app.student import bp
from app.student.forms import AnswerForm, JoinForm, PracticeForm
from app.throttle import JOIN, PRACTICE, keyed_digest, origin_digest
from app.words import LOBBY, REVIEW

REMEMBERED_ATTEMPTS = 20
# How long a lesson with a check before and after, closed before its second check was
# opened, keeps practice on its article waiting.
CHECKS_KEPT_HIDDEN = timedelta(days=60)
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")
LEARNER_COOKIE = "learner"
LEARNER_COOKIE_AGE = timedelta(days=30)
# New learners a class session takes from one network address in an hour: a class behind
# one school router joins well within it; a script adding hundreds of names does not. A
# learner resuming their own attempt is not a new learner. Counted from the attempts
# themselves (not a Throttle), so learners the teacher removes free their places.
NEW_LEARNERS_LIMIT, NEW_LEARNERS_WINDOW = 60, timedelta(hours=1)
NAME_MAX = Attempt.display_name.max_length


def learner_url(endpoint, **values):
    """The full address of a learner's page, to show or share: on PUBLIC_URL when it is
    set, else on the address the request came to (the teacher's own browser's)."""
    public = current_app.config.get("PUBLIC_URL")
    if public:
        return public.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, **values, _external=True)


def _learner_signer():
    """Signs the learner cookie with the app's secret key (and its own salt)."""
    return URLSafeTimedSerializer(current_app.secret_key, salt="learner-cookie")


def _read_learner_cookie():
    """The learner cookie as {"browser": id or None, "attempts": [tokens]}: empty when
    missing, forged, expired or malformed."""
    try:
        data = _learner_signer().loads(
            request.cookies.get(LEARNER_COOKIE, ""), max_age=LEARNER_COOKIE_AGE.total_seconds()
        )
    except BadData:
        data = {}
    data = data if isinstance(data, dict) else {}
    browser, tokens = data.get("b"), data.get("t")
    if not (isinstance(browser, str) and TOKEN_SHAPE.fullmatch(browser)):
        browser = None
    tokens = [t for t in tokens if isinstance(t, str)] if isinstance(tokens, list) else []
    return {"browser": browser, "attempts": tokens[:REMEMBERED_ATTEMPTS]}


def learner():
    """This browser's learner cookie, read once per request."""
    if "learner" not in g:
        g.learner = _read_learner_cookie()
    return g.learner


def change_learner(**changes):
    """Change the learner cookie; it is written at the end of the request only if changed."""
    changed = {**learner(), **changes}
    if changed != g.learner:
        g.learner = changed
        g.learner_changed = True


@bp.after_request
def save_learner_cookie(response):
    """Write the learner cookie when this request changed it, or delete it when emptied."""
    if g.get("learner_changed"):
        options = {
            "httponly": True,
            "samesite": "Lax",
            "secure": current_app.config["SESSION_COOKIE_SECURE"],
        }
        data = g.learner
        if data["browser"] or data["attempts"]:
            value = _learner_signer().dumps({"b": data["browser"], "t": data["attempts"]})
            max_age = int(LEARNER_COOKIE_AGE.total_seconds())
            response.set_cookie(LEARNER_COOKIE, value, max_age=max_age, **options)
        else:
            response.delete_cookie(LEARNER_COOKIE, **options)
    return response


@bp.before_request
def end_lasting_session():
    """An earlier version made Flask's session last 30 days to keep the carry-on list: move
    that list to the learner cookie, and let the session end with the browser."""
    if session.get("_permanent"):
        old = session.pop("attempts", [])
        kept = learner()["attempts"]
        merged = kept + [t for t in old if isinstance(t, str) and t not in kept]
        change_learner(attempts=merged[:REMEMBERED_ATTEMPTS])
        session.permanent = False


def _newest_first(token, tokens):
    """The tokens with this one first, the rest after it in order, at most the limit."""
    return [token, *(t for t in tokens if t != token)][:REMEMBERED_ATTEMPTS]


def remember(attempt):
    """Remember the attempt in this browser: at the top of the carry-on list, and among the
    attempts of this browser session (the only ones the same name resumes)."""
    change_learner(attempts=_newest_first(attempt.token, learner()["attempts"]))
    current = session.get("attempts", [])
    if not current or current[0] != attempt.token:  # unchanged: no new session cookie
        session["attempts"] = _newest_first(attempt.token, current)


def forget(token):
    """Take one attempt off this browser's lists (its address still works)."""
    change_learner(attempts=[t for t in learner()["attempts"] if t != token])
    if token in session.get("attempts", []):
        session["attempts"] = [t for t in session["attempts"] if t != token]


def forget_browser():
    """Forget every attempt this browser remembers, and its browser id."""
    change_learner(browser=None, attempts=[])
    session.pop("attempts", None)


def browser_id():
    """This browser's random id, made on first use and kept in the learner cookie."""
    if learner()["browser"] is None:
        change_learner(browser=secrets.token_urlsafe(16))
    return learner()["browser"]


def remembered_attempts():
    """The attempts on this browser's carry-on list, newest first (attempts since deleted
    leave the list)."""
    tokens = learner()["attempts"]
    if not tokens:
        return []
    found = {
        a.token: a
        for a in Attempt.select(Attempt, ClassSession, Quiz)
        .join(ClassSession)
        .join(Quiz)
        .where(Attempt.token.in_(tokens))
    }
    change_learner(attempts=[t for t in tokens if t in found])
    return [found[t] for t in tokens if t in found]


def key_hidden(class_session):
    """Whether the session keeps the answers hidden for now: it shows them only once the
    teacher closes it, and it is still open. Practice on a quiz hides them too while an
    open class session of that quiz does, or practice would read that class the key."""
    if class_session.is_practice:
        return quiz_key_hidden(class_session.quiz_id)
    return class_session.key_after_close and class_session.is_open


KEY_HIDDEN_MESSAGE = (
    "A class is doing this article right now with its answers hidden: you can practise it "
    "once that lesson is over."
)


def quiz_key_hidden(quiz_id):
    """Whether a class session on the quiz's article keeps its answers hidden: an open one
    until it closes, or, in a lesson the teacher leads, until its last statement has been
    shown; a lesson with a check before and after while it is open, and, closed, until the
    second check has been opened (CHECKS_KEPT_HIDDEN at most): the week between the checks
    is when practice would show the class its second check. Any quiz of the same article
    counts, a teacher's copy of a shared quiz too."""
    same_article = Quiz.select(Quiz.id).where(
        Quiz.article == Quiz.select(Quiz.article).where(Quiz.id == quiz_id)
    )
    hiding = (
        ClassSession.key_after_close | (ClassSession.paced & (ClassSession.stage != REVIEW))
    ) & ClassSession.open_now()
    between_checks = ClassSession.check_forms.is_null(False) & (
        ClassSession.open_now()
        | (~ClassSession.after_open & (ClassSession.created_at > utcnow() - CHECKS_KEPT_HIDDEN))
    )
    return (
        ClassSession.select()
        .where(
            ClassSession.quiz.in_(same_article)
            & (hiding | between_checks)
            & ~ClassSession.is_practice
        )
        .exists()
    )


def feedback_shown(attempt, position):
    """Whether the learner may see right and wrong, and why, for the statement at this
    position: after each answer, or at the end, and never while the session hides the
    answers; in a lesson the teacher leads, once the teacher has shown it to the class."""
    class_session = attempt.session
    if class_session.paced:
        return position <= class_session.revealed_upto(len(attempt.item_ids))
    if attempt.in_check(position):
        # The checks before and after give no feedback: one learner's check before is
        # another's check after (see checks_revealed).
        return checks_revealed(attempt)
    return not key_hidden(class_session) and (class_session.feedback_each or attempt.is_finished)


def checks_revealed(attempt):
    """Whether a learner may see which answers of their two checks were right: only once
    they have done both and the lesson is over (the session closed after the second check
    was opened). A session closed between the checks, to be reopened for the second a week
    on, keeps them hidden: the check one half of the class has done is the other half's
    check to come."""
    class_session = attempt.session
    return attempt.is_finished and class_session.after_open and not class_session.is_open


def closed_early(attempt):
    """Whether the session is over for the learner before they answered every statement:
    the teacher closed it (or its closing time came), or the lesson they lead has reached
    its end. Their results so far are all there is to see (until it reopens)."""
    if attempt.is_finished:
        return False
    class_session = attempt.session
    return not class_session.is_open or class_session.in_review


def lesson_place(attempt):
    """In a lesson the teacher leads, the position of the statement the class is on (0 in
    the lobby), or None once the learner's place is their results (the session closed, or
    the lesson at its end with no statement shown again)."""
    class_session = attempt.session
    if not class_session.is_open:
        return None
    if class_session.stage == LOBBY:
        return 0
    return class_session.current or None


def lesson_url(attempt):
    """The page a learner in a lesson the teacher leads belongs on now."""
    place = lesson_place(attempt)
    if place is None:
        return url_for("student.results", token=attempt.token)
    if place == 0:
        return url_for("student.attempt", token=attempt.token)
    return url_for("student.item", token=attempt.token, position=place)


def get_attempt(token):
    """The attempt with this token, or a 404 page (a malformed token is not looked up)."""
    attempt = None
    if TOKEN_SHAPE.fullmatch(token):
        # The quiz (with its article) is loaded only by the pages that show it (quiz_of).
        attempt = ATTEMPT_BY_TOKEN.first(token)
    if attempt is None:
        abort(
            404, "We couldn't find that quiz. Check the address, or start again from the home page."
        )
    attempt.session.close_if_due()
    return attempt


def quiz_of(attempt):
    """The attempt's quiz, with its article, read once (a prepared query)."""
    class_session = attempt.session
    if "quiz" not in class_session.__rel__:
        class_session.quiz = QUIZ_BY_ID.first(class_session.quiz_id)
    return class_session.quiz


def practice_form():
    """The practice form, offering every quiz that has items."""
    form = PracticeForm()
    form.quiz.choices = [SelectChoice(*choice) for choice in quiz_choices()]
    return form


def home_page(join_form=None, practice=None, status=200):
    """Render the home page with the given (possibly failed) forms."""
    attempts = remembered_attempts()
    answered = (
        dict(
            Response.select(Response.attempt, fn.COUNT(Response.id))
            .where(Response.attempt.in_([a.id for a in attempts]))
            .group_by(Response.attempt)
            .tuples()
        )
        if attempts
        else {}
    )
    return render_template(
        "student/home.html",
        join_form=join_form or JoinForm(),
        practice_form=practice or practice_form(),
        attempts=[(a, answered.get(a.id, 0)) for a in attempts],
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
    """Join a class session with its code. The same name in this browser session resumes
    that attempt; anyone else starts one of their own."""
    form = JoinForm()
    if not form.validate_on_submit():
        return home_page(join_form=form, status=400)
    class_session, status = open_class_for(form)
    if class_session is None:
        return home_page(join_form=form, status=status)
    attempt = resumable(class_session, form.name.data)
    if attempt is None and not form.someone_else.data:
        earlier = started_here(class_session, form.name.data)
        if earlier is not None:  # ask, rather than carry on for someone else, or start over
            return render_template(
                "student/same_name.html", form=form, attempt=earlier, **progress(earlier)
            )
        waiting = waiting_under(class_session, form.name.data)
        if waiting:  # back for the second check, perhaps on another device
            attempt = carried_on(form, waiting)
            if attempt is None:
                status = 400 if form.carry_on.errors else 200
                shown = waiting[0]
                return render_template(
                    "student/carry_on.html", form=form, attempt=shown, **progress(shown)
                ), status
    if attempt is None:
        attempt = new_learner(class_session, form.name.data)
        if attempt is None:
            form.form_errors.append(
                "So many learners have joined this class from here in the last hour that no "
                f"more can join from here for now (at most {NEW_LEARNERS_LIMIT} an hour from "
                "one network). Ask your teacher."
            )
            return home_page(join_form=form, status=429)
        if attempt.display_name != form.name.data:
            flash(
                f"Someone in this class is already called {form.name.data}, so here you are "
                f"{attempt.display_name}: that's how your teacher will see you.",
                "info",
            )
    remember(attempt)
    return redirect(url_for("student.attempt", token=attempt.token))


def carry_on_code(attempt):
    """A short code for a learner to carry on their lesson on another device: six letters
    and digits from a keyed digest of the attempt's token (so nothing more is stored, and
    nobody can work it out from the name)."""
    digest = keyed_digest(f"carry-on:{attempt.token}")
    return "".join(JOIN_CODE_ALPHABET[b % len(JOIN_CODE_ALPHABET)] for b in digest[:6])


def waiting_under(class_session, name):
    """The unfinished attempts of a lesson with a check before and after under this name
    (any case) or under it numbered ("Dana (2)", for a second Dana), in the order they
    started: their learners may be back on another device."""
    if class_session.forms is None:
        return []
    numbered = re.compile(rf"{re.escape(name_key(name))} \(\d+\)")
    query = (
        Attempt.select()
        .where((Attempt.session == class_session) & Attempt.finished_at.is_null())
        .order_by(Attempt.id)
    )
    return [
        a
        for a in query
        if same_name(a.display_name, name) or numbered.fullmatch(name_key(a.display_name))
    ]


def carried_on(form, candidates):
    """The one of the candidate attempts whose carry-on code the form carries; else None,
    with the reason on the form when a code was given (a wrong one counts against the
    address, as a wrong join code does)."""
    given = (form.carry_on.data or "").encode()
    if not given:
        return None
    if JOIN.blocked_until(origin_digest()):  # checked first: past the limit, no code is tried
        form.carry_on.errors.append(
            "Too many wrong codes from here. Ask your teacher for your carry-on code, or try "
            "again in a few minutes."
        )
        return None
    for candidate in candidates:
        if hmac.compare_digest(given, carry_on_code(candidate).encode()):
            return candidate
    JOIN.attempt(origin_digest())
    form.carry_on.errors.append(
        "That carry-on code isn't right. Check it, or ask your teacher: they can see it."
    )
    return None


def open_class_for(form):
    """The open class session with the form's code, or None and an error on the form.

    The code is looked up first, and a right code always gets in: a whole class may share
    one address behind the school's router, so no one's wrong codes may keep it out. Only
    wrong codes count, per address (JOIN: 50 in 5 minutes); past that, a wrong code from
    there gets a 429 rather than an answer. Guessing stays impractical all the same: there
    are 31^6 = 887,503,681 codes, so even with 100 sessions open at once a guess hits one
    about once in 8.9 million tries. Within the limit (10 a minute) that takes some 1.7
    years on average; hammering on through the 429s takes millions of requests, hours of
    the whole server's capacity in plain sight of its operator, to put one stray learner
    in a stranger's class, where the teacher sees them and can remove them.
    """
    found = ClassSession.find_by_code(form.code.data)
    if found is None:
        if JOIN.attempt(origin_digest()).blocked_until:  # a refused try is not counted
            form.code.errors.append(
                "Too many wrong codes from here. Check the code with your teacher and try "
                "again in a few minutes; the right code still works."
            )
            return None, 429
        form.code.errors.append(
            f"No class uses the code {form.code.data}. Check it with your teacher."
        )
        return None, 400
    if not found.is_open:
        form.code.errors.append("This class session has closed. Ask your teacher for a new code.")
        return None, 400
    return found, 200


def resumable(class_session, name):
    """The attempt in the session under the same name (any case) that this browser started
    or resumed in this browser session, if there is one: never one of an earlier pupil's
    whose tokens outlived the browser."""
    tokens = session.get("attempts", [])
    if not tokens:
        return None
    mine = Attempt.select().where((Attempt.session == class_session) & Attempt.token.in_(tokens))
    found = {a.token: a for a in mine if same_name(a.display_name, name)}
    return next((found[t] for t in tokens if t in found), None)


def started_here(class_session, name):
    """An unfinished attempt under this name (any case) in the session that this device
    remembers from before the browser was last opened, if there is one: the pupil is asked
    whether it is theirs, since the name alone doesn't say."""
    for attempt in remembered_attempts():
        same = attempt.session_id == class_session.id and not attempt.is_finished
        if same and same_name(attempt.display_name, name):
            return attempt
    return None


def progress(attempt):
    """{"answered": how many of the attempt's statements are answered, "total": of how many}."""
    answered = Response.select().where(Response.attempt == attempt).count()
    return {"answered": answered, "total": len(attempt.item_ids)}


def new_learner(class_session, name):
    """Start a new attempt in the session, keeping which browser joined and (as a digest)
    from which address; or None, storing nothing, when this address has added as many
    learners to the session this hour as a class could need."""
    origin = origin_digest()
    since = utcnow() - NEW_LEARNERS_WINDOW
    with db.atomic():  # on SQLite the count and the join are one step (PostgreSQL: nearly)
        if JOINED_FROM.first(class_session.id, origin, since)[0] >= NEW_LEARNERS_LIMIT:
            return None
        name = distinct_name(class_session, name)
        return Attempt.begin(class_session, name, browser=browser_id(), origin=origin)


# A join's queries, compiled once (db.Prepared): a class joins in the same few seconds.
JOINED_FROM = Prepared(
    lambda session_id, origin, since: (
        Attempt.select(fn.COUNT(Attempt.id))
        .where(
            (Attempt.session == session_id)
            & (Attempt.origin == origin)
            & (Attempt.started_at > since)
        )
        .tuples()
    )
)
NAMES_IN = Prepared(
    lambda session_id: (
        Attempt.select(Attempt.display_name).where(Attempt.session == session_id).tuples()
    )
)
NUMBERED = re.compile(r"(.*) \((\d+)\)")


def name_key(name):
    """A name as compared with others: letter case aside, and each character in its usual
    form ("Sám" typed with a combining accent, "Ｓａｍ" in full-width letters: "sám", "sam")."""
    return unicodedata.normalize("NFKC", name).casefold()


def same_name(shown, typed):
    """Whether a learner shown as `shown` joined typing `typed` (name_key alike): "Sam (2)"
    is the second Sam, as distinct_name made it (cut short to fit, if it had to be)."""
    cut_short = len(shown) == NAME_MAX
    shown, typed = name_key(shown), name_key(typed)
    numbered = NUMBERED.fullmatch(shown)
    if shown == typed or numbered is None:
        return shown == typed
    base = numbered.group(1)
    return base == typed or (cut_short and typed.startswith(base))


def distinct_name(class_session, name):
    """The name, or if a learner of the session already uses it (in any case), the name
    with the first free number: "Sam (2)", "Sam (3)"… so the teacher can tell them apart."""
    taken = {name_key(n) for (n,) in NAMES_IN.run(class_session.id)}
    return numbered_name(name, taken, NAME_MAX, key=name_key)


@bp.post("/not-me")
def not_me():
    """The "This isn't me" button: this browser forgets every attempt it remembers and its
    browser id, so the next pupil at a shared computer starts as themselves (nothing is
    deleted: each attempt's address still works)."""
    forget_browser()
    flash("This browser has forgotten the earlier quizzes. Join with your own name.", "info")
    return redirect(url_for("student.home"))


@bp.post("/practice")
def practice():
    """Start a practice attempt on a quiz, on one's own."""
    form = practice_form()
    if not form.validate_on_submit():
        return home_page(practice=form, status=400)
    quiz = Quiz.get(Quiz.slug == form.quiz.data)
    if quiz_key_hidden(quiz.id):
        form.quiz.errors.append(KEY_HIDDEN_MESSAGE)
        return home_page(practice=form, status=409)
    if PRACTICE.attempt(origin_digest()).blocked_until:  # a refused start is not counted
        form.form_errors.append(
            "So many practice quizzes have been started from here in the last hour that no "
            "more can start for now. Carry on with one you started, or try again later."
        )
        return home_page(practice=form, status=429)
    attempt = Attempt.begin(ClassSession.practice_for(quiz), form.name.data or "")
    remember(attempt)
    return redirect(url_for("student.attempt", token=attempt.token))


@bp.get("/a/<token>")
def attempt(token):
    """The attempt's front door: an introduction, the next statement, or the results."""
    attempt = get_attempt(token)
    if attempt.session.paced:
        return lesson_front_door(attempt)
    position = attempt.next_position()
    if position is None:
        if not attempt.is_finished:  # an answer's own check could not see them all
            attempt.finish_if_complete()
        return redirect(url_for("student.results", token=token))
    if closed_early(attempt):
        return redirect(url_for("student.results", token=token))
    remember(attempt)
    if position > attempt.open_upto():
        return render_template(
            "student/between.html", attempt=attempt, carry_on=carry_on_code(attempt)
        )
    if position > 1:
        return redirect(url_for("student.item", token=token, position=position))
    quiz = quiz_of(attempt)
    # Where the session offers the article first, it is on this page (as beside every
    # question): read, then start, with no page between.
    article_html = None
    if attempt.session.read_first:
        article_html = article_text(quiz.article, quiz.publisher, quiz.published_on, False)
    return render_template(
        "student/start.html",
        attempt=attempt,
        quiz=quiz,
        total=len(attempt.item_ids),
        article_html=article_html,
    )


def lesson_front_door(attempt):
    """The front door of a lesson the teacher leads: the lobby until they start, then the
    statement the class is on, and the results at the end."""
    if lesson_place(attempt) != 0:
        return redirect(lesson_url(attempt))
    remember(attempt)
    return render_template(
        "student/lesson.html", attempt=attempt, wait="lobby", total=len(attempt.item_ids)
    )


@bp.get("/a/<token>/article")
def article(token):
    """The article to read, with one answered item's quote highlighted on request."""
    attempt = get_attempt(token)
    quiz = quiz_of(attempt)
    position = request.args.get("item", type=int)
    # The passage is shown only where the feedback is: never while answers are hidden.
    shown = position and feedback_shown(attempt, position)
    item = answered_item(attempt, position) if shown else None
    marked, first, _ = passages.marked_paragraphs(quiz.article, item.quote if item else "")
    return render_template(
        "student/article.html",
        attempt=attempt,
        quiz=quiz,
        headline=marked[0],
        paragraphs=marked[1:],
        first_marked=None if first is None else first - 1,
        item=item,
        position=position if item else None,
        next_position=attempt.next_position(),
    )


def answered_item(attempt, position):
    """The item at this position if the learner has answered it, else None."""
    ids = attempt.item_ids
    if not 1 <= position <= len(ids):
        return None
    return item_by_id(ids[position - 1]) if ids[position - 1] in attempt.answers else None


def item_id_at(attempt, position):
    """The id of the item at a 1-based position of the attempt, or a 404 page."""
    ids = attempt.item_ids
    if not 1 <= position <= len(ids):
        abort(404, "There is no statement with that number in your quiz.")
    return ids[position - 1]


def item_by_id(item_id):
    """The item with this id (a prepared query)."""
    return ITEM_BY_ID.first(item_id)


def item_at(attempt, position):
    """The item at a 1-based position of the attempt, or a 404 page."""
    return item_by_id(item_id_at(attempt, position))


@bp.get("/a/<token>/q/<int:position>")
def item(token, position):
    """One statement: the question if unanswered, the feedback once answered."""
    attempt = get_attempt(token)
    return statement_page(attempt, position, already=request.args.get("already") == "1")


def statement_page(attempt, position, already=False):
    """What the statement at this position shows the learner now (or a redirect to where
    they belong): the question if unanswered, its feedback (with the next statement's
    question) once answered. The page GET and the in-place answer both show it."""
    token = attempt.token
    item = item_at(attempt, position)
    response = attempt.answers.get(item.id)
    if attempt.session.paced:
        return lesson_item(attempt, position, item, response, already)
    if response and feedback_shown(attempt, position):
        return feedback_page(attempt, position, item, response, already)
    if closed_early(attempt):
        return redirect(url_for("student.results", token=token))
    if response is None and position > attempt.open_upto():  # the check after isn't open
        return redirect(url_for("student.attempt", token=token))
    if response:  # feedback at the end, or once closed: confirm the answer, reveal nothing
        return render_template(
            "student/saved.html",
            attempt=attempt,
            position=position,
            total=len(attempt.item_ids),
            already=already,
            key_hidden=key_hidden(attempt.session),
            part=attempt.part_at(position),
        )
    first_open = attempt.next_position()
    if first_open != position:
        return redirect(url_for("student.item", token=token, position=first_open))
    return question_page(attempt, position, item, blank_answer(item))


def lesson_item(attempt, position, item, response, already):
    """One statement in a lesson the teacher leads: its question while the class is on it,
    "saved, wait" once answered, its feedback once the teacher has shown the answers (with
    or without the learner's answer); a statement the class hasn't reached leads back to
    where it is."""
    shown = feedback_shown(attempt, position)
    if shown:
        return feedback_page(attempt, position, item, response, already)
    if closed_early(attempt) or position != lesson_place(attempt):
        return redirect(lesson_url(attempt))
    if response:
        return render_template(
            "student/lesson.html",
            attempt=attempt,
            wait="answered",
            position=position,
            total=len(attempt.item_ids),
            already=already,
        )
    return question_page(attempt, position, item, blank_answer(item))


def blank_answer(item):
    """The answer form for an item, empty: never filled from the request, whose form (when
    an answer was just sent in place) is the statement before's."""
    return AnswerForm(formdata=None, item=str(item.id))


def question(attempt, position, item, form):
    """What templates/student/_question.html's macro shows for one statement: its form
    (asking for the evidence when the session does) beside the article's sentences."""
    quiz = quiz_of(attempt)
    ask = attempt.session.ask_evidence
    if ask:
        reading = evidence.reading(quiz.article)
        form.ask_for_evidence(reading)
        form.article.data = reading.digest
    checked = None if form.evidence.errors else form.evidence.data
    return {
        "position": position,
        "item": item,
        "form": form,
        "checked": checked,
        "article_html": article_text(quiz.article, quiz.publisher, quiz.published_on, ask, checked),
    }


def article_text(article, publisher, published_on, ask_evidence, checked=None):
    """The article beside a question, as HTML (templates/student/_article_text.html): made
    once per article and kind of session, since every learner's question shows the same,
    or afresh when a sentence comes back marked (the question again, with what to mend)."""
    if checked:
        return _article_text(article, publisher, published_on, ask_evidence, checked)
    return _kept_article_text(article, publisher, published_on, ask_evidence)


def _article_text(article, publisher, published_on, ask_evidence, checked=None):
    macro = current_app.jinja_env.get_template("student/_article_text.html").module.article_text
    return macro(evidence.reading(article), publisher, published_on, ask_evidence, checked)


_kept_article_text = functools.lru_cache(maxsize=32)(_article_text)


def question_page(attempt, position, item, form, status=200):
    """Render the question for one statement beside the whole article, unmarked (never its
    label, quote or explanation)."""
    return render_template(
        "student/question.html",
        attempt=attempt,
        total=len(attempt.item_ids),
        **question(attempt, position, item, form),
    ), status


def upcoming(attempt, position):
    """The question of the statement after this one, for its feedback page: when it is the
    learner's next to answer and open now (a learner who skips straight to it saves a
    click and a request); else None."""
    following = position + 1
    if attempt.session.paced or closed_early(attempt) or attempt.next_position() != following:
        return None
    if following > attempt.open_upto():
        return None
    item = item_at(attempt, following)
    return question(attempt, following, item, blank_answer(item))


def feedback_page(attempt, position, item, response, already=False):
    """Render right/wrong, the explanation and the quote in its paragraph (in a lesson the
    teacher leads, also for a statement the learner didn't answer in time: no response),
    and the next statement's question when it is the one to answer now."""
    total = len(attempt.item_ids)
    paced = attempt.session.paced
    quiz = quiz_of(attempt)
    return render_template(
        "student/feedback.html",
        attempt=attempt,
        quiz=quiz,
        position=position,
        item=item,
        response=response,
        total=total,
        passage=passages.passage(quiz.article, item.quote, item.cue),
        next_position=position + 1 if position < total and not paced else None,
        upcoming=upcoming(attempt, position),
        already=already,
        paced=paced,
    )


IN_PLACE_HEADER = "X-Answer-In-Place"


def in_place_reply(response, url):
    """An answer sent by the page's script (static/js/answer.js): the page it leads to in
    the reply itself, with the address it belongs at (X-Page), rather than a redirect the
    browser would follow with one more request; where the answer leads elsewhere (results,
    a message), the address to go to (X-Go, status 200: fetch would follow a redirect)."""
    if response.status_code in (301, 302, 303):
        return "", 200, {"X-Go": response.location, "Cache-Control": "no-store"}
    response.headers["X-Page"] = url
    return response


class Shown(NamedTuple):
    """Where an answer leads: the page of the statement at `position` (with the note that
    it was answered already, in another tab)."""

    position: int
    already: bool = False


@bp.post("/a/<token>/q/<int:position>")
def answer(token, position):
    """Store one answer (once), then show its feedback: a redirect to the statement's page
    (or to the next statement, when there is no feedback now); with the page's script, that
    page in the reply."""
    attempt = get_attempt(token)
    outcome = store_answer(attempt, position)
    in_place = request.headers.get(IN_PLACE_HEADER) == "1"
    if isinstance(outcome, Shown):
        values = {"already": 1} if outcome.already else {}
        url = url_for("student.item", token=token, position=outcome.position, **values)
        if not in_place:
            return redirect(url)
        return in_place_reply(make_response(statement_page(attempt, *outcome)), url)
    if in_place:  # the question again, with what to mend
        return in_place_reply(make_response(outcome), request.path)
    return outcome


def store_answer(attempt, position):
    """Store the learner's answer to the statement at this position; return where it
    leads (Shown), or the reply when it leads nowhere else: a redirect with a message, or
    the question again with what to mend (status 400)."""
    token = attempt.token
    item_id = item_id_at(attempt, position)  # the busiest route: no item fetched unless needed
    if closed_early(attempt):  # whatever the form holds, it can no longer be saved
        closed = (
            "This session reached its closing time"
            if attempt.session.closed_on_time
            else "Your teacher closed this session"
        )
        flash(f"{closed} before that answer could be saved.", "info")
        return redirect(url_for("student.results", token=token))
    shown = attempt.session.paced and feedback_shown(attempt, position)
    if attempt.session.paced and (position != lesson_place(attempt) or shown):
        shown = shown and position == attempt.session.current
        flash(
            f"Your teacher {'showed the class the answer' if shown else 'moved the class on'} "
            "before that answer could be saved. Every answer you gave before is kept.",
            "info",
        )
        return redirect(lesson_url(attempt))
    if position > attempt.open_upto():
        flash("The check after the practice isn't open yet: your teacher opens it.", "info")
        return redirect(url_for("student.attempt", token=token))
    upcoming_position = attempt.next_position() if attempt.part_ends else None
    if upcoming_position is not None and position > upcoming_position:
        # The parts come in their order: no practice before the check before is done.
        flash("Answer the statements in their order: here is the next one.", "info")
        return redirect(url_for("student.attempt", token=token))
    form = AnswerForm()
    if attempt.session.ask_evidence:
        form.ask_for_evidence(evidence.reading(quiz_of(attempt).article))
    if not form.validate_on_submit():
        return question_page(attempt, position, item_by_id(item_id), form, status=400)
    if form.item.data != str(item_id):
        abort(400, "That answer was for a statement that isn't this one. Go back and try again.")
    if attempt.is_finished:
        flash("You have finished this quiz, so answers can no longer change.", "info")
        return redirect(url_for("student.results", token=token))
    confidence = (
        int(form.confidence.data)
        if attempt.session.ask_confidence and form.confidence.data
        else None
    )
    marked = hit = None
    if (number := form.marked_sentence()) is not None:
        quote = item_by_id(item_id).quote
        marked, hit = evidence.mark(quiz_of(attempt).article, quote, number)
    if attempt.record(item_id, form.choice.data, confidence, marked, hit) is None:
        # Another tab (or a double click) got there first. Say so in the address rather
        # than a flash: both tabs share one cookie, and the other's reply may overwrite it.
        return Shown(position, already=True)
    if attempt.session.feedback_each and not attempt.in_check(position):
        return Shown(position)
    # No feedback now: straight on to the next statement, or the front door (results, or
    # the wait for the check after the practice).
    following = attempt.next_position()
    if following is None or following > attempt.open_upto():
        return redirect(url_for("student.attempt", token=token))
    return Shown(following)


@bp.get("/a/<token>/results")
def results(token):
    """The learner's results: score, both error kinds, lean, confidence, and a review of
    every statement (only once the session is closed, when it hides the answers till then).

    Once the full results have been seen, this browser forgets the attempt's link, so the
    next pupil at the computer doesn't find it; this address still shows them.
    """
    attempt = get_attempt(token)
    stopped = closed_early(attempt)
    class_session = attempt.session
    lesson_on = class_session.paced and class_session.is_open and not class_session.in_review
    if lesson_on or not (attempt.is_finished or stopped):
        return redirect(url_for("student.attempt", token=token))
    hidden = key_hidden(attempt.session)
    # While hidden, nothing that depends on which answers were right: not even the score
    # (a few throwaway attempts, each changing one answer, would read the key off it).
    key_upto = class_session.revealed_upto(len(attempt.item_ids)) if class_session.paced else None
    # A lesson with a check before and after shows no score either until it is over: a few
    # throwaway names, each changing one answer, would read the checks' answers off it.
    checks_hidden = attempt.form_order is not None and not checks_revealed(attempt)
    hidden = hidden or checks_hidden
    report = None if hidden else reports.attempt_report(attempt, key_upto)
    # A session closed early may yet be reopened; hidden answers are still to come.
    if not (hidden or stopped):
        forget(attempt.token)
    return render_template(
        "student/results.html",
        attempt=attempt,
        report=report,
        quiz=quiz_of(attempt),
        key_hidden=hidden,
        carry_on=carry_on_code(attempt) if checks_hidden else None,
        closed_early=stopped,
        lesson_over=stopped and class_session.is_open,
    )


@bp.get("/a/<token>/follow")
def follow(token):
    """Where a learner in a lesson the teacher leads belongs now, for the page's script:
    {"state": …, "url": …}; the page moves when the state differs from the one it shows."""
    attempt = get_attempt(token)
    class_session = attempt.session
    if not class_session.paced:
        abort(404)
    response = jsonify(state=class_session.state, url=lesson_url(attempt))
    response.headers["Cache-Control"] = "no-store"
    return response
