"""Flask commands: flask --app wsgi init-db | questions check | questions load | sessions create."""

import re
import secrets
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from app import bank, quizzes, retention, throttle, wording
from app.db import db, migrate
from app.models import ClassSession, Quiz, Teacher

questions = AppGroup("questions", help="Check and load the quizzes in questions/.")
sessions = AppGroup("sessions", help="Class sessions.")
teachers = AppGroup("teacher", help="Teacher accounts.")
data = AppGroup("data", help="Learners' data.")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")


@click.command("init-db")
def init_db_command():
    """Create or upgrade the database schema (existing data is kept)."""
    applied = migrate()
    click.echo(f"Applied {', '.join(applied)}." if applied else "Database schema up to date.")


def _read_all():
    """Read every questions folder; return the good quizzes and the problems of the bad."""
    good, problems = [], []
    for folder in bank.quiz_folders(current_app.config["QUESTIONS_DIR"]):
        try:
            good.append(bank.read_folder(folder))
        except bank.BankError as exc:
            problems.extend(exc.problems)
    return good, problems


def _report(good, problems):
    """Print warnings and problems; exit 1 when any folder was refused."""
    for quiz in good:
        for warning in quiz.warnings:
            click.echo(f"warning: {warning}", err=True)
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if problems:
        click.echo("Folders with errors were not loaded; fix them and run again.", err=True)
        sys.exit(1)


@questions.command("check")
def check_command():
    """Validate every quiz folder, and check that its words alone don't give the answers
    away (app/wording.py), without touching the database."""
    good, problems = _read_all()
    leaks = []
    for quiz in good:
        report = wording.wording_report(quiz.items)
        verdict = "ok" if report.passed else "its wording gives answers away"
        click.echo(f"{quiz.slug}: {report.total} items, {report.facts} facts, {verdict}")
        for line in wording.summary(report):
            click.echo(f"  {line}")
        leaks.extend(f"{quiz.slug}: {problem}" for problem in report.problems)
    for leak in leaks:
        click.echo(f"error: {leak}", err=True)
    _report(good, problems)
    if leaks:
        click.echo(
            "A learner could pass these without reading the article: rewrite the items named"
            " (docs/content-guide.md, 'The words must not give the answer away').",
            err=True,
        )
        sys.exit(1)


@questions.command("load")
def load_command():
    """Load every valid quiz folder into the database (safe to run again)."""
    good, problems = _read_all()
    with db.connection_context():
        for quiz in good:
            try:
                counts = quizzes.store(quiz)
            except bank.BankError as exc:  # a teacher's imported quiz has this name
                problems.extend(f"questions/{p}" for p in exc.problems)
                continue
            ClassSession.practice_for(Quiz.get(Quiz.slug == quiz.slug))
            summary = ", ".join(f"{v} {k}" for k, v in counts.items())
            click.echo(f"{quiz.slug}: {summary}")
            for problem in wording.wording_report(quiz.items).problems:
                click.echo(f"warning: {quiz.slug}: {problem}", err=True)
    _report(good, problems)


@sessions.command("create")
@click.option("--quiz", "slug", help="Quiz slug (default: the only quiz, or the first).")
@click.option("--title", default="Class session", show_default=True)
@click.option("--confidence/--no-confidence", default=True, help="Ask how sure learners are.")
@click.option("--read-first/--no-read-first", default=True, help="Offer the article first.")
@click.option(
    "--evidence/--no-evidence", default=True, help="Ask for the sentence that decides it."
)
@click.option(
    "--feedback",
    type=click.Choice(["each", "end"]),
    default="each",
    show_default=True,
    help="Whether learners see right and wrong after each statement or only at the end.",
)
@click.option(
    "--key-after-close",
    is_flag=True,
    help="With --feedback end: keep the answers hidden until the session is closed.",
)
@click.option("--teacher", "username", help="Owner (default: the first teacher account).")
def create_session_command(
    slug, title, confidence, read_first, evidence, feedback, key_after_close, username
):
    """Open a class session and print its join code."""
    if key_after_close and feedback == "each":
        raise click.UsageError(
            "--key-after-close needs --feedback end: with feedback after each statement "
            "learners see every answer as they go."
        )
    with db.connection_context():
        owners = Teacher.select().order_by(Teacher.id)
        teacher = owners.where(Teacher.username == username).first() if username else owners.first()
        if username and teacher is None:
            raise click.ClickException(f"No teacher {username!r}.")
        query = Quiz.select().order_by(Quiz.slug)
        quiz = query.where(Quiz.slug == slug).first() if slug else query.first()
        if quiz is None:
            raise click.ClickException(
                f"No quiz {slug!r}; run 'questions load' first." if slug else "No quiz loaded yet."
            )
        session = ClassSession.open_class(
            quiz,
            title,
            teacher=teacher,
            ask_confidence=confidence,
            read_first=read_first,
            ask_evidence=evidence,
            feedback_each=feedback == "each",
            key_after_close=key_after_close,
        )
    click.echo(f"Opened '{title}' on {quiz.slug}. Join code: {session.join_code}")


@teachers.command("create")
@click.argument("username")
@click.password_option(help="The password (asked for when not given).")
def create_teacher_command(username, password):
    """Create a teacher account."""
    username = username.strip().casefold()
    if not USERNAME.match(username):
        raise click.ClickException(
            "A user name is 2-40 lower-case letters, digits, dots, dashes or underscores."
        )
    if len(password) < 10:
        raise click.ClickException("Use a password of at least 10 characters.")
    with db.connection_context():
        if Teacher.get_or_none(Teacher.username == username):
            raise click.ClickException(f"There is already a teacher called {username!r}.")
        teacher = Teacher(username=username)
        teacher.set_password(password)
        teacher.save()
    click.echo(f"Created teacher {username!r}.")


@teachers.command("password")
@click.argument("username")
@click.password_option(help="The new password (asked for when not given).")
def teacher_password_command(username, password):
    """Set a teacher's password (one who forgot it, or whose account was misused); every
    browser logged in as them is logged out."""
    if len(password) < 10:
        raise click.ClickException("Use a password of at least 10 characters.")
    with db.connection_context():
        teacher = Teacher.get_or_none(Teacher.username == username.strip().casefold())
        if teacher is None:
            raise click.ClickException(f"There is no teacher called {username!r}.")
        teacher.set_password(password)
        teacher.save()
        teacher.end_logins()
        throttle.unlock_account(teacher.username)
    click.echo(f"Changed the password of {teacher.username!r}; their logins have ended.")


@teachers.command("unlock")
@click.argument("username")
def teacher_unlock_command(username):
    """Let a teacher log in again at once: forget the failed logins counted against them
    (someone else's guesses, or their own)."""
    with db.connection_context():
        teacher = Teacher.get_or_none(Teacher.username == username.strip().casefold())
        if teacher is None:
            raise click.ClickException(f"There is no teacher called {username!r}.")
        throttle.unlock_account(teacher.username)
    click.echo(f"{teacher.username!r} can log in again (from any address).")


@teachers.command("ensure")
def ensure_teacher_command():
    """On a fresh install with no teacher, create one and print its password once."""
    with db.connection_context():
        if Teacher.select().exists():
            return
        password = secrets.token_urlsafe(12)
        teacher = Teacher(username="teacher")
        teacher.set_password(password)
        teacher.save()
    click.echo(
        "\n  A teacher account was created. Log in at /teacher/login with\n"
        f"    user name: teacher\n    password:  {password}\n"
        "  This password is shown only now: change it from the 'Password' page after\n"
        "  logging in, or create your own account with\n"
        "    .venv/bin/flask --app wsgi teacher create YOUR-NAME\n"
    )


@data.command("purge")
@click.option("--older-than", "age", required=True, help="An age such as 90d, 12w or 36h.")
def purge_command(age):
    """Delete class sessions and practice attempts older than the age, with their answers."""
    try:
        older_than = retention.parse_age(age)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--older-than") from exc
    with db.connection_context():
        counts = retention.purge(older_than)
    click.echo("Deleted " + ", ".join(f"{n} {what}" for what, n in counts.items()) + ".")


def init_app(app):
    """Register the commands with the app."""
    app.cli.add_command(init_db_command)
    app.cli.add_command(questions)
    app.cli.add_command(sessions)
    app.cli.add_command(teachers)
    app.cli.add_command(data)
