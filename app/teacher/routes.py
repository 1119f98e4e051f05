"""The teacher's pages. Every route needs a login, and a teacher reaches only their own
class sessions: anything else is a 404, so no one can learn which sessions exist."""

import json
import secrets
from urllib.parse import urlsplit, urlunsplit

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from itsdangerous import BadSignature, URLSafeSerializer
from wtforms.fields.choices import SelectChoice

from app import charts, reports
from app.db import db
from app.extensions import login_manager
from app.models import (
    Attempt,
    ClassSession,
    FormsTooSmall,
    Item,
    Quiz,
    Response,
    Teacher,
    item_difficulty,
    quiz_choices,
    split_forms,
    utcnow,
)
from app.student.routes import carry_on_code, name_key
from app.teacher import bp
from app.teacher.exports import csv_response
from app.teacher.forms import (
    LearnersForm,
    LoginForm,
    PasswordForm,
    RenameForm,
    SessionForm,
)
from app.throttle import ACCOUNT, ADDRESS, LOGIN, origin_digest


@bp.before_request
def require_login():
    """Refuse every teacher page to an anonymous visitor, except the login page itself."""
    if request.endpoint != "teacher.login" and not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def own_session(session_id):
    """The current teacher's class session with this id, or a 404."""
    class_session = (
        ClassSession.select(ClassSession, Quiz)
        .join(Quiz)
        .where(
            (ClassSession.id == session_id)
            & (ClassSession.teacher == current_user.id)
            & ~ClassSession.is_practice
        )
        .first()
    )
    if class_session is None:
        abort(404)
    class_session.close_if_due()
    return class_session


def retry_in_words(until):
    """'in 7 minutes' for a throttle's release time."""
    minutes = max(1, round((until - utcnow()).total_seconds() / 60))
    return f"in {minutes} minute{'s' if minutes != 1 else ''}"


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in. Each try is counted before the password is checked (so parallel tries cannot
    slip past the limit), per account and address. Tries also count against the account
    from everywhere and against the address, except where this teacher has logged in
    before (this browser, or this address): a stranger cannot lock the teacher out."""
    form = LoginForm()
    next_page = safe_next(request.args.get("next"))
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("teacher/login.html", form=form, next=next_page), status
    name, origin = form.username.data.strip().casefold(), origin_digest()
    account = Teacher.get_or_none(Teacher.username == name)
    browser, names = known_browser()
    # A browser the teacher has logged in on has a budget of its own: no one else, not
    # even at the same address, can spend it.
    own = f"{name}|browser:{browser}" if name in names else f"{name}|{origin}"
    tickets = [LOGIN.attempt(own)]
    known = name in names or (account is not None and account.knows_origin(origin))
    if not known:
        tickets += [ACCOUNT.attempt(name), ADDRESS.attempt(origin)]
    until = max((t.blocked_until for t in tickets if t.blocked_until), default=None)
    if until:
        for ticket in tickets:
            ticket.discard()
        Teacher.count_failed_login(name)
        form.form_errors.append(f"Too many failed attempts. Try again {retry_in_words(until)}.")
        return render_template("teacher/login.html", form=form, next=next_page), 429
    teacher = Teacher.authenticate(account, form.password.data)
    if teacher is None:
        Teacher.count_failed_login(name)
        form.form_errors.append("That user name and password don't match.")
        return render_template("teacher/login.html", form=form, next=next_page), 400
    for ticket in tickets:
        ticket.succeeded()
    LOGIN.clear(own)
    teacher.remember_origin(origin)
    failed = teacher.start_login()
    session.permanent = False  # a teacher's cookie ends with the browser, even on a shared PC
    login_user(teacher)
    if failed:
        flash(
            f"There {'was' if failed == 1 else 'were'} {failed} failed "
            f"attempt{'' if failed == 1 else 's'} to log in to your account since you last "
            "logged in. If that wasn't you, change your password.",
            "info",
        )
    response = redirect(next_page or url_for("teacher.sessions"))
    remember_account(response, name)
    return response


KNOWN_COOKIE = "known_teacher"
KNOWN_MAX = 5
KNOWN_LIFETIME = 365 * 24 * 3600


def _known_serializer():
    return URLSafeSerializer(current_app.secret_key, salt="known-teacher-browser")


def known_browser():
    """This browser's random id and the accounts that have logged in on it, from a signed
    cookie (so a stranger cannot claim one): ("", []) when there is none."""
    try:
        data = _known_serializer().loads(request.cookies.get(KNOWN_COOKIE, ""))
    except BadSignature:
        return "", []
    if not isinstance(data, dict) or not isinstance(data.get("b"), str):
        return "", []
    names = data.get("n") if isinstance(data.get("n"), list) else []
    return data["b"], [n for n in names if isinstance(n, str)]


def remember_account(response, name):
    """Add the account to this browser's known accounts (a long-lived cookie), giving the
    browser its random id on first use."""
    browser, names = known_browser()
    names = [name, *(n for n in names if n != name)][:KNOWN_MAX]
    response.set_cookie(
        KNOWN_COOKIE,
        _known_serializer().dumps({"b": browser or secrets.token_urlsafe(16), "n": names}),
        max_age=KNOWN_LIFETIME,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


def safe_next(target):
    """The ?next= address after login, if it is a page of this site (never another host):
    a path, or a full address on this host, as Flask-Login's login redirect gives."""
    if not target or any(c.isspace() or not c.isprintable() or c == "\\" for c in target):
        return None
    parts = urlsplit(target)
    elsewhere = parts.scheme not in ("http", "https") or parts.netloc != request.host
    if (parts.scheme or parts.netloc) and elsewhere:
        return None
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))


@bp.post("/logout")
def logout():
    """Log out (a POST, so no link or image can log a teacher out). The login's row goes,
    so a copy of the cookie no longer opens anything."""
    current_user.end_login()
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("teacher.login"))


@bp.route("/password", methods=["GET", "POST"])
def password():
    """Change one's own password."""
    form = PasswordForm()
    if form.validate_on_submit():
        if current_user.check_password(form.current.data):
            current_user.set_password(form.new.data)
            current_user.save()
            current_user.end_logins(keep=current_user.login_token)
            flash(
                "Your password is changed. Any other browser logged in as you is logged out.",
                "info",
            )
            return redirect(url_for("teacher.sessions"))
        form.current.errors.append("That is not your current password.")
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/password.html", form=form), status


def session_form():
    """The new-session form, offering every quiz with items the teacher may use."""
    form = SessionForm()
    form.quiz.choices = [SelectChoice(*choice) for choice in quiz_choices(current_user.id)]
    return form


@bp.get("/")
def sessions():
    """The teacher's class sessions, newest first, and a form to open another (on the quiz
    named by ?quiz=, as the link after publishing one does)."""
    ClassSession.close_all_due(current_user.id)
    rows = reports.session_list(current_user.id)
    form = session_form()
    if request.args.get("quiz") in {c.value for c in form.quiz.choices}:
        form.quiz.data = request.args["quiz"]
    return render_template("teacher/sessions.html", rows=rows, form=form)


@bp.post("/sessions")
def create_session():
    """Open a class session: a lesson the teacher leads opens on its lobby, any other on
    the projector's join code."""
    form = session_form()
    quiz = None
    if form.validate_on_submit():
        quiz = Quiz.get(Quiz.slug == form.quiz.data)
        available = Item.active_in(quiz).count()
        if form.item_count.data and form.item_count.data > available:
            form.item_count.errors.append(
                f"This article has {available} statements: choose at most {available}, "
                "or leave it empty for all of them."
            )
            quiz = None
        forms = None
        if quiz is not None and form.check.data != "none":
            try:
                forms = split_forms(quiz.id, difficulty=item_difficulty(quiz.id))
            except FormsTooSmall as problem:
                form.check.errors.append(str(problem))
                quiz = None
    if quiz is None:
        rows = reports.session_list(current_user.id)
        return render_template("teacher/sessions.html", rows=rows, form=form), 400
    paced = form.pace.data == "teacher"
    class_session = ClassSession.open_class(
        quiz,
        form.title.data,
        same_for_everyone=form.draw.data == "same" and form.check.data == "none",
        teacher=current_user.id,
        read_first=form.read_first.data,
        ask_confidence=form.ask_confidence.data,
        ask_evidence=form.ask_evidence.data,
        feedback_each=paced or form.feedback.data == "each",
        key_after_close=form.key_after_close.data,
        item_count=form.item_count.data or None,
        closes_at=form.closing_time(),
        paced=paced,
        check_forms=None if forms is None else json.dumps(forms),
        after_open=form.check.data != "later",
    )
    return redirect(url_for("teacher.projector", session_id=class_session.id))


LEARNERS_SHOWN = 100  # rows of the dashboard's learner table on one page


def live_context(session_id, show=None):
    """What the dashboard's live part shows: the report, its chart points, the time, and
    one page of the learner table (?page=N; the page with learner `show` when given)."""
    class_session = own_session(session_id)
    report = reports.live_report(class_session)
    learners = report.learners
    pages = max(1, -(-len(learners) // LEARNERS_SHOWN))
    if show is not None:
        at = next((n for n, row in enumerate(learners) if row.attempt.id == show), 0)
        page = at // LEARNERS_SHOWN + 1
    else:
        page = min(max(request.args.get("page", 1, type=int), 1), pages)
    first = (page - 1) * LEARNERS_SHOWN
    return {
        "class_session": class_session,
        "report": report,
        "chart": chart_html(report),
        "now": utcnow(),
        "rows": learners[first : first + LEARNERS_SHOWN],
        "first_row": first + 1,
        "page": page,
        "pages": pages,
    }


def chart_html(report):
    """The dashboard's chart of a live report (templates/teacher/_chart.html), or None when
    no learner has answers of both kinds. Made once and kept with the report, which stays
    the same until something in the session changes: at 500 learners the chart was most of
    each refresh's cost."""
    if "chart" not in report.made:
        points = charts.lean_discernment_points(report.learners)
        macro = current_app.jinja_env.get_template("teacher/_chart.html").module.chart
        report.made["chart"] = macro(points, charts.CHART) if points else None
    return report.made["chart"]


@bp.get("/sessions/<int:session_id>")
def dashboard(session_id):
    """The live dashboard: every participant and the class's figures."""
    return render_template("teacher/dashboard.html", **live_context(session_id))


@bp.get("/sessions/<int:session_id>/live")
def dashboard_live(session_id):
    """The dashboard's changing part alone, for the page's script to swap in."""
    return render_template("teacher/_live.html", **live_context(session_id))


@bp.get("/sessions/<int:session_id>/items")
def item_analysis(session_id):
    """Per-item figures, split by kind, cue type and source type, hardest first."""
    class_session = own_session(session_id)
    report = reports.session_report(class_session)
    return render_template("teacher/items.html", class_session=class_session, report=report)


@bp.get("/sessions/<int:session_id>/before-after")
def before_after(session_id):
    """The report of a lesson with a check before and after: did the lesson work?"""
    class_session = own_session(session_id)
    if class_session.forms is None:
        abort(404, "This session has no check before and after.")
    report = reports.change_report(class_session)
    return render_template(
        "teacher/before_after.html",
        class_session=class_session,
        report=report,
        arrows=charts.change_arrows(report.rows),
        CHART=charts.CHART,
        carry_on_code=carry_on_code,
    )


@bp.post("/sessions/<int:session_id>/after")
def open_after(session_id):
    """Open the check after the practice of a lesson whose teacher opens it later."""
    class_session = own_session(session_id)
    if class_session.forms is None:
        abort(404, "This session has no check before and after.")
    ClassSession.update(after_open=True).where(ClassSession.id == class_session.id).execute()
    message = (
        "The check after the practice is open: learners who finished the practice carry on "
        "from their page, or join again with the code and the same name."
    )
    if not class_session.is_open:
        message += " The session is closed: reopen it so that they can."
    flash(message, "info")
    return redirect(url_for("teacher.dashboard", session_id=class_session.id))


@bp.post("/sessions/<int:session_id>/close")
def close_session(session_id):
    """Close a session: learners can no longer join or answer."""
    return set_open(session_id, False, "Closed. Learners can no longer join or answer.")


@bp.post("/sessions/<int:session_id>/reopen")
def reopen_session(session_id):
    """Reopen a closed session."""
    return set_open(session_id, True, "Reopened. Learners can join and answer again.")


def set_open(session_id, is_open, message):
    """Open or close one of the teacher's sessions, then go back to its dashboard."""
    class_session = own_session(session_id)
    if is_open:
        code = class_session.join_code
        if class_session.closes_at is not None and class_session.closes_at <= utcnow():
            class_session.closes_at = None
            message += " Its closing time has passed, so it stays open until you close it."
        class_session.save_with_fresh_code()
        if class_session.join_code != code:
            message += (
                f" Its old code is in use again, so the new code is {class_session.join_code}."
            )
    else:
        class_session.close()
    flash(message, "info")
    return redirect(url_for("teacher.dashboard", session_id=class_session.id))


@bp.get("/sessions/<int:session_id>/delete")
def confirm_delete(session_id):
    """Ask before deleting a session, saying how much would go with it."""
    class_session = own_session(session_id)
    return render_template(
        "teacher/delete.html", class_session=class_session, learners=class_session.attempts.count()
    )


@bp.post("/sessions/<int:session_id>/delete")
def delete_session(session_id):
    """Delete a session with all its attempts and answers (CSRF-checked like every POST)."""
    class_session = own_session(session_id)
    with db.atomic():
        class_session.delete_instance()  # attempts and responses go with it (ON DELETE CASCADE)
    flash(f"Deleted “{class_session.title}” and every answer in it.", "info")
    return redirect(url_for("teacher.sessions"))


@bp.get("/sessions/<int:session_id>/responses.csv")
def export_responses(session_id):
    """Every answer of the session, one row each."""
    class_session = own_session(session_id)
    return csv_response(
        reports.RESPONSE_COLUMNS,
        reports.responses_table(class_session),
        f"{class_session.join_code}-responses.csv",
    )


@bp.get("/sessions/<int:session_id>/attempts.csv")
def export_attempts(session_id):
    """Every learner of the session with every figure, one row each."""
    class_session = own_session(session_id)
    report = reports.session_report(class_session)
    return csv_response(
        reports.ATTEMPT_COLUMNS,
        reports.attempts_table(report),
        f"{class_session.join_code}-learners.csv",
    )


# Learners a teacher renames or removes.


def own_learner(class_session, attempt_id):
    """A learner's attempt in one of the teacher's sessions, or a 404."""
    attempt = Attempt.get_or_none((Attempt.id == attempt_id) & (Attempt.session == class_session))
    return attempt or abort(404)


def dashboard_page(session_id, status=200, **extra):
    """The dashboard, with anything a failed form adds (its errors are flashed or shown
    beside the learner they concern)."""
    context = live_context(session_id, show=extra.get("rename_id"))
    return render_template("teacher/dashboard.html", **context, **extra), status


@bp.post("/sessions/<int:session_id>/learners/<int:attempt_id>/name")
def rename_learner(session_id, attempt_id):
    """Rename a learner: a name mistyped, or one that shouldn't be on the projector."""
    class_session = own_session(session_id)
    attempt = own_learner(class_session, attempt_id)
    form = RenameForm()
    valid = form.validate_on_submit()
    if valid and name_key(attempt.display_name) != name_key(form.name.data):
        others = Attempt.select(Attempt.display_name).where(
            (Attempt.session == class_session) & (Attempt.id != attempt.id)
        )
        if name_key(form.name.data) in {name_key(a.display_name) for a in others}:
            form.name.errors.append(
                f"Another learner in this class is already called {form.name.data}."
            )
            valid = False
    if not valid:
        flash(f"“{attempt.display_name}” was not renamed: see below.", "error")
        return dashboard_page(class_session.id, 400, rename_id=attempt.id, rename_form=form)
    Attempt.update(display_name=form.name.data).where(Attempt.id == attempt.id).execute()
    flash(f"Renamed “{attempt.display_name}” to “{form.name.data}”.", "info")
    return redirect(url_for("teacher.dashboard", session_id=class_session.id))


def learners_form(class_session, formdata=None):
    """The form of learners ticked on the dashboard, offering the session's learners."""
    options = {} if formdata is None else {"formdata": formdata, "meta": {"csrf": False}}
    form = LearnersForm(**options)
    learners = Attempt.select(Attempt.id, Attempt.display_name).where(
        Attempt.session == class_session
    )
    form.learner.choices = [SelectChoice(a.id, a.display_name) for a in learners]
    return form


def chosen_learners(class_session, form, valid):
    """The learners a valid form names (with their answers), or None with the form's first
    problem flashed for the dashboard."""
    if valid:
        return reports.learners_chosen(class_session, form.learner.data)
    flash(form.learner.errors[0] if form.learner.errors else "Tick the learners again.", "error")
    return None


@bp.get("/sessions/<int:session_id>/learners/remove")
def confirm_remove_learners(session_id):
    """Ask before removing the learners ticked on the dashboard, naming them and saying
    how many answers would go with them."""
    class_session = own_session(session_id)
    form = learners_form(class_session, formdata=request.args)
    learners = chosen_learners(class_session, form, form.validate())
    if learners is None:
        return dashboard_page(class_session.id, 400)
    return render_template(
        "teacher/remove_learners.html",
        class_session=class_session,
        learners=learners,
        answers=sum(a.answers for a in learners),
    )


@bp.post("/sessions/<int:session_id>/learners/remove")
def remove_learners(session_id):
    """Remove learners: their attempts and every answer in them (CSRF-checked like every
    POST). Their links then lead to the usual not-found page."""
    class_session = own_session(session_id)
    form = learners_form(class_session)
    learners = chosen_learners(class_session, form, form.validate_on_submit())
    if learners is None:
        return dashboard_page(class_session.id, 400)
    ids = [a.id for a in learners]
    with db.atomic():
        Response.delete().where(Response.attempt.in_(ids)).execute()
        Attempt.delete().where(Attempt.id.in_(ids) & (Attempt.session == class_session)).execute()
    answers = sum(a.answers for a in learners)
    names = reports.names_in_words(learners, most=len(learners))
    flash(f"Removed {names}, with their {answers} answer{'' if answers == 1 else 's'}.", "info")
    return redirect(url_for("teacher.dashboard", session_id=class_session.id))


# A learner's report, to print.


@bp.get("/sessions/<int:session_id>/learners/<int:attempt_id>/report")
def learner_report(session_id, attempt_id):
    """One learner's results on one printable page, in plain words: score, both kinds of
    error, confidence and evidence when asked, and the statements to go over."""
    class_session = own_session(session_id)
    attempt = own_learner(class_session, attempt_id)
    return render_template(
        "teacher/learner_report.html",
        class_session=class_session,
        attempt=attempt,
        report=reports.attempt_report(attempt),
    )
