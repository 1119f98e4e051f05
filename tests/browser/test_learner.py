"""A learner in Chromium: the whole practice quiz, and resuming after a reload."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import answer_current, start_practice


def test_learner_completes_practice_quiz(context, server, labels):
    page = context.new_page()
    start_practice(page, server)
    # The article is on the start page, before the statements.
    headline = page.get_by_role("heading", level=2, name=re.compile("Putin orders expansion"))
    expect(headline).to_be_visible()
    page.get_by_role("link", name="Start the statements").click()
    for n in range(1, 30):
        expect(page.locator(".question-side .progress-text")).to_have_text(f"Statement {n} of 29")
        answer_current(page, labels, right=n > 2)
        verdict = page.locator(".verdict h1")
        expect(verdict).to_contain_text("Right" if n > 2 else "Not quite")
        expect(page.locator("blockquote.passage mark.quote").first).to_be_visible()
        next_name = "Next statement" if n < 29 else "See your results"
        page.get_by_role("link", name=next_name).click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.get_by_text("You were right on 27 of the 29 statements")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Of the 14 allegations you answered, you took \d+ of them"))
    ).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Of the 15 facts you answered, you doubted \d+ of them"))
    ).to_be_visible()
    expect(page.locator("ol.review-list > li")).to_have_count(29)


def test_reload_mid_quiz_resumes_on_the_same_item(context, server, labels):
    page = context.new_page()
    start_practice(page, server, name="Sam")
    page.get_by_role("link", name="Start the statements").click()
    for _ in range(3):
        answer_current(page, labels)
        page.get_by_role("link", name="Next statement").click()
    statement = page.locator("#statement").inner_text()
    address = page.url
    page.reload()
    expect(page.locator(".question-side .progress-text")).to_have_text("Statement 4 of 29")
    expect(page.locator("#statement")).to_have_text(statement)
    # The back button shows the feedback already given, never a fresh question.
    page.go_back()
    expect(page.locator(".verdict")).to_be_visible()
    # A new tab, and a reopened browser window via the home page, land on the same item.
    other = context.new_page()
    other.goto(server + "/")
    other.get_by_role("link", name="The buffer zone and the drone attack claim").click()
    expect(other.locator("#statement")).to_have_text(statement)
    # The learner's address is the third statement's feedback, with the fourth under it;
    # the other tab goes straight to the fourth.
    assert address.endswith("/q/3") and other.url.endswith("/q/4")
    page.close()
    other.close()


def test_second_tab_cannot_double_count(context, server, labels):
    first = context.new_page()
    start_practice(first, server, name="Tab")
    first.get_by_role("link", name="Start the statements").click()
    second = context.new_page()
    second.goto(first.url)
    answer_current(first, labels, right=True)
    expect(first.locator(".verdict")).to_contain_text("Right")
    answer_current(second, labels, right=False)
    expect(second.get_by_text("already answered")).to_be_visible()
    expect(second.locator(".verdict")).to_contain_text("Right")


def test_back_to_an_answer_sent_before_the_script_had_loaded(context, server, labels):
    """A form sent before the page's script had loaded posts as without JavaScript, and the
    page that comes back is the reply to a POST; answered in place from there, it must still
    be a page Back returns to, not a form the browser asks to send again."""
    page = context.new_page()
    start_practice(page, server, name="Early")
    loads = []

    def late_script(route):
        loads.append(route.request.url)
        if len(loads) == 1:  # the first question page's script never arrives
            route.abort()
        else:
            route.continue_()

    page.route("**/js/answer.js", late_script)
    page.get_by_role("link", name="Start the statements").click()
    expect(page.locator("#statement")).to_be_visible()
    page.get_by_role("button", name="Check my answer").click()  # nothing chosen, sent as a form
    expect(page.get_by_text("Your answer wasn't saved yet")).to_be_visible()
    answer_current(page, labels)  # the script has loaded now: answered in place
    expect(page.locator(".verdict")).to_contain_text("Right")
    assert len(loads) == 2
    page.get_by_role("link", name="See this passage in the whole article").click()
    expect(page.get_by_role("link", name="Back to statement 1").first).to_be_visible()
    page.go_back()
    expect(page.locator(".verdict")).to_contain_text("Right")
