"""A learner on a phone, in Chromium: at 320 and 375 px wide and at 200% zoom, the question,
its feedback and the results fit the screen without sideways scrolling, the answer cards
are big enough for a thumb, the way on is in reach without scrolling past the article,
each result says in words what was answered and what was right, and axe finds nothing
serious."""

import re
from html import unescape

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    CHOICE_NAMES,
    check_axe,
    check_reflow,
    deciding_sentence,
    start_practice,
)
from tests.http_learner import CSRF, ITEM, STATEMENT

MIN_TAP = 44  # px: WCAG 2.5.5's target size, which the 48 px cards clear
SCREENS = pytest.mark.parametrize(
    ("viewport", "scale"),
    [
        ({"width": 320, "height": 568}, 2),
        ({"width": 375, "height": 667}, 2),
        # 200% zoom of a 1366×768 laptop: half as many CSS pixels, each drawn twice as big.
        ({"width": 683, "height": 384}, 2),
    ],
    ids=["320px", "375px", "200% zoom"],
)
PHONE_WIDTH = 480  # px: at most this wide, "Next statement" waits at the bottom of the screen
ROW = re.compile(
    r"You said (Verified fact|Unevidenced allegation) — "
    r"(right ✓|it is an? (Verified fact|Unevidenced allegation) ✗)"
)


def box(locator):
    """The element's box on screen, as {x, y, width, height}."""
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not rendered"
    return found


def in_viewport(page, locator):
    """Whether the element lies wholly inside the visible window."""
    b, size = box(locator), page.viewport_size
    return b["y"] >= 0 and b["y"] + b["height"] <= size["height"] and b["x"] >= 0


def comes_before(first, second):
    """Whether the first element comes before the second in the page's reading order."""
    return first.evaluate(
        "(a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
        second.element_handle(),
    )


def check_cards(page, group):
    """Every card of a radio group is its radio button's label, tall enough to tap, and
    holds its radio button; tapping a card far from the button chooses it, and the chosen
    card shows a check mark (not only a colour)."""
    cards = page.locator(f".answer-cards:has([name={group}]) .choice label")
    assert cards.count() >= 2
    for n in range(cards.count()):
        card = cards.nth(n)
        radio = page.locator(f"#{card.get_attribute('for')}")
        outer, inner = box(card), box(radio)
        assert outer["height"] >= MIN_TAP, f"{group} card {n}: {outer['height']} px tall"
        assert (
            outer["x"] <= inner["x"] and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
        )
        assert (
            outer["y"] <= inner["y"]
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"]
        )
    last = cards.nth(cards.count() - 1)
    last.click(position={"x": box(last)["width"] - 8, "y": box(last)["height"] / 2})
    expect(page.locator(f"#{last.get_attribute('for')}")).to_be_checked()
    marks = [
        cards.nth(n).evaluate("el => getComputedStyle(el, '::after').content") for n in (0, -1)
    ]
    assert marks == ["none", '"✓"'], marks


def answer_by_request(page, server, labels, token, position):
    """Answer one statement rightly over HTTP, with the page's own cookies, as its form would
    (the walk through the screens needs the first and last statements only)."""
    address = f"{server}/a/{token}/q/{position}"
    body = page.request.get(address).text()
    statement = unescape(STATEMENT.search(body).group(2).strip())
    form = {
        "csrf_token": CSRF.search(body).group(1),
        "item": ITEM.search(body).group(1),
        "choice": labels[statement],
        "evidence": str(deciding_sentence(statement)),
    }
    assert page.request.post(address, form=form, max_redirects=0).status == 302


def check_question(page, labels, right):
    """The question page on a small screen: fits, big cards, the button in reach; answer it."""
    check_reflow(page, "question")
    button = page.get_by_role("button", name="Check my answer")
    assert in_viewport(page, button), "Check my answer is off screen before any scrolling"
    assert box(button)["height"] >= MIN_TAP
    check_cards(page, "choice")
    check_cards(page, "confidence")
    statement = page.locator("#statement").inner_text()
    label = labels[statement]
    choice = label if right else ("allegation" if label == "fact" else "fact")
    page.get_by_label(CHOICE_NAMES[choice], exact=True).check()
    page.locator(f"label[for=sentence-{deciding_sentence(statement)}]").click()
    # However far the page scrolled to the sentence, the button is still on screen.
    assert in_viewport(page, button), "Check my answer scrolled off screen"
    check_axe(page, "question on a small screen")
    # At the very end of the page the button sits below the article, covering none of it.
    page.locator(".site-footer").scroll_into_view_if_needed()
    article = box(page.locator(".article-side"))
    assert box(button)["y"] >= article["y"] + article["height"]
    button.click()
    expect(page.locator(".verdict")).to_be_visible()


def check_feedback(page, name):
    """The feedback page on a small screen: fits, and the way on comes before the passage."""
    check_reflow(page, "feedback")
    onward = page.get_by_role("link", name=name)
    passage = page.locator("section.evidence")
    assert comes_before(onward, passage), f"{name} comes after the passage"
    assert box(onward)["y"] < box(passage)["y"]
    assert box(onward)["height"] >= MIN_TAP
    if page.viewport_size["width"] <= PHONE_WIDTH:
        assert in_viewport(page, onward), f"{name} is off screen before any scrolling"
    check_axe(page, "feedback on a small screen")
    onward.click()


@SCREENS
def test_a_quiz_on_a_small_screen(browser, server, labels, viewport, scale):
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    start_practice(page, server, name="Pocket")
    check_reflow(page, "start")
    start = page.get_by_role("link", name="Start the statements")
    assert box(start)["height"] >= MIN_TAP
    start.click()
    expect(page).to_have_url(re.compile(r"/q/1$"))
    token = page.url.rsplit("/a/", 1)[1].split("/")[0]
    check_question(page, labels, right=False)
    check_feedback(page, "Next statement")
    # The next statement was on the page already: the feedback makes way for it, with no
    # request and no new address (a refresh there shows the feedback and the statement).
    expect(page.locator("#feedback-part")).to_be_hidden()
    expect(page.locator(".question-side .progress-text")).to_have_text("Statement 2 of 29")
    expect(page).to_have_url(re.compile(r"/q/1$"))
    for position in range(2, 29):
        answer_by_request(page, server, labels, token, position)
    page.goto(f"{server}/a/{token}/q/29")
    expect(page.locator(".progress-text")).to_have_text("Statement 29 of 29")
    check_question(page, labels, right=True)
    check_feedback(page, "See your results")

    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    check_reflow(page, "results")
    check_axe(page, "results on a small screen")
    expect(page.get_by_text("You were right on 28 of the 29 statements")).to_be_visible()
    rows = page.locator("ol.review-list > li")
    expect(rows).to_have_count(29)
    verdicts = [rows.nth(n).locator(".review-verdict").inner_text() for n in range(29)]
    assert all(ROW.fullmatch(v.strip()) for v in verdicts), verdicts
    assert sum(v.endswith("✗") for v in verdicts) == 1
    # How sure, in words, on the two rows answered on screen (the last card, "Certain").
    expect(rows.get_by_text("You were certain.")).to_have_count(2)
    context.close()
