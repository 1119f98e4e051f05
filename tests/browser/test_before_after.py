"""A lesson with a check before and after, in Chromium (issue 15): the teacher opens it,
four learners (two each way round) take the check before, the practice and the check
after, and the teacher's report shows their figures, their arrows and the sentence the
intervals call for."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import (
    ARTIFACTS,
    answer_current,
    check_axe,
    check_reflow,
    join_in_browser,
    log_in,
)

# (hits, false alarms) in each check of 5 facts and 5 allegations: before -> after.
LEARNERS = {
    "Ann": ((2, 3), (5, 0)),
    "Ben": ((3, 2), (5, 1)),
    "Cal": ((2, 2), (4, 0)),
    "Dee": ((3, 3), (5, 1)),
}
PHONE = {"width": 375, "height": 667}


def take_lesson(browser, server, code, name, before, after, labels, viewport=None):
    """A learner joins and answers every statement: in each check, `hits` facts taken as
    facts and `false_alarms` allegations taken as facts; in the practice, all rightly.
    Return the forms they took, as the page named them."""
    context = join_in_browser(browser, server, code, name, viewport)
    page = context.pages[0]
    expect(page.get_by_text("This lesson comes in three parts:")).to_be_visible()
    page.get_by_role("link", name="Start the statements").click()
    seen = {"before": {"fact": 0, "allegation": 0}, "after": {"fact": 0, "allegation": 0}}
    for n in range(1, 30):
        expect(page.locator(".question-side .progress-text")).to_contain_text(f"{n} of 29 in all")
        part = page.locator(".question-side .part-name strong").inner_text()
        statement = page.locator("#statement").inner_text()
        label = labels[statement]
        if part == "Practice":
            right = True
        else:
            which = "before" if part == "Check before the practice" else "after"
            hits, false_alarms = before if which == "before" else after
            k = seen[which][label]
            seen[which][label] += 1
            right = k < hits if label == "fact" else k >= false_alarms
            if n == 1 and viewport:
                check_reflow(page, "a check's statement on a phone")
        answer_current(page, labels, right=right, sure=None)
        if part == "Practice":  # feedback after each practice statement, and on
            expect(
                page.get_by_role("heading", name=re.compile("^(Right|Not quite)"))
            ).to_be_visible()
            page.get_by_role("link", name=re.compile("Next statement|See your results")).click()
    expect(
        page.get_by_role("heading", name="Your results come when the lesson is over")
    ).to_be_visible()
    results = page.url
    context.close()
    return results


def test_a_lesson_with_a_check_before_and_after_and_its_report(browser, server, labels):
    teacher = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(teacher, server)
    teacher.get_by_label("Title").fill("Year 9, before and after")
    teacher.get_by_label("Offer the article to read before the statements").uncheck()
    teacher.get_by_label("Ask learners how sure they are").uncheck()
    teacher.get_by_label("Ask learners to mark the sentence", exact=False).uncheck()
    teacher.get_by_label("Yes: a short check, then practice", exact=False).check()
    teacher.get_by_role("button", name="Open session").click()
    code = teacher.locator(".join-code").inner_text().strip()
    dashboard = teacher.url.replace("/projector", "")
    try:
        lesson_and_report(browser, server, labels, teacher, code, dashboard)
    finally:  # an open lesson with checks keeps practice on the article waiting: close it
        teacher.goto(dashboard)
        close = teacher.get_by_role("button", name="Close session")
        if close.count():
            close.click()
            expect(teacher.get_by_role("button", name="Reopen session")).to_be_visible()


def lesson_and_report(browser, server, labels, teacher, code, dashboard):
    """Four learners take the lesson; the teacher reads the report and closes the session;
    the learners' results then compare their checks."""
    results = {}
    for name, (before, after) in LEARNERS.items():
        viewport = PHONE if name == "Ann" else None
        results[name] = take_lesson(browser, server, code, name, before, after, labels, viewport)

    teacher.goto(dashboard)
    teacher.get_by_role("link", name="Before and after").click()
    expect(teacher.get_by_role("heading", name="Did the lesson work?")).to_be_visible()
    expect(teacher.locator("#verdict")).to_have_text(
        "The class got better at telling facts from allegations."
    )
    rows = teacher.locator("#change-learners tbody tr")
    expect(rows).to_have_count(4)
    orders = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(4)]
    assert sorted(orders) == ["A then B", "A then B", "B then A", "B then A"]
    for i, (name, (before, after)) in enumerate(LEARNERS.items()):
        b, a = before[0] + 5 - before[1], after[0] + 5 - after[1]
        expect(rows.nth(i)).to_contain_text(f"{name} ")
        expect(rows.nth(i)).to_contain_text(f"{b}/10 → {a}/10")
    expect(teacher.locator(".arrow-group")).to_have_count(4)
    check_axe(teacher, "before-and-after report")
    ARTIFACTS.mkdir(exist_ok=True)  # docs/before-after.png is a copy of this picture
    teacher.screenshot(path=str(ARTIFACTS / "before-after.png"), full_page=True)

    # The lesson over, each learner's results compare their two checks in plain words.
    teacher.goto(dashboard)
    teacher.get_by_role("button", name="Close session").click()
    expect(teacher.get_by_text("Closed. Learners can no longer join or answer.")).to_be_visible()
    learner = browser.new_context(viewport=PHONE).new_page()
    for name, (before, after) in LEARNERS.items():
        learner.goto(results[name])
        expect(learner.get_by_role("heading", name="Before and after the practice")).to_be_visible()
        b, a = before[0] + 5 - before[1], after[0] + 5 - after[1]
        expect(learner.locator("#before-after")).to_contain_text(
            f"Before the practice you got {b} of 10 right; after it, {a} of 10."
        )
    check_reflow(learner, "before-and-after results on a phone")
    learner.context.close()
