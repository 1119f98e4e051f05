"""WCAG 2.1 AA in Chromium: axe-core on every page and state, keyboard only, reflow, and no
request leaving the app's own origin."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    TEACHER,
    TEACHER_PASSWORD,
    answer_current,
    check_axe,
    check_reflow,
    deciding_sentence,
    learner_answers,
    log_in,
    start_practice,
    tab_to,
)
from tests.helpers import LIBRARY

VIEWPORTS = pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 900}, {"width": 320, "height": 640}],
    ids=["desktop", "320px"],
)


def learner_states(page, server, labels):
    """Walk a learner through every page state, yielding (name, page) at each."""
    page.goto(server + "/")
    yield "home"
    page.get_by_role("button", name="Join").click()
    yield "home with join errors"
    page.get_by_label("Join code").fill("ZZZZZZ")
    page.get_by_label("Your name", exact=True).fill("Axe")
    page.get_by_role("button", name="Join").click()
    yield "home with unknown code"
    start_practice(page, server, name="Axe")
    yield "start"  # with the article to read first
    page.goto(page.url + "/article")  # the article alone, as from the lobby of a lesson
    expect(page.get_by_role("heading", level=1)).to_contain_text("Putin orders expansion")
    yield "article"
    page.get_by_role("link", name="Start the statements").click()
    yield "question"
    page.get_by_role("button", name="Check my answer").click()
    yield "question with error"
    answer_current(page, labels, right=False)
    yield "feedback, wrong"
    page.get_by_role("link", name="See this passage in the whole article").click()
    yield "article with highlighted passage"
    page.go_back()
    page.get_by_role("link", name="Next statement").click()
    for n in range(2, 30):
        answer_current(page, labels, right=True)
        if n == 2:
            yield "feedback, right"
        if n < 29:
            page.get_by_role("link", name="Next statement").click()
    page.get_by_role("link", name="See your results").click()
    yield "results"
    page.goto(server + "/a/not-a-token")
    yield "not found"


def teacher_states(page, browser, server, labels):
    """Walk a teacher through every page state, yielding a name at each."""
    page.goto(server + "/teacher/login")
    yield "login"
    page.get_by_role("button", name="Log in").click()
    yield "login with errors"
    log_in(page, server)
    yield "sessions and session form"
    page.get_by_role("button", name="Open session").click()
    yield "session form with errors"
    page.get_by_label("Title").fill("Accessibility class")
    page.get_by_role("button", name="Open session").click()
    yield "projector"
    code = page.locator(".join-code").inner_text().strip()
    learner = learner_answers(browser, server, code, "Ana", labels, [True] * 29)
    page.get_by_role("link", name="Go to the dashboard").click()
    expect(page.locator("#live table.data tbody tr")).to_have_count(1)
    dashboard = page.url
    yield "dashboard"
    page.get_by_text("What do these figures mean?").click()
    expect(page.get_by_text("Kuder–Richardson formula 20")).to_be_visible()
    yield "dashboard, figures explained"
    page.get_by_role("link", name="Report on Ana").click()
    expect(page.get_by_role("heading", name="Ana: how they did")).to_be_visible()
    yield "learner report"
    page.get_by_role("link", name="Back to the dashboard").click()
    expect(page.get_by_role("heading", name="Accessibility class")).to_be_visible()
    page.get_by_role("link", name="Item analysis").click()
    yield "item analysis"
    page.goto(server + "/teacher/quizzes")
    yield "question bank"
    page.get_by_role("link", name="The buffer zone and the drone attack claim").click()
    yield "quiz items"
    yield from authoring_states(page, server)
    page.goto(server + "/teacher/password")
    yield "password"
    page.goto(dashboard)
    page.get_by_role("link", name="Delete…").click()
    yield "delete confirmation"
    learner.close()


def authoring_states(page, server):
    """A teacher's own quiz: import, article check, review, editing, and their errors."""
    page.goto(server + "/teacher/quizzes/new")
    yield "new quiz"
    page.get_by_role("button", name="Read the article").click()
    yield "new quiz with errors"
    page.get_by_label("Paste the article's text").fill(LIBRARY)
    page.get_by_label("Publisher").fill("Millbrook Courier")
    page.get_by_role("button", name="Read the article").click()
    yield "article check"
    page.get_by_role("button", name="Save and draft items").click()
    yield "review"
    page.locator("#pending-heading ~ ul li.draft").first.get_by_role("link", name="Edit").click()
    yield "draft edit"
    page.get_by_label("Statement").fill("")
    page.get_by_role("button", name="Save and accept").click()
    yield "draft edit with errors"
    page.get_by_role("link", name="Back to the review").click()
    # Nothing accepted yet: the page says where to start (no Publish to press).
    expect(page.locator("#nothing-yet")).to_be_visible()
    yield "review with nothing accepted yet"


@VIEWPORTS
def test_learner_pages_pass_axe_and_reflow(browser, server, labels, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    seen = set()
    for state in learner_states(page, server, labels):
        seen.add(state)
        check_axe(page, state)
        check_reflow(page, f"{state} at {viewport['width']}px")
    assert len(seen) == 12
    context.close()


@VIEWPORTS
def test_teacher_pages_pass_axe_and_reflow(browser, server, labels, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    for state in teacher_states(page, browser, server, labels):
        check_axe(page, state)
        # Wide tables scroll in their own box, so the page itself never scrolls sideways.
        check_reflow(page, f"{state} at {viewport['width']}px")
    context.close()


def test_200_percent_zoom_reflows(browser, server, labels):
    # 200% zoom of a 1280 px window is a 640 CSS px viewport at twice the pixel density.
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    for state in learner_states(page, server, labels):
        check_reflow(page, f"{state} at 200%")
    context.close()


def test_whole_quiz_by_keyboard_alone(browser, server, labels):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/")
    tab_to(page, "el.id === 'practice-name' && el.form.action.endsWith('/practice')")
    page.keyboard.type("Keys")
    page.keyboard.press("Enter")
    expect(page.get_by_text("29 statements")).to_be_visible()
    tab_to(page, "el.textContent.trim() === 'Start the statements'")
    page.keyboard.press("Enter")
    for n in range(1, 30):
        statement = page.locator("#statement").inner_text()
        want = labels[statement]
        tab_to(page, "el.name === 'choice'")  # Tab enters the radio group
        if want == "fact":
            page.keyboard.press("Space")
        else:
            page.keyboard.press("ArrowDown")  # arrows move and select within the group
        tab_to(page, "el.name === 'confidence'")
        page.keyboard.press("ArrowDown")  # from "Just guessing" on to "Somewhat sure"
        page.keyboard.press("ArrowDown")  # and on to "Quite sure"
        expect(page.get_by_label("Quite sure", exact=True)).to_be_checked()
        tab_to(page, "el.name === 'evidence'")  # the article's sentences, the headline first
        for _ in range(deciding_sentence(statement)):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")  # Tab focuses the first sentence without marking it
        expect(page.locator(f"#sentence-{deciding_sentence(statement)}")).to_be_checked()
        tab_to(page, "el.type === 'submit'")
        page.keyboard.press("Enter")
        expect(page.locator(".verdict")).to_contain_text("Right")
        expect(page.locator(".evidence-compare")).to_contain_text("✓ the right place")
        # Focus moves to the verdict, so a screen reader announces it first.
        expect(page.locator("#verdict-heading")).to_be_focused()
        name = "Next statement" if n < 29 else "See your results"
        tab_to(page, f"el.textContent.trim() === '{name}'")
        page.keyboard.press("Enter")
        if n < 29:
            # The next statement was on the feedback page already: the feedback makes way
            # for it, and the focus moves to it, so a screen reader reads it first.
            expect(page.locator("#feedback-part")).to_be_hidden()
            expect(page.locator("#statement")).to_be_focused()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.get_by_text("You were right on 29 of the 29 statements")).to_be_visible()
    context.close()


def log_in_by_keyboard(page, server):
    """Log in as the browser tests' teacher with the keyboard alone."""
    page.goto(server + "/teacher/login")
    tab_to(page, "el.id === 'username'")
    page.keyboard.type(TEACHER)
    page.keyboard.press("Tab")
    page.keyboard.type(TEACHER_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your class sessions")).to_be_visible()


def test_teacher_main_flow_by_keyboard(browser, server):
    context = browser.new_context()
    page = context.new_page()
    log_in_by_keyboard(page, server)
    tab_to(page, "el.id === 'title'")
    page.keyboard.type("Keyboard class")
    tab_to(page, "el.type === 'submit' && el.textContent.trim() === 'Open session'")
    page.keyboard.press("Enter")
    expect(page.locator(".join-code")).to_be_visible()
    tab_to(page, "el.textContent.trim() === 'Go to the dashboard'")
    page.keyboard.press("Enter")
    # The dashboard's own heading: the projector's ("Join code for Keyboard class") would
    # match a name that isn't exact, and the page could still be the projector.
    expect(page).to_have_url(re.compile(r"/teacher/sessions/\d+$"))
    expect(page.get_by_role("heading", name="Keyboard class", exact=True)).to_be_visible()
    tab_to(page, "el.textContent.trim() === 'Close session'")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Closed. Learners can no longer join")).to_be_visible()
    context.close()


def test_making_a_quiz_by_keyboard(browser, server):
    context = browser.new_context()
    page = context.new_page()
    log_in_by_keyboard(page, server)
    tab_to(page, "el.textContent.trim() === 'Question bank'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Question bank")).to_be_visible()
    tab_to(page, "el.textContent.trim() === 'Make a quiz from an article'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Make a quiz from an article")).to_be_visible()
    tab_to(page, "el.id === 'text'")
    page.keyboard.insert_text(LIBRARY)  # as a paste does
    tab_to(page, "el.id === 'publisher'")
    page.keyboard.type("Millbrook Courier")
    tab_to(page, "el.type === 'submit' && el.textContent.trim() === 'Read the article'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Check the article")).to_be_visible()
    tab_to(page, "el.type === 'submit' && el.value === 'Save and draft items'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("Drafts to review"))).to_be_visible()
    for n in (1, 2):
        tab_to(page, "el.textContent.trim().startsWith('Accept:')", limit=120)
        page.keyboard.press("Enter")
        expect(page.get_by_text(f"{n} item{'s' if n > 1 else ''}:")).to_be_visible()
    # The page lands on the accepted item; Publish is back up the page.
    tab_to(page, "el.textContent.trim() === 'Publish'", limit=200, key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Published. It is ready for a class session now.")).to_be_visible()
    context.close()


def test_no_request_leaves_the_apps_origin(browser, server, labels):
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for _ in learner_states(page, server, labels):
        pass
    for _ in teacher_states(page, browser, server, labels):
        pass
    assert requests
    foreign = [url for url in requests if not url.startswith(server + "/")]
    assert foreign == []
    context.close()
