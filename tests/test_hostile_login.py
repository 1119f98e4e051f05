"""A teacher's login holds against strangers: no one can lock the teacher out, parallel
tries cannot beat the limit, a copied cookie dies with its login, `next` stays on this site,
and the files and downloads that hold learners' data are the owner's alone."""

import re
import stat
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from app.models import CountedTry, TeacherLogin, utcnow
from app.throttle import LOGIN
from tests.helpers import PASSWORD, SLUG, add_teacher, log_in, make_app, text_of
from tests.http_learner import Learner
from tests.server import prepare, running

STRANGER, OWNER = {"REMOTE_ADDR": "127.0.0.2"}, {"REMOTE_ADDR": "127.0.0.3"}


def post_login(client, password, address, username="ada", path="/teacher/login"):
    """Post the login form from an address."""
    return client.post(
        path, data={"username": username, "password": password}, environ_base=address
    )


def test_a_stranger_cannot_lock_the_teacher_out(app):
    add_teacher(app, "ada")
    stranger, owner = app.test_client(), app.test_client()
    for _ in range(5):
        assert post_login(stranger, "guess", STRANGER).status_code == 400
    assert post_login(stranger, PASSWORD, STRANGER).status_code == 429  # the stranger waits
    response = post_login(owner, PASSWORD, OWNER)
    assert response.status_code == 302
    # ... and is told about the tries, once.
    page = text_of(owner.get(response.location))
    assert "There were 6 failed attempts to log in to your account" in page
    owner.post("/teacher/logout")
    again = post_login(owner, PASSWORD, OWNER)
    assert "failed attempt" not in text_of(owner.get(again.location))


@pytest.mark.slow
def test_account_limit_spares_the_teachers_own_browser(app):
    add_teacher(app, "ada")
    owner = app.test_client()
    assert post_login(owner, PASSWORD, OWNER).status_code == 302  # a browser ada uses
    owner.post("/teacher/logout")
    for n in range(20):  # tries from many addresses, a few from each
        address = {"REMOTE_ADDR": f"10.0.{n // 4}.1"}
        assert post_login(app.test_client(), "guess", address).status_code == 400
    new_browser = post_login(app.test_client(), PASSWORD, {"REMOTE_ADDR": "10.1.0.1"})
    assert new_browser.status_code == 429  # the account is throttled from elsewhere...
    assert post_login(owner, PASSWORD, OWNER).status_code == 302  # ...but not here


@pytest.mark.slow
def test_an_address_the_teacher_logged_in_from_is_spared_too(app):
    add_teacher(app, "ada")
    assert post_login(app.test_client(), PASSWORD, OWNER).status_code == 302
    for n in range(20):  # someone elsewhere works through the account's hourly limit
        post_login(app.test_client(), "guess", {"REMOTE_ADDR": f"10.0.{n // 4}.1"})
    # A new browser (a cleared school PC, a private window) at the teacher's usual address:
    assert post_login(app.test_client(), PASSWORD, OWNER).status_code == 302
    assert post_login(app.test_client(), PASSWORD, {"REMOTE_ADDR": "10.9.0.1"}).status_code == 429


@pytest.mark.slow
def test_a_pupil_on_the_school_network_cannot_lock_its_teachers_out(app):
    add_teacher(app, "ada")
    add_teacher(app, "bea")
    school = {"REMOTE_ADDR": "198.51.100.20"}
    assert post_login(app.test_client(), PASSWORD, school, username="bea").status_code == 302
    pupil = app.test_client()
    for n in range(30):  # made-up names from the school's one address
        assert post_login(pupil, "guess", school, username=f"sir{n}").status_code == 400
    assert post_login(pupil, "guess", school, username="sir99").status_code == 429
    # bea has logged in from here before: spared, even in a fresh browser.
    assert post_login(app.test_client(), PASSWORD, school, username="bea").status_code == 302
    # ada never has: the address's limit holds her (for 15 minutes at most).
    assert post_login(app.test_client(), PASSWORD, school).status_code == 429


@pytest.mark.slow
def test_an_administrator_unlocks_an_account(app):
    add_teacher(app, "ada")
    for n in range(20):
        post_login(app.test_client(), "guess", {"REMOTE_ADDR": f"10.0.{n // 4}.1"})
    assert post_login(app.test_client(), PASSWORD, OWNER).status_code == 429
    runner = app.test_cli_runner()
    assert "no teacher called" in runner.invoke(args=["teacher", "unlock", "nobody"]).output
    result = runner.invoke(args=["teacher", "unlock", "Ada"])
    assert result.exit_code == 0 and "can log in again" in result.output
    with app.app_context():
        assert not CountedTry.select().where(CountedTry.key.contains("ada")).exists()
    assert post_login(app.test_client(), PASSWORD, OWNER).status_code == 302


def test_someone_at_the_same_address_cannot_lock_the_teachers_own_browser(app):
    add_teacher(app, "ada")
    own = app.test_client()
    assert post_login(own, PASSWORD, OWNER).status_code == 302
    own.post("/teacher/logout")
    colleague = app.test_client()  # a pupil at the next computer, same school address
    for _ in range(5):
        post_login(colleague, "guess", OWNER)
    assert post_login(colleague, PASSWORD, OWNER).status_code == 429
    assert post_login(own, PASSWORD, OWNER).status_code == 302  # her browser's own budget


def test_refused_tries_do_not_extend_the_wait(app):
    add_teacher(app, "ada")
    client = app.test_client()
    for _ in range(5):
        post_login(client, "guess", STRANGER)
    for _ in range(10):
        assert post_login(client, "guess", STRANGER).status_code == 429
    with app.app_context():
        assert CountedTry.select().where(CountedTry.key.startswith("login:")).count() == 5
        CountedTry.update(at=utcnow() - timedelta(minutes=16)).execute()
    assert post_login(client, PASSWORD, STRANGER).status_code == 302


def test_a_copied_cookie_dies_with_logout(app):
    add_teacher(app, "ada")
    client = app.test_client()
    assert log_in(client, "ada").status_code == 302
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    assert copy.get("/teacher/").status_code == 200  # the copy works while the login lasts
    client.post("/teacher/logout")
    assert copy.get("/teacher/").status_code == 302
    with app.app_context():
        assert TeacherLogin.select().count() == 0


def test_a_password_change_ends_every_other_login(app):
    add_teacher(app, "ada")
    laptop, stolen = app.test_client(), app.test_client()
    assert log_in(laptop, "ada").status_code == 302
    assert log_in(stolen, "ada").status_code == 302
    response = laptop.post(
        "/teacher/password",
        data={"current": PASSWORD, "new": "a much longer one", "confirm": "a much longer one"},
    )
    assert response.status_code == 302
    assert laptop.get("/teacher/").status_code == 200  # this browser stays logged in
    assert stolen.get("/teacher/").status_code == 302


def test_an_administrator_resets_a_password_and_ends_every_login(app):
    add_teacher(app, "ada")
    client = app.test_client()
    log_in(client, "ada")
    runner = app.test_cli_runner()
    missing = runner.invoke(args=["teacher", "password", "nobody", "--password", "x" * 12])
    assert missing.exit_code != 0 and "no teacher called" in missing.output
    short = runner.invoke(args=["teacher", "password", "ada", "--password", "short"])
    assert short.exit_code != 0 and "at least 10" in short.output
    result = runner.invoke(args=["teacher", "password", "Ada", "--password", "a new long one"])
    assert result.exit_code == 0, result.output
    assert client.get("/teacher/").status_code == 302
    assert log_in(app.test_client(), "ada", "a new long one").status_code == 302


def test_a_login_expires_after_a_school_day(app):
    add_teacher(app, "ada")
    client = app.test_client()
    log_in(client, "ada")
    with app.app_context():
        TeacherLogin.update(created_at=utcnow() - timedelta(hours=13)).execute()
    assert client.get("/teacher/").status_code == 302


def test_teacher_cookie_ends_with_the_browser_even_after_trying_as_a_learner(app):
    add_teacher(app, "ada")
    client = app.test_client()
    client.post("/practice", data={"quiz": SLUG, "name": "Ada"})  # a learner first
    response = log_in(client, "ada")
    client.post("/practice", data={"quiz": SLUG, "name": "Ada"})  # then "try it"
    cookie = client.get_cookie("session")
    assert response.status_code == 302 and cookie.expires is None
    assert client.get("/teacher/").status_code == 200


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/teacher/",
        "http://localhost.evil.example/",
        "javascript:alert(1)",
        "/%0d%0aSet-Cookie:x=1",
    ],
)
def test_login_never_redirects_off_the_site(app, target):
    add_teacher(app, "ada")
    client = app.test_client()
    response = post_login(client, PASSWORD, OWNER, path=f"/teacher/login?next={target}")
    assert response.status_code == 302 and response.location == "/teacher/"


def test_login_returns_to_the_page_asked_for(app):
    add_teacher(app, "ada")
    client = app.test_client()
    bounce = client.get("/teacher/quizzes?x=1")
    assert bounce.status_code == 302 and "/teacher/login?next=" in bounce.location
    form = client.get(bounce.location)
    action = re.search(r'<form method="post" action="([^"]+)"', form.get_data(as_text=True)).group(
        1
    )
    assert "next=" in action  # the form keeps where to go
    response = post_login(client, PASSWORD, OWNER, path=action.replace("&amp;", "&"))
    assert response.status_code == 302 and response.location == "/teacher/quizzes?x=1"


@pytest.mark.slow
def test_parallel_wrong_logins_check_at_most_the_limit(tmp_path):
    env = prepare(tmp_path, ["teacher", "create", "ada", "--password", PASSWORD])
    with running(env, workers=2, threads=8) as (base, _):
        stranger = Learner(base, address="127.0.0.2")
        _, token = stranger.csrf("/teacher/login")

        def wrong(n):
            data = {"username": "ada", "password": f"guess {n}", "csrf_token": token}
            return stranger.request("/teacher/login", data)[0]

        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(wrong, range(40)))
    assert statuses.count(400) <= 5, statuses  # passwords checked
    assert statuses.count(429) >= 35, statuses


@pytest.mark.slow
def test_through_the_server_a_stranger_elsewhere_does_not_block_the_teacher(tmp_path):
    env = prepare(tmp_path, ["teacher", "create", "ada", "--password", PASSWORD])
    with running(env) as (base, _):
        stranger, owner = Learner(base, "127.0.0.2"), Learner(base, "127.0.0.3")
        _, token = stranger.csrf("/teacher/login")
        wrong = {"username": "ada", "password": "guess", "csrf_token": token}
        assert [stranger.request("/teacher/login", wrong)[0] for _ in range(6)] == [400] * 5 + [429]
        _, token = owner.csrf("/teacher/login")
        right = {"username": "ada", "password": PASSWORD, "csrf_token": token}
        status, location, _ = owner.request("/teacher/login", right)
        assert status == 302 and location.endswith("/teacher/")
        assert "There were 6 failed attempts" in owner.request("/teacher/")[2]


def default_database(instance):
    """The database URL `make run` uses: a SQLite file in the instance folder."""
    return f"sqlite:///{instance / 'classroom.sqlite3'}"


def test_instance_folder_and_database_are_the_owners_alone(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    app = make_app(tmp_path, INSTANCE_PATH=str(instance), DATABASE_URL=default_database(instance))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    assert runner.invoke(args=["questions", "load"]).exit_code == 0
    assert {p.name for p in instance.iterdir()} >= {"classroom.sqlite3", "secret_key"}
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    for path in instance.iterdir():  # the database, its WAL files, the secret key
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_an_older_world_readable_instance_is_tightened(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    (instance / "classroom.sqlite3").touch(mode=0o644)
    make_app(tmp_path, INSTANCE_PATH=str(instance), DATABASE_URL=default_database(instance))
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    assert stat.S_IMODE((instance / "classroom.sqlite3").stat().st_mode) == 0o600


def test_downloads_are_never_cached(app):
    add_teacher(app, "ada")
    client = app.test_client()
    log_in(client, "ada")
    response = client.post("/teacher/sessions", data={"title": "T", "quiz": SLUG})
    session_id = re.search(r"/teacher/sessions/(\d+)", response.location).group(1)
    downloads = [
        f"/teacher/sessions/{session_id}/responses.csv",
        f"/teacher/quizzes/{SLUG}/export.zip",
    ]
    for path in downloads:
        download = client.get(path)
        assert download.status_code == 200, path
        assert "attachment" in download.headers["Content-Disposition"]
        assert download.headers["Cache-Control"] == "no-store", path


def test_a_ticket_taken_back_twice_never_takes_back_anothers_try(app):
    """A refused try's count is taken back in Throttle.attempt and again by the login page.
    SQLite gives the next row the id of a row just deleted, so the second time must not
    take back the try of the request counted in between (that once let a sixth wrong
    password through under parallel requests)."""
    with app.app_context():
        first = LOGIN.attempt("ada|somewhere")
        first.discard()
        second = LOGIN.attempt("ada|somewhere")  # on SQLite, the id `first` had
        first.discard()
        assert second.blocked_until is None
        assert CountedTry.select().where(CountedTry.key == "login:ada|somewhere").count() == 1
        second.discard()
        assert not CountedTry.select().where(CountedTry.key == "login:ada|somewhere").exists()
