"""A real server (gunicorn, several workers, a SQLite file) and Debian's Chromium."""

import functools
import os

import pytest
from playwright.sync_api import sync_playwright

from app import bank, evidence
from tests.conftest import QUESTIONS, SLUG
from tests.server import prepare, running

TEACHER, TEACHER_PASSWORD = "ms-rivera", "a long browser-test password"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The app served by gunicorn with two workers, as `make run` serves it."""
    env = prepare(
        tmp_path_factory.mktemp("live"),
        ["teacher", "create", TEACHER, "--password", TEACHER_PASSWORD],
    )
    with running(env) as (url, _):
        yield url


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
    return {item["statement"]: item["label"] for item in first_quiz().items}


@functools.cache
def first_quiz():
    """The first quiz's folder, read once for the whole run."""
    return bank.read_folder(QUESTIONS / SLUG)


def deciding_sentence(statement):
    """The number of the first sentence of the article that decides the statement."""
    quiz = first_quiz()
    quote = next(item["quote"] for item in quiz.items if item["statement"] == statement)
    return min(evidence.deciding(quiz.article, quote))
