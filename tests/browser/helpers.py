"""Helpers shared by the browser tests: the teacher's account, the answer key's deciding
sentences, a learner's and a teacher's steps in Chromium, and the accessibility checks.

Fixtures live in tests/browser/conftest.py; plain functions and constants live here."""

import functools
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from app import bank, evidence
from tests.helpers import QUESTIONS, SLUG

TEACHER, TEACHER_PASSWORD = "ms-rivera", "a long browser-test password"


@functools.cache
def first_quiz():
    """The first quiz's folder, read once for the whole run."""
    return bank.read_folder(QUESTIONS / SLUG)


def deciding_sentence(statement):
    """The number of the first sentence of the article that decides the statement."""
    quiz = first_quiz()
    quote = next(item["quote"] for item in quiz.items if item["statement"] == statement)
    return min(evidence.deciding(quiz.article, quote))


CHOICE_NAMES = {"fact": "Verified fact", "allegation": "Unevidenced allegation"}


def answer_current(page, labels, right=True, sure="Quite sure"):
    """Answer the statement on screen, rightly or wrongly, marking the sentence that decides
    it when the session asks; return the statement."""
    statement = page.locator("#statement").inner_text()
    label = labels[statement]
    choice = label if right else ("allegation" if label == "fact" else "fact")
    page.get_by_label(CHOICE_NAMES[choice], exact=True).check()
    if sure:
        page.get_by_label(sure, exact=True).check()
    if page.locator(".article-pick").count():
        page.locator(f"label[for=sentence-{deciding_sentence(statement)}]").click()
    # "Save my answer" in the checks before and after a practice, which show no verdict
    page.get_by_role("button", name=re.compile(r"^(?:Check|Save) my answer$")).click()
    return statement


def start_practice(page, server, name="Robin"):
    """From the home page, start practising; land on the start page."""
    page.goto(server + "/")
    page.get_by_label("Your name (optional)").fill(name)
    page.get_by_role("button", name="Practise").click()
    expect(page.get_by_text("29 statements")).to_be_visible()


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def log_in(page, server):
    """Log in as the browser tests' teacher."""
    page.goto(server + "/teacher/login")
    page.get_by_label("User name").fill(TEACHER)
    page.get_by_label("Password").fill(TEACHER_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your class sessions")).to_be_visible()


def open_session(teacher, server, title):
    """The teacher logs in and opens a class session; return its join code (the projector
    page shows it)."""
    log_in(teacher, server)
    teacher.get_by_label("Title").fill(title)
    teacher.get_by_role("button", name="Open session").click()
    return teacher.locator(".join-code").inner_text().strip()


def join_in_browser(browser, server, code, name, viewport=None):
    """A learner joins in a browser context of their own (and answers nothing yet)."""
    context = browser.new_context(viewport=viewport) if viewport else browser.new_context()
    page = context.new_page()
    page.goto(server + "/")
    page.get_by_label("Join code").fill(code)
    page.get_by_label("Your name", exact=True).fill(name)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("link", name="Start the statements")).to_be_visible()
    return context


def learner_answers(browser, server, code, name, labels, rights):
    """A learner in their own browser context joins with the code and answers."""
    context = join_in_browser(browser, server, code.lower(), name)
    page = context.pages[0]
    page.get_by_role("link", name="Start the statements").click()
    for n, right in enumerate(rights, start=1):
        answer_current(page, labels, right=right)
        expect(page.locator(".verdict")).to_be_visible()
        if n < 29:
            page.get_by_role("link", name="Next statement").click()
    return context


AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}


def check_axe(page, state):
    """Run axe-core on the page; fail on serious or critical violations, print the rest."""
    results = AXE.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    for v in violations:
        if v["impact"] not in BLOCKING:
            print(f"[axe] {state}: {v['impact']} {v['id']}: {v['help']}")
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert not blocking, f"{state}: {blocking}"
    return {v["id"] for v in violations}


def check_reflow(page, state):
    """Nothing wider than the viewport: no horizontal scrolling (read once the page and its
    stylesheet have loaded: read mid-load, the layout is not the page's)."""
    page.wait_for_load_state("load")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{state}: {overflow}px of horizontal scrolling"


def focused_outline(page):
    """The focused element's outline width and style, as the browser draws it."""
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )


def tab_to(page, predicate_js, limit=40, key="Tab"):
    """Press Tab (or Shift+Tab) until the focused element matches; fail if it never does.
    Each focus is read once the page has loaded (its stylesheet too): a focus ring read
    before the stylesheet applies would be the browser's own, not the site's."""
    for _ in range(limit):
        page.keyboard.press(key)
        # Not wait_for_function: its polling evaluates a string in the page, which the
        # site's Content Security Policy (no 'unsafe-eval') rightly refuses.
        page.wait_for_load_state("load")
        if page.evaluate(f"() => {{ const el = document.activeElement; return {predicate_js}; }}"):
            style, width = focused_outline(page)
            assert style != "none" and width >= 2, "focus indicator not visible"
            return
    raise AssertionError(f"never reached {predicate_js}")
