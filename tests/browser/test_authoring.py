"""A teacher in Chromium makes a quiz from a saved web page: import, check the article,
review the drafts, add an item by selecting a passage, publish; a learner takes it."""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.helpers import ARTIFACTS, log_in

PAGE = Path(__file__).resolve().parents[1] / "articles" / "library-roof.html"


def import_page(page, server):
    """From the question bank, import the saved page; land on the article check."""
    page.goto(server + "/teacher/quizzes")
    page.get_by_role("link", name="Make a quiz from an article").click()
    page.get_by_label("…or choose a file").set_input_files(str(PAGE))
    page.get_by_role("button", name="Read the article").click()
    expect(page.get_by_role("heading", name="Check the article")).to_be_visible()


def accept_first(page, label, count):
    """Accept the first `count` pending drafts of one kind (the strongest, as listed)."""
    for _ in range(count):
        card = page.locator("#pending-heading ~ ul li.draft").filter(has_text=label).first
        card.get_by_role("button", name="Accept").click()


def test_import_review_publish_and_a_learner_takes_the_quiz(browser, context, server):
    teacher = context.new_page()
    teacher.set_viewport_size({"width": 1200, "height": 900})
    log_in(teacher, server)
    import_page(teacher, server)
    slug = re.search(r"/quizzes/([^/]+)/article", teacher.url).group(1)
    text = teacher.get_by_label(re.compile("Article text")).input_value()
    assert text.startswith("Town library to reopen after roof repairs\n\nThe Millbrook")
    expect(teacher.get_by_text("Sign up for our weekly newsletter")).to_be_visible()
    teacher.get_by_role("button", name="Save and draft items").click()

    expect(teacher.get_by_role("heading", name=re.compile("Drafts to review"))).to_be_visible()
    accept_first(teacher, "Verified fact", 2)
    accept_first(teacher, "Unevidenced allegation", 2)
    expect(teacher.get_by_text("4 items: 2 facts (50%), 2 allegations")).to_be_visible()

    # Add an item of one's own: triple-click a paragraph to select it as the quote.
    paragraph = teacher.locator("#article-text p", has_text="Workers replaced 400 square metres")
    paragraph.click(click_count=3)
    quote = teacher.locator("#add").get_by_label(re.compile("^Quote from the article"))
    expect(quote).to_have_value(
        "Workers replaced 400 square metres of roofing and fixed two leaking skylights."
    )
    add = teacher.locator("#add")
    add.get_by_label("Statement").fill("Workers fixed two leaking skylights.")
    add.get_by_label("Verified fact").check()
    add.get_by_label(re.compile("^Cue \\(")).fill("Workers replaced")
    add.get_by_label("Cue type").select_option("none")
    add.get_by_label(re.compile("^Source \\(")).fill("The article, in its own voice")
    add.get_by_label("Source type").select_option("reporter")
    add.get_by_label(re.compile("^Explanation")).fill(
        "The article reports this in its own voice and no one disputes it."
    )
    add.get_by_role("button", name="Add to the quiz").click()
    expect(teacher.get_by_text("5 items: 3 facts (60%), 2 allegations")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    teacher.evaluate("window.scrollTo(0, 0)")
    teacher.screenshot(path=str(ARTIFACTS / "review.png"))  # docs/review.png is a copy

    teacher.get_by_role("button", name="Publish", exact=True).click()
    expect(teacher.get_by_text("Published. It is ready for a class session now.")).to_be_visible()
    teacher.get_by_role("link", name="Open a class session on it").click()
    expect(teacher.get_by_label("Article", exact=True)).to_have_value(slug)
    teacher.get_by_label("Title").fill("Year 8, library lesson")
    teacher.get_by_role("button", name="Open session").click()
    code = teacher.locator(".join-code").inner_text().strip()

    learner = context.browser.new_context().new_page()
    learner.goto(server + "/")
    learner.get_by_label("Join code").fill(code)
    learner.get_by_label("Your name", exact=True).fill("Lena")
    learner.get_by_role("button", name="Join").click()
    expect(learner.get_by_text("Head librarian Ana Ortiz")).to_be_visible()  # on the start page
    learner.get_by_role("link", name="Start the statements").click()
    for n in range(1, 6):
        learner.get_by_label("Verified fact", exact=True).check()
        learner.locator("label.sentence").first.click()  # the headline, as evidence
        learner.get_by_role("button", name="Check my answer").click()
        expect(learner.locator(".verdict")).to_be_visible()
        learner.get_by_role("link", name="See your results" if n == 5 else "Next statement").click()
    expect(learner.get_by_text("You were right on 3 of the 5 statements")).to_be_visible()
    learner.context.close()

    teacher.get_by_role("link", name="Go to the dashboard").click()
    row = teacher.locator("#live table.data tbody tr", has_text="Lena")
    expect(row).to_contain_text("5/5")


def test_accepting_a_draft_lands_on_the_next_one_to_review(context, server):
    teacher = context.new_page()
    teacher.set_viewport_size({"width": 1200, "height": 700})
    log_in(teacher, server)
    import_page(teacher, server)
    teacher.get_by_role("button", name="Save and draft items").click()
    expect(teacher.get_by_role("heading", name=re.compile("Drafts to review"))).to_be_visible()
    cards = teacher.locator("#pending-heading ~ ul li.draft")
    first, second = cards.nth(0).get_attribute("id"), cards.nth(1).get_attribute("id")
    cards.nth(0).get_by_role("button", name="Accept").click()
    teacher.wait_for_url(re.compile(f"/review#{second}$"))
    expect(teacher.locator(f"#{second}")).to_be_in_viewport()
    expect(teacher.get_by_role("heading", level=1)).not_to_be_in_viewport()
    expect(teacher.locator(f"#{first}")).to_contain_text("Move up")  # now in the quiz
