"""A real server (gunicorn, several workers, a SQLite file) and Debian's Chromium."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from app import bank
from tests.conftest import QUESTIONS, ROOT, SLUG

BIN = Path(sys.executable).parent
TEACHER, TEACHER_PASSWORD = "ms-rivera", "a long browser-test password"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port():
    """A TCP port nothing is listening on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, proc, seconds=20):
    """Wait until the server accepts connections; fail if it dies first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


@pytest.fixture(scope="session")
def live_env(tmp_path_factory):
    """Environment for commands and the server, on a fresh database file."""
    tmp = tmp_path_factory.mktemp("live")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'live.sqlite3'}",
        "SECRET_KEY": "browser-tests",
        "FLASK_APP": "wsgi",
    }
    commands = (
        ["init-db"],
        ["questions", "load"],
        ["teacher", "create", TEACHER, "--password", TEACHER_PASSWORD],
    )
    for command in commands:
        subprocess.run(
            [BIN / "flask", *command], env=env, cwd=ROOT, check=True, capture_output=True
        )
    return env


@pytest.fixture(scope="session")
def server(live_env):
    """The app served by gunicorn with two workers, as `make run` serves it."""
    port = free_port()
    proc = subprocess.Popen(
        [
            BIN / "gunicorn",
            "--workers",
            "2",
            "--threads",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=live_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile (its own cookies) per test."""
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture(scope="session")
def labels():
    """The answer key, statement -> label, read from the question bank."""
    quiz = bank.read_folder(QUESTIONS / SLUG)
    return {item["statement"]: item["label"] for item in quiz.items}
