"""A lesson the teacher leads, in Chromium: the teacher on the projector at 1366×768 and
three learners, each in a browser of their own (one on a phone), from the lobby to the
end. Learners' pages follow the teacher's moves by themselves (static/js/follow.js)."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import ARTIFACTS, answer_current, check_axe, check_reflow, log_in

FOLLOW = 10_000  # ms a learner's page may take to follow the teacher (it polls every 2 s)
PHONE = {"width": 375, "height": 667}


def join_lesson(browser, server, code, name, viewport=None):
    """A learner joins in a browser of their own and waits in the lobby."""
    context = browser.new_context(viewport=viewport) if viewport else browser.new_context()
    page = context.new_page()
    page.goto(server + "/")
    page.get_by_label("Join code").fill(code)
    page.get_by_label("Your name", exact=True).fill(name)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", name=f"You're in, {name}")).to_be_visible()
    return context, page


def test_a_lesson_the_teacher_leads_with_three_learners(browser, server, labels):
    teacher_context = browser.new_context(viewport={"width": 1366, "height": 768})
    teacher = teacher_context.new_page()
    log_in(teacher, server)
    teacher.get_by_label("Title").fill("Year 9, led")
    teacher.get_by_label("I lead", exact=False).check()
    teacher.get_by_label("How many statements?").fill("3")
    teacher.get_by_role("button", name="Open session").click()
    expect(teacher.get_by_role("button", name="Start the lesson")).to_be_visible()
    code = teacher.locator(".join-code").inner_text().strip()
    expect(teacher.locator(".joined-heading")).to_have_text("No one has joined yet")

    # The lobby: each name appears on the projector as its learner joins.
    learners = {}
    for name, viewport in (("Ann", PHONE), ("Ben", None), ("Cal", None)):
        learners[name] = join_lesson(browser, server, code, name, viewport)
    expect(teacher.locator(".joined-heading")).to_have_text("3 learners joined", timeout=FOLLOW)
    expect(teacher.locator(".joined-names li")).to_have_text(["Ann", "Ben", "Cal"])
    check_axe(teacher, "projector lobby")
    check_axe(learners["Ann"][1], "learner lobby on a phone")
    check_reflow(learners["Ann"][1], "learner lobby on a phone")
    ARTIFACTS.mkdir(exist_ok=True)  # docs/lobby.png is a copy of this picture
    teacher.screenshot(path=str(ARTIFACTS / "lobby.png"))
    # On a 1024×768 projector the whole lobby fits, Start button and all, warning included.
    teacher.set_viewport_size({"width": 1024, "height": 768})
    expect(teacher.locator("#reach-warning")).to_be_visible()  # the test server is loopback
    check_reflow(teacher, "lobby at 1024×768")
    start = teacher.get_by_role("button", name="Start the lesson").bounding_box()
    assert start["y"] + start["height"] <= 768, "Start is below the fold at 1024×768"
    teacher.set_viewport_size({"width": 1366, "height": 768})

    rights = {"Ann": [True, True, True], "Ben": [False, True, False], "Cal": [True, False, False]}
    for n in range(1, 4):
        if n == 1:
            teacher.get_by_role("button", name="Start the lesson").click()
        else:
            teacher.get_by_role("button", name="Next statement").click()
        expect(teacher.locator(".progress-text")).to_have_text(f"Statement {n} of 3")
        statement = teacher.locator(".projected-statement").inner_text().strip("“”")
        # Every learner's page moves to the statement by itself; each answers.
        for name, (_, page) in learners.items():
            expect(page.locator("#statement")).to_have_text(statement, timeout=FOLLOW)
            answer_current(page, labels, right=rights[name][n - 1])
            expect(page.get_by_role("heading", name="Your answer is saved")).to_be_visible()
        expect(teacher.locator(".answered-count")).to_contain_text(
            "3 of 3 learners have answered", timeout=FOLLOW
        )
        teacher.get_by_role("button", name="Show the answers").click()
        expect(teacher.get_by_role("heading", name=re.compile("^It is an? "))).to_be_visible()
        right = sum(r[n - 1] for r in rights.values())
        expect(teacher.locator(".split-right .split-figure")).to_have_text(
            f"{right} learner{'s' if right != 1 else ''} ({round(100 * right / 3)}%)"
        )
        expect(teacher.locator(".split-total")).to_have_text("Of the 3 learners who answered.")
        if n == 1:
            check_axe(teacher, "projector reveal")
            teacher.screenshot(path=str(ARTIFACTS / "reveal.png"))  # docs/reveal.png
            # On a 1024×768 projector the way on stays in view under a long reveal, and the
            # class sees no teacher menu.
            teacher.set_viewport_size({"width": 1024, "height": 768})
            expect(teacher.get_by_role("button", name="Next statement")).to_be_in_viewport()
            expect(teacher.get_by_role("button", name=re.compile("^Log out"))).to_be_hidden()
            teacher.set_viewport_size({"width": 1366, "height": 768})
        # Every learner's page shows the answer by itself: right or not, and why.
        for name, (_, page) in learners.items():
            verdict = "right" if rights[name][n - 1] else "wrong"
            expect(page.locator(f".verdict.{verdict}")).to_be_visible(timeout=FOLLOW)
        check_reflow(learners["Ann"][1], f"feedback {n} on a phone")

    # The end: the hardest statements first, learners on their results.
    teacher.get_by_role("button", name="Finish: see the hardest statements").click()
    expect(teacher.get_by_role("heading", name="That was the last statement")).to_be_visible()
    expect(teacher.locator(".hardest-figure").first).to_have_text("33% right")
    for _, page in learners.values():
        expect(page).to_have_url(re.compile(r"/results$"), timeout=FOLLOW)
    expect(learners["Ann"][1].get_by_text("right on 3 of the 3 statements")).to_be_visible()
    expect(learners["Cal"][1].get_by_text("right on 1 of the 3 statements")).to_be_visible()

    # Showing a statement again brings everyone back to it; ending closes the session.
    teacher.get_by_role("button", name=re.compile("^Show again")).first.click()
    expect(teacher.get_by_role("button", name="Back to the hardest statements")).to_be_visible()
    for _, page in learners.values():
        expect(page.locator(".verdict")).to_be_visible(timeout=FOLLOW)
    teacher.get_by_role("button", name="Back to the hardest statements").click()
    teacher.get_by_role("button", name=re.compile("^End the lesson")).click()
    expect(teacher).to_have_url(re.compile(r"/teacher/sessions/\d+$"))
    expect(teacher.get_by_text("Closed. Learners can no longer join")).to_be_visible()
    for _, page in learners.values():
        expect(page).to_have_url(re.compile(r"/results$"), timeout=FOLLOW)
    for context, _ in learners.values():
        context.close()
    teacher_context.close()
