"""Answering with the article in view and pointing to the evidence, in Chromium: by mouse,
by keyboard alone, without JavaScript; axe on the question page at phone and laptop size."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    CHOICE_NAMES,
    check_axe,
    check_reflow,
    deciding_sentence,
    start_practice,
    tab_to,
)

LAPTOP, PHONE = {"width": 1366, "height": 768}, {"width": 375, "height": 667}


def first_question(browser, server, viewport, **options):
    """A new learner's practice attempt on its first statement; return (context, page)."""
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    start_practice(page, server)
    page.get_by_role("link", name="Start the statements").click()
    expect(page.locator(".progress-text")).to_have_text(re.compile(r"Statement 1 of \d+"))
    # Layout is read next: wait for the stylesheet too (once, read mid-load, the page was
    # still in one column on a laptop: the article at x=10, under the statement).
    page.wait_for_load_state("load")
    return context, page


def in_viewport(page, locator):
    """Whether the element lies wholly inside the visible window."""
    box, size = locator.bounding_box(), page.viewport_size
    return box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and box["x"] >= 0


def test_by_mouse_on_a_laptop_with_the_article_beside(browser, server, labels):
    context, page = first_question(browser, server, LAPTOP)
    statement = page.locator("#statement")
    article = page.locator(".article-pick")
    # Two columns: the article to the right of the statement, the button in view.
    assert article.bounding_box()["x"] > statement.bounding_box()["x"] + 300
    assert in_viewport(page, page.get_by_role("button", name="Check my answer"))
    # Before answering, nothing in the article is marked.
    expect(page.locator(".article-pick mark")).to_have_count(0)
    expect(page.locator(".sentence-pick:checked")).to_have_count(0)
    text = statement.inner_text()
    page.get_by_label(CHOICE_NAMES[labels[text]], exact=True).check()
    number = deciding_sentence(text)
    sentence = page.locator(f"label[for=sentence-{number}]")
    sentence.click()
    expect(page.locator(f"#sentence-{number}")).to_be_checked()
    words = sentence.inner_text().split()[:4]
    expect(page.locator("#evidence-echo")).to_contain_text(" ".join(words))
    # The article scrolls on its own: the button stays where it was.
    assert in_viewport(page, page.get_by_role("button", name="Check my answer"))
    page.get_by_role("button", name="Check my answer").click()
    expect(page.locator(".verdict h1")).to_contain_text("Right")
    expect(page.locator(".evidence-compare")).to_contain_text("✓ the right place")
    context.close()


def test_a_wrong_sentence_is_shown_beside_the_right_one(browser, server, labels):
    context, page = first_question(browser, server, LAPTOP)
    text = page.locator("#statement").inner_text()
    page.get_by_label(CHOICE_NAMES[labels[text]], exact=True).check()
    wrong = 0 if deciding_sentence(text) else 1
    marked = page.locator(f"label[for=sentence-{wrong}]")
    marked_text = marked.inner_text()
    marked.click()
    page.get_by_role("button", name="Check my answer").click()
    compare = page.locator(".evidence-compare")
    expect(compare).to_contain_text("✗ not this one")
    expect(compare.locator("blockquote")).to_have_text(marked_text)
    expect(page.locator("blockquote.passage mark.quote").first).to_be_visible()  # the right one
    context.close()


def test_by_keyboard_alone_on_a_phone(browser, server, labels):
    context, page = first_question(browser, server, PHONE)
    text = page.locator("#statement").inner_text()
    # On a phone the button stays in reach below the article's own scrolling box.
    assert in_viewport(page, page.get_by_role("button", name="Check my answer"))
    tab_to(page, "el.name === 'choice'")
    page.keyboard.press("Space" if labels[text] == "fact" else "ArrowDown")
    tab_to(page, "el.name === 'evidence'")
    number = deciding_sentence(text)
    for _ in range(number):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(page.locator(f"#sentence-{number}")).to_be_checked()
    expect(page.locator(f"#sentence-{number}")).to_be_focused()
    tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")
    expect(page.locator(".evidence-compare")).to_contain_text("✓ the right place")
    context.close()


def test_without_javascript_the_sentences_are_a_plain_choice(browser, server, labels):
    context, page = first_question(browser, server, PHONE, java_script_enabled=False)
    text = page.locator("#statement").inner_text()
    page.get_by_label(CHOICE_NAMES[labels[text]], exact=True).check()
    page.get_by_role("button", name="Check my answer").click()
    # Forgetting the evidence: a clear message, the verdict kept, nothing stored.
    expect(page.get_by_text("Mark the sentence of the article that decides it")).to_be_visible()
    expect(page.get_by_label(CHOICE_NAMES[labels[text]], exact=True)).to_be_checked()
    number = deciding_sentence(text)
    page.locator(f"label[for=sentence-{number}]").click()
    expect(page.locator("#evidence-echo")).to_have_text("No sentence marked yet.")  # no script
    page.get_by_role("button", name="Check my answer").click()
    expect(page.locator(".evidence-compare")).to_contain_text("✓ the right place")
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375px", "1366px"])
def test_question_page_passes_axe(browser, server, labels, viewport):
    context, page = first_question(browser, server, viewport)
    check_axe(page, "question")
    check_reflow(page, "question")
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check_axe(page, "question with errors")
    check_reflow(page, "question with errors")
    text = page.locator("#statement").inner_text()
    page.get_by_label(CHOICE_NAMES[labels[text]], exact=True).check()
    page.locator(f"label[for=sentence-{deciding_sentence(text)}]").click()
    check_axe(page, "question with a sentence marked")
    page.get_by_role("button", name="Check my answer").click()
    expect(page.locator(".evidence-compare")).to_be_visible()
    check_axe(page, "feedback with evidence")
    check_reflow(page, "feedback with evidence")
    context.close()


def test_tapping_a_sentence_on_a_phone_keeps_the_page_in_place(browser, server):
    context, page = first_question(browser, server, PHONE, has_touch=True, is_mobile=True)
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height < 4 * PHONE["height"], f"{height}px: the hidden choices stretch the page"
    box = page.locator(".article-pick")
    box.scroll_into_view_if_needed()
    box.evaluate("el => { el.scrollTop = el.scrollHeight / 2; }")
    sentence = page.locator("label.sentence").nth(12)
    sentence.scroll_into_view_if_needed()
    before = page.evaluate("() => window.scrollY")
    sentence.tap()
    expect(page.locator("#sentence-12")).to_be_checked()
    assert abs(page.evaluate("() => window.scrollY") - before) < 50
    assert in_viewport(page, sentence) and in_viewport(
        page, page.get_by_role("button", name="Check my answer")
    )
    context.close()
