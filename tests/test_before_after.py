"""A lesson with a check before and after (issue 15): the scoring of docs/scoring.md's
"Before and after" with its test vector, the parallel forms, a learner's way through the
three parts, the teacher's report and its sentence, the check opened later, the exports."""

import csv
import io
import re
from datetime import timedelta
from statistics import fmean

import pytest

from app import scoring
from app.models import (
    FORM_SIZE,
    Attempt,
    ClassSession,
    FormsTooSmall,
    Item,
    Quiz,
    Response,
    split_forms,
)
from tests.helpers import (
    SLUG,
    add_teacher,
    answer,
    attempt_items,
    join,
    log_in,
    new_session,
    text_of,
    token_of,
)

# docs/scoring.md, "Before and after": five learners, each form 5 facts and 5 allegations,
# before -> after as (hits, false alarms).
VECTOR = [((3, 2), (4, 1)), ((4, 3), (4, 1)), ((2, 2), (3, 1)), ((5, 3), (5, 2)), ((3, 1), (3, 0))]


def changes(pairs, per_kind=5):
    return [
        scoring.Change(
            scoring.detection_from_counts(per_kind, per_kind, *before),
            scoring.detection_from_counts(per_kind, per_kind, *after),
        )
        for before, after in pairs
    ]


def test_the_specs_test_vector():
    found = changes(VECTOR)
    assert [round(c.sensitivity, 4) for c in found] == [0.9281, 0.8849, 0.8849, 0.4209, 0.7085]
    assert [round(c.bias, 4) for c in found] == [0.0, 0.4425, 0.0216, 0.2104, 0.3543]
    d = scoring.mean_interval([c.sensitivity for c in found])
    c = scoring.mean_interval([c.bias for c in found])
    assert (round(d.mean, 4), round(d.low, 4), round(d.high, 4)) == (0.7655, 0.5043, 1.0267)
    assert (round(c.mean, 4), round(c.low, 4), round(c.high, 4)) == (0.2057, -0.0382, 0.4497)
    assert scoring.change_verdict(d, c) == "better"
    assert scoring.CHANGE_SENTENCES["better"] == (
        "The class got better at telling facts from allegations."
    )


@pytest.mark.parametrize(
    ("df", "t"), [(1, 12.7062), (2, 4.3027), (4, 2.7764), (10, 2.2281), (30, 2.0423), (120, 1.9799)]
)
def test_t_quantiles_match_the_tables(df, t):
    assert round(scoring.t_quantile(0.975, df), 4) == t


def test_the_sentence_follows_the_intervals_never_the_means_alone():
    # Everyone answers "allegation" more after, telling them apart no better: sceptical.
    sceptical = changes([((4, 4), (2, 2)), ((4, 3), (2, 1)), ((3, 3), (2, 2)), ((5, 4), (3, 2))])
    d = scoring.mean_interval([c.sensitivity for c in sceptical])
    c = scoring.mean_interval([c.bias for c in sceptical])
    assert d.low <= 0 <= d.high and c.low > 0
    assert scoring.change_verdict(d, c) == "sceptical"
    # The mirror image: believing more of everything.
    credulous = changes(
        [
            (after, before)
            for before, after in [
                ((4, 4), (2, 2)),
                ((4, 3), (2, 1)),
                ((3, 3), (2, 2)),
                ((5, 4), (3, 2)),
            ]
        ]
    )
    d = scoring.mean_interval([c.sensitivity for c in credulous])
    c = scoring.mean_interval([c.bias for c in credulous])
    assert scoring.change_verdict(d, c) == "credulous"
    # Two learners who improved a lot: a mean, but no interval, so no claim.
    two = changes(VECTOR[:2])
    d = scoring.mean_interval([c.sensitivity for c in two])
    assert d.mean > 0.8 and d.low is None
    assert scoring.change_verdict(d, scoring.mean_interval([c.bias for c in two])) == "unclear"
    # A class that moved both ways: the mean is up, the interval contains 0.
    mixed = changes([((2, 3), (5, 0)), ((5, 0), (2, 3)), ((3, 2), (4, 1))])
    d = scoring.mean_interval([c.sensitivity for c in mixed])
    assert d.mean > 0 and d.low < 0 < d.high
    assert scoring.change_verdict(d, scoring.mean_interval([c.bias for c in mixed])) == "unclear"


def test_a_learners_own_change_in_plain_words():
    better, same = changes([((2, 3), (5, 0)), ((3, 2), (3, 2))])
    words = scoring.learner_change_sentences(better)
    assert words[0] == "Before the practice you got 4 of 10 right; after it, 10 of 10."
    assert "You got better at telling facts from allegations." in words
    assert "about as well as before" in " ".join(scoring.learner_change_sentences(same))
    (doubting,) = changes([((4, 4), (2, 2))])
    assert "You doubted more statements than before, facts included." in (
        scoring.learner_change_sentences(doubting)
    )


# The parallel forms --------------------------------------------------------------------


def test_the_first_articles_bank_splits_into_two_forms_of_ten_and_a_practice(app):
    with app.app_context():
        quiz = Quiz.get(Quiz.slug == SLUG)
        labels = dict(Item.active_in(quiz).select(Item.id, Item.label).tuples())
        for _ in range(20):
            forms = split_forms(quiz.id)
            a, b, practice = forms["A"], forms["B"], forms["practice"]
            assert len(a) == len(b) == FORM_SIZE >= 10
            assert not set(a) & set(b) and not (set(a) | set(b)) & set(practice)
            assert sorted(a + b + practice) == sorted(labels)
            for form in (a, b):
                assert sum(labels[i] == "fact" for i in form) == FORM_SIZE // 2


def test_forms_are_matched_for_difficulty_when_earlier_classes_answered_them(app):
    with app.app_context():
        quiz = Quiz.get(Quiz.slug == SLUG)
        labels = dict(Item.active_in(quiz).select(Item.id, Item.label).tuples())
        ids = sorted(labels)
        # Distinct difficulties from easy to hard. Dealt in pairs of neighbours, each kind's
        # chosen statements, sorted by difficulty, alternate between the forms pair by pair:
        # the 1st and 2nd easiest in different forms, the 3rd and 4th, and so on.
        difficulty = {item: n / len(ids) for n, item in enumerate(ids)}
        for _ in range(30):
            forms = split_forms(quiz.id, difficulty=difficulty)
            form_of = {i: "A" for i in forms["A"]} | {i: "B" for i in forms["B"]}
            for kind in ("fact", "allegation"):
                chosen = sorted((i for i in form_of if labels[i] == kind), key=difficulty.get)
                pairs = list(zip(chosen[0::2], chosen[1::2], strict=True))
                assert all(form_of[a] != form_of[b] for a, b in pairs)
            gap = abs(
                fmean(difficulty[i] for i in forms["A"]) - fmean(difficulty[i] for i in forms["B"])
            )
            assert gap <= 0.2  # at most one step between neighbours, ten pairs


def test_a_quiz_too_small_for_two_forms_says_so_and_opens_nothing(small):
    app, _ = small
    client = app.test_client()
    log_in(client, "ada")
    with app.app_context():
        before = ClassSession.select().count()
        with pytest.raises(FormsTooSmall):
            split_forms(Quiz.get().id)
    response = client.post(
        "/teacher/sessions",
        data={"title": "Check", "quiz": "bridge", "feedback": "each", "check": "now"},
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "A check before and after needs two forms of 5 facts and 5 allegations" in page
    with app.app_context():
        assert ClassSession.select().count() == before


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"pace": "teacher"}, "A check before and after is for learners going at their own pace"),
        ({"item_count": "12"}, "A check before and after uses every statement"),
        ({"feedback": "end"}, "the practice shows feedback after each statement"),
    ],
)
def test_a_check_before_and_after_refuses_options_it_cant_keep(app, teacher, options, message):
    data = {"title": "Y9", "quiz": SLUG, "feedback": "each", "check": "now", **options}
    response = teacher.post("/teacher/sessions", data=data)
    assert response.status_code == 400
    assert message in text_of(response)
    with app.app_context():
        assert not ClassSession.select().where(ClassSession.check_forms.is_null(False)).exists()


# A learner's way through ------------------------------------------------------------------


def parts_of(app, token):
    with app.app_context():
        attempt = Attempt.get(Attempt.token == token)
        forms = attempt.session.forms
        return attempt.form_order, forms, attempt.part_ends


def test_half_the_class_takes_each_order_and_each_gets_form_practice_form(app, teacher):
    _, code = new_session(teacher, check="now")
    orders = []
    for name in ("Ann", "Ben", "Cal", "Dee"):
        token = token_of(join(app.test_client(), code, name))
        order, forms, (before, practice) = parts_of(app, token)
        with app.app_context():
            ids = Attempt.get(Attempt.token == token).item_ids
        assert sorted(ids[:before]) == sorted(forms[order[0]])
        assert sorted(ids[before:practice]) == sorted(forms["practice"])
        assert sorted(ids[practice:]) == sorted(forms[order[1]])
        orders.append(order)
    assert sorted(orders) == ["AB", "AB", "BA", "BA"]


def answer_part(client, app, token, items, positions, hits=None, false_alarms=None):
    """Answer the statements at these positions: with `hits` and `false_alarms`, that many
    facts taken as facts and allegations taken as facts; else all rightly."""
    facts = allegations = 0
    for n in positions:
        item = items[n - 1]
        if hits is None:
            choice = item.label
        elif item.label == "fact":
            choice = "fact" if facts < hits else "allegation"
            facts += 1
        else:
            choice = "fact" if allegations < false_alarms else "allegation"
            allegations += 1
        response = answer(client, token, n, item, choice, marked=None)
        assert response.status_code == 302, text_of(response)
        yield n, response


def take_lesson(app, code, name, before=None, after=None):
    """A learner joins and does the whole lesson, with (hits, false alarms) in each check."""
    client = app.test_client()
    token = token_of(join(client, code, name))
    items = attempt_items(app, token)
    _, _, (end_before, end_practice) = parts_of(app, token)
    b, a = before or (None, None), after or (None, None)
    list(answer_part(client, app, token, items, range(1, end_before + 1), *b))
    list(answer_part(client, app, token, items, range(end_before + 1, end_practice + 1)))
    list(answer_part(client, app, token, items, range(end_practice + 1, len(items) + 1), *a))
    return client, token


def test_the_checks_give_no_feedback_and_the_practice_does(app, teacher):
    session_id, code = new_session(teacher, check="now")
    client = app.test_client()
    token = token_of(join(client, code, "Ann"))
    items = attempt_items(app, token)
    _, _, (end_before, end_practice) = parts_of(app, token)
    assert "three parts" in text_of(client.get(f"/a/{token}"))
    page = text_of(client.get(f"/a/{token}/q/1"))
    assert "Check before the practice · no feedback here" in page
    assert f"Statement 1 of {end_before} in this part" in page
    # A check: straight on to the next statement, and the answered one shows no verdict.
    response = answer(client, token, 1, items[0], items[0].label, marked=None)
    assert response.location.endswith(f"/a/{token}/q/2")
    saved = text_of(client.get(f"/a/{token}/q/1"))
    assert "right" not in saved.lower().split("your answer")[0] or "✓" not in saved
    assert items[0].explanation not in saved
    list(answer_part(client, app, token, items, range(2, end_before + 1)))
    # The practice: feedback after each statement.
    page = text_of(client.get(f"/a/{token}/q/{end_before + 1}"))
    assert "Practice" in page and "no feedback here" not in page
    item = items[end_before]
    response = answer(client, token, end_before + 1, item, item.label, marked=None)
    assert response.location.endswith(f"/q/{end_before + 1}")
    assert item.explanation in text_of(client.get(response.location))
    list(answer_part(client, app, token, items, range(end_before + 2, end_practice + 1)))
    page = text_of(client.get(f"/a/{token}/q/{end_practice + 1}"))
    assert "Check after the practice · no feedback here" in page
    list(answer_part(client, app, token, items, range(end_practice + 1, len(items) + 1)))
    # Until the lesson is over, no score: one learner's check before is another's check
    # after, and a score changed by one answer gives that answer away.
    results = text_of(client.get(f"/a/{token}/results"))
    assert "Your results come when the lesson is over" in results
    assert "of 10 right" not in results and "You were right on" not in results
    assert items[0].explanation not in text_of(client.get(f"/a/{token}/q/1"))
    teacher.post(f"/teacher/sessions/{session_id}/close")
    results = text_of(client.get(f"/a/{token}/results"))
    assert "Before the practice you got 10 of 10 right; after it, 10 of 10." in results
    assert items[0].explanation in text_of(client.get(f"/a/{token}/q/1"))


def test_the_check_after_can_wait_for_the_teacher(app, teacher):
    session_id, code = new_session(teacher, check="later")
    client = app.test_client()
    token = token_of(join(client, code, "Ann"))
    items = attempt_items(app, token)
    _, _, (end_before, end_practice) = parts_of(app, token)
    list(answer_part(client, app, token, items, range(1, end_practice + 1)))
    waiting = text_of(client.get(f"/a/{token}"))
    assert "You've done the check and the practice" in waiting
    # Nothing of the check after can be seen or answered yet.
    assert client.get(f"/a/{token}/q/{end_practice + 1}").location.endswith(f"/a/{token}")
    response = answer(client, token, end_practice + 1, items[end_practice], "fact", marked=None)
    assert response.location.endswith(f"/a/{token}")
    with app.app_context():
        assert Response.select().join(Attempt).where(Attempt.token == token).count() == end_practice
    # Another teacher can't open it; this one can.
    other = app.test_client()
    add_teacher(app, "bob")
    log_in(other, "bob")
    assert other.post(f"/teacher/sessions/{session_id}/after").status_code == 404
    assert "Open the check after the practice" in text_of(
        teacher.get(f"/teacher/sessions/{session_id}")
    )
    response = teacher.post(f"/teacher/sessions/{session_id}/after")
    assert response.status_code == 302
    # The learner carries on: from their page, or by joining again under the same name.
    again = token_of(join(client, code, "Ann"))
    assert again == token
    page = text_of(client.get(f"/a/{token}/q/{end_practice + 1}"))
    assert "Check after the practice" in page
    list(answer_part(client, app, token, items, range(end_practice + 1, len(items) + 1)))
    teacher.post(f"/teacher/sessions/{session_id}/close")
    assert "Before the practice you got" in text_of(client.get(f"/a/{token}/results"))


# The teacher's report ------------------------------------------------------------------


def report_page(teacher, session_id):
    return text_of(teacher.get(f"/teacher/sessions/{session_id}/before-after"))


def test_the_report_follows_the_spec_for_a_class_that_got_better(app, teacher):
    session_id, code = new_session(teacher, check="now", ask_evidence="")
    for n, (before, after) in enumerate(VECTOR):
        take_lesson(app, code, f"Learner {n + 1}", before, after)
    page = report_page(teacher, session_id)
    assert "The class got better at telling facts from allegations." in page
    assert "From 5 learners who did both checks" in page
    # Δd′ and Δc with the spec's intervals, as the page rounds them.
    assert "0.77 0.50 to 1.03" in page
    assert "0.21 −0.04 to 0.45" in page
    # Each learner's row: the score before → after and the change in d′.
    # Learner 1, (3, 2) -> (4, 1): 3 facts taken as facts and 3 allegations doubted, then 4 and 4
    assert re.search(
        r"Learner 1 [AB] then [AB] both checks done — 6/10 → 8/10 \+20 points 0\.42 → 1\.35 "
        r"0\.93",
        page,
    )
    assert page.count("both checks done") == 5


def test_a_class_that_only_learns_to_say_allegation_is_called_sceptical(app, teacher):
    session_id, code = new_session(teacher, check="now", ask_evidence="")
    for n, (before, after) in enumerate(
        [((4, 4), (2, 2)), ((4, 3), (2, 1)), ((3, 3), (2, 2)), ((5, 4), (3, 2))]
    ):
        take_lesson(app, code, f"Learner {n + 1}", before, after)
    html = teacher.get(f"/teacher/sessions/{session_id}/before-after").get_data(as_text=True)
    verdict = re.search(r'<p class="big-number" id="verdict">(.*?)</p>', html).group(1)
    assert verdict == (
        "The class became more sceptical, not more discerning: it doubts more of everything."
    )


def test_the_report_is_the_teachers_own_and_only_for_a_lesson_with_checks(app, teacher):
    session_id, _ = new_session(teacher, check="now")
    plain_id, _ = new_session(teacher, title="Plain")
    assert teacher.get(f"/teacher/sessions/{plain_id}/before-after").status_code == 404
    other = app.test_client()
    add_teacher(app, "bob")
    log_in(other, "bob")
    assert other.get(f"/teacher/sessions/{session_id}/before-after").status_code == 404
    assert "No arrows yet" in report_page(teacher, session_id)
    assert "Before and after" in text_of(teacher.get(f"/teacher/sessions/{session_id}"))


def test_the_answers_csv_says_which_part_and_form_each_answer_belongs_to(app, teacher):
    session_id, code = new_session(teacher, check="now", ask_evidence="")
    _, token = take_lesson(app, code, "Ann")
    with app.app_context():
        attempt = Attempt.get(Attempt.token == token)
        order, (before, practice) = attempt.form_order, attempt.part_ends
        keys = {i.id: i.key for i in Item.select()}
        expected = {}
        for n, item_id in enumerate(attempt.item_ids, 1):
            part = "before" if n <= before else "practice" if n <= practice else "after"
            form = {"before": order[0], "after": order[1]}.get(part, "")
            expected[keys[item_id]] = (part, form)
    body = teacher.get(f"/teacher/sessions/{session_id}/responses.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 29
    assert {r["item_id"]: (r["part"], r["form"]) for r in rows} == expected
    attempts = teacher.get(f"/teacher/sessions/{session_id}/attempts.csv").get_data(as_text=True)
    assert list(csv.DictReader(io.StringIO(attempts)))[0]["form_order"] == order


# What the hostile review found ---------------------------------------------------------


def test_practice_on_the_quiz_waits_while_a_lesson_with_checks_is_open(app, teacher):
    session_id, _ = new_session(teacher, check="now")
    response = app.test_client().post("/practice", data={"quiz": SLUG, "name": "Sly"})
    assert response.status_code == 409
    with app.app_context():
        assert not Attempt.select().join(ClassSession).where(ClassSession.is_practice).exists()
    teacher.post(f"/teacher/sessions/{session_id}/close")
    assert app.test_client().post("/practice", data={"quiz": SLUG}).status_code == 302


def test_closing_between_the_checks_keeps_their_answers_hidden(app, teacher):
    session_id, code = new_session(teacher, check="later", ask_evidence="")
    client = app.test_client()
    token = token_of(join(client, code, "Ben"))
    items = attempt_items(app, token)
    _, _, (end_before, end_practice) = parts_of(app, token)
    list(answer_part(client, app, token, items, range(1, end_practice + 1)))
    teacher.post(f"/teacher/sessions/{session_id}/close")
    first = items[0]
    assert first.explanation not in text_of(client.get(f"/a/{token}/q/1"))
    assert first.explanation not in text_of(client.get(f"/a/{token}/results"))
    article = text_of(client.get(f"/a/{token}/article?item=1"))
    assert first.explanation not in article
    # The practice's feedback stays where it was.
    assert items[end_before].explanation in text_of(client.get(f"/a/{token}/q/{end_before + 1}"))
    # Reopened a week on, the second check done, the lesson closed: now they are shown.
    teacher.post(f"/teacher/sessions/{session_id}/reopen")
    teacher.post(f"/teacher/sessions/{session_id}/after")
    list(answer_part(client, app, token, items, range(end_practice + 1, len(items) + 1)))
    assert first.explanation not in text_of(client.get(f"/a/{token}/q/1"))  # still open
    teacher.post(f"/teacher/sessions/{session_id}/close")
    assert first.explanation in text_of(client.get(f"/a/{token}/q/1"))


def test_back_on_another_device_a_learner_carries_on_with_their_code(app, teacher):
    session_id, code = new_session(teacher, check="later", ask_evidence="")
    token = token_of(join(app.test_client(), code, "Cara"))
    client = app.test_client()  # the first device: does the check and the practice
    client.get(f"/a/{token}")
    items = attempt_items(app, token)
    _, _, (_, end_practice) = parts_of(app, token)
    list(answer_part(client, app, token, items, range(1, end_practice + 1)))
    waiting = text_of(client.get(f"/a/{token}"))
    carry_on = re.search(r"Your carry-on code: ([A-Z0-9]{6})", waiting).group(1)
    assert carry_on in report_page(teacher, session_id)
    teacher.post(f"/teacher/sessions/{session_id}/after")
    other = app.test_client()  # a week on, another computer
    asked = join(other, code, "cara")
    assert asked.status_code == 200 and "Carry on, Cara?" in text_of(asked)
    wrong = other.post("/join", data={"code": code, "name": "Cara", "carry_on": "AAAAAA"})
    assert wrong.status_code == 400 and "That carry-on code isn't right" in text_of(wrong)
    right = other.post("/join", data={"code": code, "name": "Cara", "carry_on": carry_on.lower()})
    assert token_of(right) == token
    assert "Check after the practice" in text_of(other.get(f"/a/{token}/q/{end_practice + 1}"))
    # Someone else with the name starts their own, numbered.
    third = app.test_client()
    own = third.post("/join", data={"code": code, "name": "Cara", "someone_else": "1"})
    assert token_of(own) != token
    with app.app_context():
        assert Attempt.select().where(Attempt.session == session_id).count() == 2


def test_a_class_that_clearly_got_worse_is_told_so():
    worse = changes([((5, 0), (3, 2)), ((5, 1), (2, 2)), ((4, 0), (3, 3)), ((5, 0), (2, 1))])
    d = scoring.mean_interval([c.sensitivity for c in worse])
    assert d.high < 0
    verdict = scoring.change_verdict(d, scoring.mean_interval([c.bias for c in worse]))
    assert scoring.CHANGE_SENTENCES[verdict] == (
        "The class got worse at telling facts from allegations."
    )


def test_names_joined_and_left_unused_do_not_tip_the_orders(app, teacher):
    session_id, code = new_session(teacher, check="now")
    for n in range(4):
        token_of(join(app.test_client(), code, f"zz{n}"))
    with app.app_context():
        for attempt in Attempt.select():
            attempt.started_at -= timedelta(minutes=11)
            attempt.save()
    orders = []
    for name in ("Ann", "Ben"):
        token = token_of(join(app.test_client(), code, name))
        orders.append(parts_of(app, token)[0])
    assert sorted(orders) == ["AB", "BA"]


def test_the_statements_come_in_their_order(app, teacher):
    _, code = new_session(teacher, check="now", ask_evidence="")
    client = app.test_client()
    token = token_of(join(client, code, "Ann"))
    items = attempt_items(app, token)
    _, _, (end_before, _) = parts_of(app, token)
    practice = items[end_before]
    response = answer(client, token, end_before + 1, practice, practice.label, marked=None)
    assert response.location.endswith(f"/a/{token}")
    with app.app_context():
        assert not Response.select().join(Attempt).where(Attempt.token == token).exists()
    # A check's saved page says what a check is, not that answers come at the end; the
    # same answer sent twice (a second tab) is kept once.
    answer(client, token, 1, items[0], "fact", marked=None)
    again = answer(client, token, 1, items[0], "allegation", marked=None)
    assert again.location.endswith(f"/a/{token}/q/1?already=1")
    with app.app_context():
        kept = Response.select().join(Attempt).where(Attempt.token == token)
        assert [r.choice for r in kept] == ["fact"]
    saved = text_of(client.get(f"/a/{token}/q/1"))
    assert "This is one of the two checks, so it doesn't say whether you were right." in saved


def test_practice_waits_between_the_checks_even_with_the_session_closed(app, teacher):
    session_id, _ = new_session(teacher, check="later")
    teacher.post(f"/teacher/sessions/{session_id}/close")  # a week between the checks
    assert app.test_client().post("/practice", data={"quiz": SLUG}).status_code == 409
    teacher.post(f"/teacher/sessions/{session_id}/reopen")
    teacher.post(f"/teacher/sessions/{session_id}/after")
    assert app.test_client().post("/practice", data={"quiz": SLUG}).status_code == 409
    teacher.post(f"/teacher/sessions/{session_id}/close")  # the lesson is over
    assert app.test_client().post("/practice", data={"quiz": SLUG}).status_code == 302


def test_practice_waits_on_a_copy_of_the_article_too(app, teacher):
    session_id, _ = new_session(teacher, check="now")
    with app.app_context():
        original = Quiz.get(Quiz.slug == SLUG)
        copy = Quiz.create(
            slug="a-copy",
            title="A copy",
            headline=original.headline,
            publisher=original.publisher,
            article=original.article,
            status=original.status,
        )
        for item in Item.active_in(original):
            Item.create(**{**item.__data__, "id": None, "quiz": copy.id})
    assert app.test_client().post("/practice", data={"quiz": "a-copy"}).status_code == 409


def test_carry_on_codes_cant_be_guessed_and_any_text_is_refused_plainly(app, teacher):
    session_id, code = new_session(teacher, check="later")
    first = token_of(join(app.test_client(), code, "Dana"))
    second = token_of(
        app.test_client().post("/join", data={"code": code, "name": "Dana", "someone_else": "1"})
    )
    with app.app_context():
        from app.student.routes import carry_on_code

        codes = {t: carry_on_code(Attempt.get(Attempt.token == t)) for t in (first, second)}
    other = app.test_client()
    for odd in ("JAA4MÉ", "ü", "２２２２２２"):
        response = other.post("/join", data={"code": code, "name": "Dana", "carry_on": odd})
        assert response.status_code == 400, odd
    # The second Dana, typing "Dana" on another device, carries on with her own code.
    response = other.post("/join", data={"code": code, "name": "Dana", "carry_on": codes[second]})
    assert token_of(response) == second
    # Past the limit of wrong codes, even the right one is refused for a while.
    guesser = app.test_client()
    for _ in range(60):
        guesser.post("/join", data={"code": code, "name": "Dana", "carry_on": "AAAAAA"})
    refused = guesser.post("/join", data={"code": code, "name": "Dana", "carry_on": codes[first]})
    assert refused.status_code == 400 and "Too many wrong codes from here" in text_of(refused)
