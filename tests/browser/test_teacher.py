"""A teacher in Chromium: log in, open a session, watch three learners answer live."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.browser.helpers import (
    ARTIFACTS,
    answer_current,
    join_in_browser,
    learner_answers,
    open_session,
)


def test_dashboard_shows_three_learners_live(browser, context, server, labels):
    teacher = context.new_page()
    teacher.set_viewport_size({"width": 1200, "height": 900})
    code = open_session(teacher, server, "Year 9, period 3")
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code)
    expect(teacher.locator(".qr svg")).to_be_visible()
    teacher.get_by_role("link", name="Go to the dashboard").click()
    expect(teacher.get_by_text("No one has joined yet")).to_be_visible()
    dashboard_url = teacher.url

    # Three learners: all 29 right; 16 answered (so surely both kinds), 15 right; all
    # answered, 19 right.
    learners = [
        ("Amira", [True] * 29),
        ("Ben", [True] * 15 + [False]),
        ("Chloé", [n % 3 != 0 for n in range(29)]),
    ]
    contexts = [
        learner_answers(browser, server, code, name, labels, rights) for name, rights in learners
    ]

    # No reload: the dashboard's script brings them in.
    assert teacher.url == dashboard_url
    table = teacher.locator("#live table.data tbody")
    expect(table.locator("tr")).to_have_count(3, timeout=15_000)

    def row(name):
        # By the name cell: the three browsers share this machine's address, so each row
        # also names the others ("same address as …").
        name_cell = teacher.locator("td:nth-child(2)", has_text=re.compile(rf"^\s*{name}"))
        return table.locator("tr", has=name_cell)

    expect(row("Amira")).to_contain_text("29/29")
    expect(row("Amira")).to_contain_text("100%")
    expect(row("Ben")).to_contain_text("16/29")
    expect(row("Ben")).to_contain_text("94%")
    expect(row("Chloé")).to_contain_text("29/29")
    expect(row("Chloé")).to_contain_text("66%")
    expect(row("Ben")).to_contain_text("same address as Amira and Chloé")
    expect(teacher.get_by_text("3 learners, 2 finished")).to_be_visible()
    expect(teacher.locator("svg.chart circle")).to_have_count(3)
    ARTIFACTS.mkdir(exist_ok=True)  # docs/dashboard.png is a copy of this picture
    teacher.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    teacher.get_by_role("link", name="Item analysis").click()
    expect(teacher.get_by_role("heading", name="Fact items")).to_be_visible()
    expect(teacher.get_by_role("heading", name="Allegation items")).to_be_visible()
    for learner in contexts:
        learner.close()


def test_teacher_ticks_renames_and_removes_learners_while_the_dashboard_holds_still(
    browser, context, server
):
    teacher = context.new_page()
    teacher.set_viewport_size({"width": 1024, "height": 768})
    code = open_session(teacher, server, "Year 8, period 1")
    teacher.get_by_role("link", name="Go to the dashboard").click()
    learners = [join_in_browser(browser, server, code, "Throwaway")]
    rows = teacher.locator("#live table.data tbody tr")
    expect(rows).to_have_count(1, timeout=15_000)

    # Ticking holds the live part still (and says so) ...
    teacher.get_by_label("Tick Throwaway").check()
    expect(teacher.locator("#live-paused")).to_be_visible(timeout=10_000)
    learners.append(join_in_browser(browser, server, code, "Sam"))
    teacher.wait_for_timeout(5_000)  # more than a refresh's interval
    expect(rows).to_have_count(1)
    expect(teacher.get_by_label("Tick Throwaway")).to_be_checked()
    # ... and unticking lets it go on, though the box keeps the focus the click gave it.
    teacher.get_by_label("Tick Throwaway").uncheck()
    expect(rows).to_have_count(2, timeout=10_000)
    expect(teacher.locator("#live-paused")).to_be_hidden()

    # Rename Sam; a name another learner has is refused beside the field.
    def row(name):
        return rows.filter(
            has=teacher.locator("td.learner-name", has_text=re.compile(rf"^\s*{name}"))
        )

    row("Sam").locator("summary").click()
    row("Sam").get_by_label("New name").fill("throwaway")
    row("Sam").get_by_role("button", name="Save name").click()
    expect(teacher.get_by_text("Another learner in this class is already called")).to_be_visible()
    row("Sam").get_by_label("New name").fill("Sam K.")
    row("Sam").get_by_role("button", name="Save name").click()
    expect(teacher.get_by_text("Renamed “Sam” to “Sam K.”")).to_be_visible()

    # Remove the throwaway, after a page that names them.
    teacher.get_by_label("Tick Throwaway").check()
    teacher.get_by_role("button", name="Remove selected…").click()
    expect(teacher.get_by_role("heading", name="Remove 1 learner?")).to_be_visible()
    teacher.get_by_role("button", name="Remove this learner and their answers").click()
    expect(teacher.get_by_text("Removed Throwaway")).to_be_visible()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Sam K.")
    for learner in learners:
        learner.close()


def test_a_close_mid_quiz_lands_the_learner_on_their_results_so_far(
    browser, context, server, labels
):
    teacher = context.new_page()
    code = open_session(teacher, server, "Closing early")
    learner = join_in_browser(browser, server, code, "Dana")
    page = learner.pages[0]
    page.get_by_role("link", name="Start the statements").click()
    for _ in range(2):
        answer_current(page, labels)
        expect(page.locator(".verdict")).to_be_visible()
        page.get_by_role("link", name="Next statement").click()
        expect(page.locator("#feedback-part")).to_be_hidden()
    # The third statement is on screen, a choice made, when the teacher closes the session.
    page.get_by_label("Verified fact", exact=True).check()
    teacher.get_by_role("link", name="Go to the dashboard").click()
    expect(teacher).to_have_url(re.compile(r"/teacher/sessions/\d+$"))
    teacher.get_by_role("button", name="Close session").click()
    expect(teacher.get_by_text("Closed. Learners can no longer join")).to_be_visible()
    page.get_by_role("button", name="Check my answer").click()
    expect(page).to_have_url(re.compile(r"/results$"))
    expect(page.get_by_text("Your teacher closed this session before that answer")).to_be_visible()
    expect(page.locator("#closed-early")).to_contain_text("You answered 2 of 29 statements")
    expect(page.get_by_text("You were right on 2 of the 2 statements")).to_be_visible()
    learner.close()


NEW_YORK = "America/New_York"


def in_new_york(stamp):
    """A <time datetime="…Z"> moment as New York's clock shows it."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(ZoneInfo(NEW_YORK))


def test_dashboard_in_local_time_on_one_line_and_on_paper(browser, server, labels):
    context = browser.new_context(
        timezone_id=NEW_YORK, locale="en-US", viewport={"width": 1366, "height": 768}
    )
    teacher = context.new_page()
    code = open_session(teacher, server, "Printing class")
    rights = [n % 2 == 0 for n in range(12)]  # 12 answered, 6 wrong: a report still on a page
    learner = learner_answers(browser, server, code, "Eve", labels, rights)
    teacher.get_by_role("link", name="Go to the dashboard").click()
    expect(teacher).to_have_url(re.compile(r"/teacher/sessions/\d+$"))
    expect(teacher.get_by_role("heading", name="Printing class")).to_be_visible()

    # Times come in UTC and are shown in the browser's time zone, named.
    opened = teacher.locator("p.meta time[data-local='date-time']")
    expect(opened).to_have_attribute("data-localised", "")
    local = in_new_york(opened.get_attribute("datetime"))
    expect(opened).to_have_text(
        re.compile(rf"{local:%b} {local.day}, {local.year}\D+{local:%-I:%M} [AP]M E[SD]T")
    )
    expect(opened).to_have_attribute("title", re.compile(r" UTC$"))
    # The live part's time too, in each refreshed copy.
    updated = teacher.locator("#updated time")
    expect(updated).to_have_attribute("data-localised", "")
    expect(updated).to_have_text(re.compile(r"^\d{1,2}:\d\d:\d\d [AP]M E[SD]T$"))

    # At 1366 px the header is as wide as the page, and the actions keep to one line each.
    header, main = (teacher.locator(s).bounding_box() for s in ("header.site-header", "main"))
    assert abs(header["width"] - main["width"]) < 1 and abs(header["x"] - main["x"]) < 1
    boxes = [
        teacher.locator(".dashboard-actions").get_by_role(role, name=name).bounding_box()
        for role, name in [
            ("link", "Item analysis"),
            ("button", "Close session"),
            ("link", "Delete…"),
        ]
    ]
    assert len({round(box["height"]) for box in boxes}) == 1, boxes  # none wraps in itself
    assert len({round(box["y"]) for box in boxes}) == 1, boxes  # and all share one row

    # On paper: the figures and the table, without navigation, buttons or live controls.
    expect(teacher.locator("#live table.data tbody tr")).to_have_count(1)
    teacher.emulate_media(media="print")
    for hidden in (
        teacher.get_by_role("navigation", name="Teacher"),
        teacher.get_by_role("button", name="Close session"),
        teacher.get_by_role("link", name="Item analysis"),
        teacher.get_by_label("Tick Eve"),
        teacher.get_by_role("button", name="Remove selected…"),
        teacher.locator("details.rename summary"),
    ):
        expect(hidden).to_be_hidden()
    expect(teacher.locator("#live table.data")).to_be_visible()
    expect(teacher.get_by_role("heading", name="The class")).to_be_visible()
    teacher.emulate_media(media="screen")
    expect(teacher.get_by_role("navigation", name="Teacher")).to_be_visible()

    # Eve's own report, from her row: plain words, and one printed page.
    teacher.get_by_role("link", name="Report on Eve").click()
    expect(teacher.get_by_role("heading", name="Eve: how they did")).to_be_visible()
    expect(teacher.get_by_text("6 of 12 right")).to_be_visible()
    expect(teacher.get_by_role("heading", name="Statements to go over")).to_be_visible()
    expect(teacher.locator(".to-go-over li")).to_have_count(6)
    teacher.emulate_media(media="print")
    expect(teacher.get_by_role("link", name="Back to the dashboard")).to_be_hidden()
    expect(teacher.get_by_role("navigation", name="Teacher")).to_be_hidden()
    pdf = teacher.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    learner.close()
    context.close()
