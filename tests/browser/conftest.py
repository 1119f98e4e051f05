"""A real server (gunicorn, several workers, a SQLite file) and Debian's Chromium. Every
test here is marked `browser` (`pytest -m "not browser"` leaves them out). Plain helpers
are in tests/browser/helpers.py."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.helpers import TEACHER, TEACHER_PASSWORD, first_quiz
from tests.server import prepare, running

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Mark every test under tests/browser/ `browser`."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


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
