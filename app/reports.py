"""Database rows -> the figures a page shows (the maths is in scoring.py).

A learner's figures come one way, whichever page shows them: the database sums their
answers (`_sums_by_attempt`) and `_figures` turns the sums into scoring's figures, for the
results page (`attempt_report`), the dashboard's rows and the CSV (`session_report`)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from peewee import JOIN, Case, fn

from app import scoring
from app.db import Prepared, db
from app.models import Attempt, ClassSession, Item, Quiz, Response
from app.words import (
    AFTER,
    BEFORE,
    FACT,
    FORM_ORDERS,
    KIND_HEADINGS,
    KIND_NAMES,
    LABELS,
    PRACTICE,
)


@dataclass
class ReviewRow:
    """One item of an attempt as the results page lists it."""

    position: int
    item: Item
    response: Response | None
    key_shown: bool = True  # whether the page may say which kind the statement is


@dataclass
class AttemptReport:
    """Everything the results page shows about one attempt."""

    answered: int
    total: int
    correct: int
    detection: scoring.Detection
    calibration: scoring.Calibration
    evidence: scoring.Evidence
    lean: str | None  # None until answers of each kind reach lean_needs_each
    discernment: str | None
    confidence: str | None  # how sure against how often right, in words
    review: list
    lean_needs_each: int = scoring.LEAN_NEEDS_EACH
    change: scoring.Change | None = None  # a check before and after, once both are done


def responses_by_item(attempt):
    """Return {item id: Response} for an attempt, in one query."""
    return {r.item_id: r for r in Response.select().where(Response.attempt == attempt)}


def attempt_report(attempt, key_upto=None):
    """Score an attempt (by the same path as its row on the dashboard) and list every item
    with its answer, in the learner's order. Each row says whether the learner may see its
    kind: for the first `key_upto` statements (a lesson the teacher leads: those the class
    has been shown), else for those answered, and every one once the attempt is finished.
    A statement left unanswered in a session that may yet reopen keeps its secret. With
    checks before and after a practice done, the report has the learner's change from one
    to the other (the results page shows none of it before the lesson is over)."""
    sums = _sums_by_attempt(Response.attempt == attempt.id).get(attempt.id, NO_ANSWERS)
    detection, calibration, evidence = _figures(sums)
    responses = responses_by_item(attempt)
    items = {i.id: i for i in Item.select().where(Item.id.in_(attempt.item_ids))}

    review = [ReviewRow(n, items[i], responses.get(i)) for n, i in enumerate(attempt.item_ids, 1)]
    for row in review:
        row.key_shown = (
            row.position <= key_upto
            if key_upto is not None
            else row.response is not None or attempt.is_finished
        )
    return AttemptReport(
        answered=detection.answered,
        total=len(attempt.item_ids),
        correct=detection.correct,
        detection=detection,
        calibration=calibration,
        evidence=evidence,
        lean=scoring.learner_lean_sentence(detection),
        discernment=scoring.discernment_sentence(detection.discernment),
        confidence=scoring.confidence_sentence(calibration.overconfidence),
        review=review,
        change=_change(attempt, review),
    )


def _change(attempt, review):
    """A learner's before and after (scoring.Change), once both checks are answered in
    full; else None."""
    if attempt.form_order is None:
        return None
    answers = defaultdict(list)
    for row in review:
        if row.response is not None:
            answers[attempt.part_at(row.position)].append(
                scoring.Answer(row.item.label == FACT, row.response.choice == FACT)
            )
    return _change_of(answers, attempt)


def _change_of(answers, attempt):
    """scoring.Change from a learner's answers by part, once both checks are answered in
    full; else None."""
    if any(len(answers[part]) < _part_size(attempt, part) for part in (BEFORE, AFTER)):
        return None
    return scoring.Change(scoring.detection(answers[BEFORE]), scoring.detection(answers[AFTER]))


def _part_size(attempt, part):
    first, last = attempt.part_bounds(part)
    return last - first + 1


@dataclass
class LearnerRow:
    """One participant as the live dashboard lists them."""

    attempt: Attempt
    answered: int
    total: int
    detection: scoring.Detection
    calibration: scoring.Calibration
    evidence: scoring.Evidence
    lean: str | None
    last_activity: datetime
    # "same browser as Throwaway", "same address as Ann and Bo": see joined_alike().
    notes: list = field(default_factory=list)


@dataclass
class ItemRow:
    """One item's figures for a class session (docs/scoring.md, per item)."""

    item: Item
    answers: int
    p: float | None
    endorsement: float | None
    r: float | None
    mean_confidence: float | None
    evidence_rate: float | None
    flags: list


@dataclass
class GroupRow:
    """Items grouped by a property (kind, cue type, source type), with pooled figures."""

    name: str
    items: int
    answers: int
    p: float | None
    endorsement: float | None


@dataclass
class SessionReport:
    """Everything the teacher's dashboard and item analysis show about one session."""

    learners: list
    complete: int
    mean_score: float | None
    mean_discernment: float | None
    mean_sensitivity: float | None
    mean_bias: float | None
    lean: str | None
    false_alarms: int
    allegation_answers: int
    misses: int
    fact_answers: int
    calibration: scoring.Calibration
    evidence: scoring.Evidence
    kr20: float | None
    # What the figures count: learners with an answer (the mean score's), learners with
    # answers of both kinds (mean D, d′ and c), and every answer of the session.
    with_answers: int = 0
    with_both_kinds: int = 0
    answers: int = 0
    correct_answers: int = 0
    # Evidence columns: when the session asks for it, or answers carry it all the same.
    show_evidence: bool = False
    items: list = field(default_factory=list)
    # The items split by kind for the item analysis: [(kind, heading, rows)].
    items_by_kind: list = field(default_factory=list)
    by_kind: list = field(default_factory=list)
    by_cue_type: list = field(default_factory=list)
    by_source_type: list = field(default_factory=list)
    # What a page makes from the report and keeps with it, for as long as a live report is
    # kept unchanged (see live_report): the dashboard's chart, as HTML.
    made: dict = field(default_factory=dict, repr=False, compare=False)


def session_report(class_session, item_analysis=True):
    """All figures for a class session, in a fixed number of queries whatever its size.

    Learners' figures come from sums the database adds up per attempt, so a refresh of
    the live dashboard reads one row per learner, not one per answer. The per-item
    analysis (which needs every answer) is left out when not asked for.
    """
    attempts = list(
        Attempt.select().where(Attempt.session == class_session).order_by(Attempt.started_at)
    )
    sums = _sums_by_attempt(Attempt.session == class_session)
    notes = joined_alike(attempts)
    learners = [_learner_row(a, sums.get(a.id, NO_ANSWERS), notes[a.id]) for a in attempts]
    detections = [row.detection for row in learners if row.answered]
    pooled = [
        sum(column)
        for column in zip(
            *[
                (s.rated, s.probability, s.rated_correct, s.squared_error, s.confident_errors)
                for s in sums.values()
            ],
            strict=True,
        )
    ]
    report = SessionReport(
        learners=learners,
        complete=sum(a.is_finished for a in attempts),
        mean_score=scoring.mean_defined(d.score for d in detections),
        mean_discernment=scoring.mean_defined(d.discernment for d in detections),
        mean_sensitivity=scoring.mean_defined(d.sensitivity for d in detections),
        mean_bias=scoring.mean_defined(d.bias for d in detections),
        lean=None,
        false_alarms=sum(d.false_alarms for d in detections),
        allegation_answers=sum(d.n_alleg for d in detections),
        misses=sum(d.misses for d in detections),
        fact_answers=sum(d.n_fact for d in detections),
        calibration=scoring.calibration_from_sums(*(pooled or [0, 0.0, 0, 0.0, 0])),
        evidence=scoring.evidence_from_counts(
            sum(s.marked for s in sums.values()),
            sum(s.evidence_hits for s in sums.values()),
            sum(s.right_and_hit for s in sums.values()),
        ),
        kr20=_kr20(class_session, learners),
    )
    report.lean = scoring.lean_sentence(report.mean_bias, subject="This class")
    report.with_answers = len(detections)
    report.with_both_kinds = sum(d.discernment is not None for d in detections)
    report.answers = sum(d.answered for d in detections)
    report.correct_answers = sum(d.correct for d in detections)
    report.show_evidence = class_session.ask_evidence or bool(report.evidence.marked)
    if item_analysis:
        items = {i.id: i for i in Item.select().where(Item.quiz == class_session.quiz_id)}
        answered = _answers_by_attempt(class_session, items)
        complete = [a for a in attempts if a.is_finished]
        _item_analysis(report, items, answered, *_score_matrix(answered, complete))
    return report


LIVE_KEPT = 64  # sessions whose live report a process keeps
_live_kept = {}  # (database, session id) -> (fingerprint, report)


def live_report(class_session):
    """session_report(class_session, item_analysis=False), kept in this process for as long
    as nothing it shows has changed. The dashboard refreshes every few seconds, mostly with
    no new answer since the last time; reading who is in the session and how many answers
    they gave costs far less than every learner's sums (a 500-learner session: some
    milliseconds against a hundred). Exact across processes: the fingerprint is read from
    the database each time."""
    key = (id(db.obj), class_session.id)
    fingerprint = _live_fingerprint(class_session)
    kept = _live_kept.get(key)
    if kept is not None and kept[0] == fingerprint:
        return kept[1]
    report = session_report(class_session, item_analysis=False)
    while len(_live_kept) >= LIVE_KEPT:  # the oldest kept first out
        _live_kept.pop(next(iter(_live_kept)), None)
    _live_kept[key] = (fingerprint, report)
    return report


LIVE_LEARNERS = Prepared(
    lambda session_id: (
        Attempt.select(Attempt.id, Attempt.display_name, Attempt.finished_at)
        .where(Attempt.session == session_id)
        .order_by(Attempt.id)
        .tuples()
    )
)
LIVE_ANSWERS = Prepared(
    lambda session_id: (
        Response.select(fn.COUNT(Response.id), fn.MAX(Response.id))
        .join(Attempt)
        .where(Attempt.session == session_id)
        .tuples()
    )
)


def _live_fingerprint(class_session):
    """What a live report depends on: the session's settings, its learners (names, and
    whether finished), and its answers (how many, and the latest)."""
    learners = tuple(LIVE_LEARNERS.run(class_session.id))
    answers = LIVE_ANSWERS.first(class_session.id)
    settings = tuple(sorted((k, v) for k, v in class_session.__data__.items()))
    return settings, learners, answers


class LearnerSums(NamedTuple):
    """What one attempt's answers add up to, as the database sums them."""

    n_fact: int
    n_alleg: int
    hits: int
    false_alarms: int
    rated: int
    probability: float
    rated_correct: int
    squared_error: float
    confident_errors: int
    marked: int
    evidence_hits: int
    right_and_hit: int
    last_answer: datetime | None


NO_ANSWERS = LearnerSums(0, 0, 0, 0, 0, 0.0, 0, 0.0, 0, 0, 0, 0, None)


def _count(condition):
    """SQL: how many rows of the group meet the condition."""
    return fn.SUM(Case(None, [(condition, 1)], 0))


def _sums_by_attempt(condition):
    """{attempt id: LearnerSums} for the attempts whose answers meet the condition (on
    Response or Attempt: one attempt, or a session's), in one GROUP BY query."""
    is_fact, said_fact = Item.label == FACT, Response.choice == FACT
    levels = scoring.CONFIDENCE_PROBABILITY
    probability = fn.SUM(Case(Response.confidence, list(levels.items()), 0.0))
    squared_error = fn.SUM(
        Case(
            None,
            [
                (
                    (Response.confidence == level) & (Response.correct == right),
                    scoring.brier_term(level, right),
                )
                for level in levels
                for right in (True, False)
            ],
            0.0,
        )
    )
    confident_error = Response.confidence.in_(scoring.CONFIDENT_LEVELS) & ~Response.correct
    query = (
        Response.select(
            Response.attempt,
            _count(is_fact),
            _count(~is_fact),
            _count(is_fact & said_fact),
            _count(~is_fact & said_fact),
            _count(Response.confidence.is_null(False)),
            probability,
            _count(Response.confidence.is_null(False) & Response.correct),
            squared_error,
            _count(confident_error),
            _count(Response.evidence_hit.is_null(False)),
            _count(Response.evidence_hit),
            _count(Response.evidence_hit & Response.correct),
            fn.MAX(Response.answered_at),
        )
        .join(Item)
        .switch(Response)
        .join(Attempt)
        .where(condition)
        .group_by(Response.attempt)
        .tuples()
    )
    return {row[0]: LearnerSums(*row[1:]) for row in query}


def _kr20(class_session, learners):
    """KR-20 over the session's complete attempts, from each item's proportion right among
    them and their totals."""
    complete = [row for row in learners if row.attempt.is_finished]
    item_p = (
        Response.select(fn.AVG(Case(None, [(Response.correct, 1.0)], 0.0)))
        .join(Attempt)
        .where((Attempt.session == class_session) & Attempt.finished_at.is_null(False))
        .group_by(Response.item)
        .tuples()
    )
    totals = [row.detection.correct for row in complete]
    return scoring.kr20_from_stats([float(p) for (p,) in item_p], totals)


def _answers_by_attempt(class_session, items):
    """{attempt id: [(item id, Answer)]} for a session, in one query.

    The rows are read raw from the cursor: for a class of hundreds this is the dashboard's
    largest cost, and none of these columns needs Peewee's conversion.
    """
    query = (
        Response.select(
            Response.attempt,
            Response.item,
            Response.choice,
            Response.confidence,
            Response.evidence_hit,
        )
        .join(Attempt)
        .where(Attempt.session == class_session)
    )
    is_fact = {item_id: item.is_fact for item_id, item in items.items()}
    answered = defaultdict(list)
    for attempt_id, item_id, choice, confidence, hit in db.execute(query):
        hit = None if hit is None else bool(hit)  # SQLite hands back 0 and 1
        answer = scoring.Answer(is_fact[item_id], choice == FACT, confidence, hit)
        answered[attempt_id].append((item_id, answer))
    return answered


def _figures(sums):
    """A learner's (detection, calibration, evidence) figures from their attempt's sums."""
    return (
        scoring.detection_from_counts(sums.n_fact, sums.n_alleg, sums.hits, sums.false_alarms),
        scoring.calibration_from_sums(
            sums.rated,
            sums.probability,
            sums.rated_correct,
            sums.squared_error,
            sums.confident_errors,
        ),
        scoring.evidence_from_counts(sums.marked, sums.evidence_hits, sums.right_and_hit),
    )


def _learner_row(attempt, sums, notes):
    """One participant's progress and figures, from their attempt's sums."""
    detection, calibration, evidence = _figures(sums)
    return LearnerRow(
        attempt=attempt,
        answered=detection.answered,
        total=len(attempt.item_ids),
        detection=detection,
        calibration=calibration,
        evidence=evidence,
        lean=scoring.lean_word(detection.bias),
        last_activity=sums.last_answer or attempt.started_at,
        notes=notes,
    )


# More learners than this on one network address are a school's network, where everyone
# shares the router's address: saying so beside each name would be noise, not a tell.
ADDRESS_HANDFUL = 4


def joined_alike(attempts):
    """{attempt id: notes} naming the session's other learners who joined from the same
    browser ("same browser as Throwaway"), or from the same network address in another
    browser ("same address as Ann and Bo") when at most a handful share that address.

    The browser is the random id of the learner cookie; the address a keyed digest of it
    (Attempt.origin). A private window or "This isn't me" gives a new browser id, which the
    address can still give away outside a school's network.
    """
    by_browser, by_origin = defaultdict(list), defaultdict(list)
    for attempt in attempts:
        if attempt.browser:
            by_browser[attempt.browser].append(attempt)
        if attempt.origin:
            by_origin[attempt.origin].append(attempt)
    notes = {}
    for attempt in attempts:
        browser = [a for a in by_browser.get(attempt.browser, []) if a.id != attempt.id]
        crowd = by_origin.get(attempt.origin, [])
        address = [
            a
            for a in (crowd if len(crowd) <= ADDRESS_HANDFUL else [])
            if a.id != attempt.id and a not in browser
        ]
        notes[attempt.id] = [
            f"same {what} as {names_in_words(others)}"
            for what, others in (("browser", browser), ("address", address))
            if others
        ]
    return notes


def names_in_words(attempts, most=3):
    """'Ann', 'Ann and Bo', 'Ann, Bo and Cy', or 'Ann, Bo, Cy and 4 others'."""
    names = [a.display_name or "(no name)" for a in attempts]
    if len(names) > most + 1:
        names = [*names[:most], f"{len(names) - most} others"]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def learners_chosen(class_session, attempt_ids):
    """The session's learners with these attempt ids, each with how many answers they gave,
    in the order they joined: what a teacher confirms before removing them."""
    answers = fn.COUNT(Response.id)
    query = (
        Attempt.select(Attempt, answers.alias("answers"))
        .join(Response, JOIN.LEFT_OUTER)
        .where((Attempt.session == class_session) & Attempt.id.in_(attempt_ids))
        .group_by(Attempt)
        .order_by(Attempt.started_at, Attempt.id)
    )
    return list(query)


def _score_matrix(answered, complete):
    """The 0/1 matrix (complete attempts x their common items) and its item ids.

    Complete attempts share their items unless one was retired mid-session: the common set.
    """
    columns = sorted(set.intersection(*(set(a.item_ids) for a in complete)) if complete else [])
    matrix = []
    for attempt in complete:
        correct = {item_id: answer.correct for item_id, answer in answered[attempt.id]}
        matrix.append([int(correct[item_id]) for item_id in columns])
    return matrix, columns


def _item_analysis(report, items, answered, matrix, columns):
    """Fill in per-item figures (discrimination over complete attempts) and the groups."""
    by_item = defaultdict(list)
    for rows in answered.values():
        for item_id, answer in rows:
            by_item[item_id].append(answer)
    r_by_item = dict(zip(columns, scoring.item_discrimination(matrix), strict=True))
    rows = [_item_row(items[i], by_item[i], r_by_item.get(i)) for i in by_item]
    rows.sort(key=lambda row: (row.p is None, row.p if row.p is not None else 0, row.item.position))
    report.items = rows
    report.items_by_kind = [
        (kind, KIND_HEADINGS[kind], [r for r in rows if r.item.label == kind]) for kind in LABELS
    ]
    report.by_kind = _groups(rows, lambda i: KIND_NAMES[i.label])
    report.by_cue_type = _groups(rows, lambda i: i.cue_type)
    report.by_source_type = _groups(rows, lambda i: i.source_type)


def _item_row(item, answers, r):
    """One item's difficulty, endorsement, discrimination and mean confidence."""
    p = scoring.proportion([a.correct for a in answers])
    levels = [a.confidence for a in answers if a.confidence is not None]
    evidence_rate = scoring.evidence(answers).rate
    return ItemRow(
        item=item,
        answers=len(answers),
        p=p,
        endorsement=scoring.proportion([a.said_fact for a in answers]),
        r=r,
        mean_confidence=scoring.mean_defined(levels),
        evidence_rate=evidence_rate,
        flags=scoring.item_flags(p, r, evidence_rate),
    )


def _groups(rows, key):
    """Pool item rows by a property of their item, weighting every answer equally."""
    groups = defaultdict(list)
    for row in rows:
        groups[key(row.item)].append(row)
    result = []
    for name, members in sorted(groups.items()):
        n = sum(m.answers for m in members)
        correct = sum(m.p * m.answers for m in members if m.p is not None)
        said_fact = sum(m.endorsement * m.answers for m in members if m.endorsement is not None)
        result.append(
            GroupRow(
                name, len(members), n, correct / n if n else None, said_fact / n if n else None
            )
        )
    return result


def session_list(teacher_id):
    """A teacher's class sessions, newest first, each with its quiz and learner counts."""
    return list(
        ClassSession.select(
            ClassSession,
            Quiz,
            fn.COUNT(Attempt.id).alias("learners"),
            fn.COUNT(Attempt.finished_at).alias("finished"),
        )
        .join(Quiz)
        .switch(ClassSession)
        .join(Attempt, JOIN.LEFT_OUTER)
        .where(ClassSession.teacher == teacher_id)
        .group_by(ClassSession, Quiz)
        .order_by(ClassSession.created_at.desc(), ClassSession.id.desc())
    )


def quiz_list(teacher_id):
    """Every quiz a teacher may use (everyone's and their own, drafts included), with its
    number of published items and of facts; the teacher's own first."""
    facts = fn.SUM(Case(None, [(Item.label == FACT, 1)], 0))
    return list(
        Quiz.select(
            Quiz, fn.COUNT(Item.id).alias("n_items"), fn.COALESCE(facts, 0).alias("n_facts")
        )
        .join(Item, JOIN.LEFT_OUTER, on=(Item.quiz == Quiz.id) & Item.active)
        .where(Quiz.usable_by(teacher_id))
        .group_by(Quiz)
        .order_by(Quiz.owner.is_null(), Quiz.title)
    )


PRACTICE_ROWS_MAX = 200  # the latest link attempts a quiz's page lists


@dataclass
class LinkPractice:
    """The practice attempts made through a quiz's practice link, as the quiz page lists them."""

    rows: list  # LearnerRow, newest first, at most PRACTICE_ROWS_MAX
    total: int


def link_practice(quiz):
    """The attempts learners made through the quiz's practice link (app/student/
    practice_link.py), newest first, with their figures. They are the quiz's practice
    attempts that record the browser and address they came from: the teacher's own
    try-outs record neither, and the home page offers practice on everyone's quizzes only,
    never on a teacher's."""
    through_link = (
        Attempt.select(Attempt.id)
        .join(ClassSession)
        .where(
            (ClassSession.quiz == quiz) & ClassSession.is_practice & Attempt.origin.is_null(False)
        )
    )
    total = through_link.count()
    attempts = list(
        Attempt.select()
        .where(Attempt.id.in_(through_link))
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        .limit(PRACTICE_ROWS_MAX)
    )
    sums = _sums_by_attempt(Attempt.id.in_([a.id for a in attempts]))
    rows = [_learner_row(a, sums.get(a.id, NO_ANSWERS), []) for a in attempts]
    return LinkPractice(rows=rows, total=total)


RESPONSE_COLUMNS = (
    "learner",
    "attempt",
    "item_id",
    "item_version",
    "statement",
    "kind",
    "answer",
    "correct",
    "confidence",
    "evidence",
    "evidence_hit",
    "cue_type",
    "source_type",
    "answered_at",
    "part",
    "form",
)
ATTEMPT_COLUMNS = (
    "learner",
    "attempt",
    "answered",
    "total",
    "finished",
    "score",
    "score_percent",
    "allegations_taken_as_facts",
    "allegations_answered",
    "allegations_taken_as_facts_percent",
    "facts_doubted",
    "facts_answered",
    "facts_doubted_percent",
    "discernment",
    "d_prime",
    "bias_c",
    "lean",
    "mean_confidence_probability",
    "mean_confidence_percent",
    "overconfidence",
    "brier",
    "confident_errors",
    "evidence_marked",
    "evidence_rate",
    "evidence_rate_percent",
    "right_for_right_reason",
    "right_for_right_reason_percent",
    "started_at",
    "last_activity",
    "form_order",
)


def responses_table(class_session):
    """Every answer of a session as rows for export, in the order they were given."""
    query = (
        Response.select(Response, Attempt, Item)
        .join(Attempt)
        .switch(Response)
        .join(Item)
        .where(Attempt.session == class_session)
        .order_by(Response.answered_at, Response.id)
    )
    parts = {}  # attempt id -> {item id: part}, for a lesson with a check before and after
    for r in query:
        attempt = r.attempt
        if attempt.form_order and attempt.id not in parts:
            attempt.session = class_session
            parts[attempt.id] = attempt.item_parts()
        part = parts.get(attempt.id, {}).get(r.item_id)
        yield {
            "learner": r.attempt.display_name,
            "attempt": r.attempt.id,
            "item_id": r.item.key,
            "item_version": r.item.version,
            "statement": r.item.statement,
            "kind": r.item.label,
            "answer": r.choice,
            "correct": int(r.correct),
            "confidence": r.confidence if r.confidence is not None else "",
            "evidence": r.evidence if r.evidence is not None else "",
            "evidence_hit": "" if r.evidence_hit is None else int(r.evidence_hit),
            "cue_type": r.item.cue_type,
            "source_type": r.item.source_type,
            "answered_at": r.answered_at.isoformat(timespec="seconds"),
            "part": part or "",
            "form": (attempt.form_of(part) or "") if part else "",
        }


def as_percent(fraction):
    """A fraction as a percentage for a spreadsheet: 0.55172 -> "55.2"; None stays None."""
    return None if fraction is None else f"{fraction * 100:.1f}"


def attempts_table(report):
    """One row per learner with every figure, for export; undefined figures are blank.
    Each share is there as a fraction and, in the *_percent column beside it, a percentage."""
    for row in report.learners:
        d, c, e = row.detection, row.calibration, row.evidence
        yield {
            "learner": row.attempt.display_name,
            "attempt": row.attempt.id,
            "answered": row.answered,
            "total": row.total,
            "finished": int(row.attempt.is_finished),
            "score": d.score,
            "score_percent": as_percent(d.score),
            "allegations_taken_as_facts": d.false_alarms,
            "allegations_answered": d.n_alleg,
            "allegations_taken_as_facts_percent": as_percent(d.false_alarm_rate),
            "facts_doubted": d.misses,
            "facts_answered": d.n_fact,
            "facts_doubted_percent": as_percent(d.misses / d.n_fact if d.n_fact else None),
            "discernment": d.discernment,
            "d_prime": d.sensitivity,
            "bias_c": d.bias,
            "lean": row.lean,
            "mean_confidence_probability": c.mean_probability,
            "mean_confidence_percent": as_percent(c.mean_probability),
            "overconfidence": c.overconfidence,
            "brier": c.brier,
            "confident_errors": c.confident_errors,
            "evidence_marked": e.marked,
            "evidence_rate": e.rate,
            "evidence_rate_percent": as_percent(e.rate),
            "right_for_right_reason": e.right_reason,
            "right_for_right_reason_percent": as_percent(e.right_reason),
            "started_at": row.attempt.started_at.isoformat(timespec="seconds"),
            "last_activity": row.last_activity.isoformat(timespec="seconds"),
            "form_order": row.attempt.form_order or "",
        }


@dataclass
class ChangeRow:
    """One learner of a lesson with a check before and after, as its report lists them."""

    attempt: Attempt
    form_order: str
    answered: dict  # part -> answers given in it
    totals: dict  # part -> statements in it
    change: scoring.Change | None  # once both checks are answered in full
    evidence: dict  # BEFORE/AFTER -> scoring.Evidence of that check


@dataclass
class ChangeReport:
    """docs/scoring.md, "Before and after": each learner's change, the class's mean changes
    with their 95% intervals, the sentence they call for, and the evidence rate of each
    check where learners marked sentences."""

    rows: list
    score: scoring.Interval
    sensitivity: scoring.Interval
    bias: scoring.Interval
    verdict: str
    sentence: str
    evidence: dict  # BEFORE/AFTER -> the class's pooled scoring.Evidence
    forms: dict  # "A"/"B"/"practice" -> number of statements
    orders: dict  # "AB"/"BA" -> learners who did both checks that way round
    form_scores: dict  # "A"/"B" -> their mean share right on that form, before or after

    @property
    def done(self):
        """The learners who finished both checks."""
        return [r for r in self.rows if r.change is not None]


def change_report(class_session):
    """The before-and-after report of a class session with checks (ClassSession.forms)."""
    forms = class_session.forms
    attempts = list(
        Attempt.select()
        .where((Attempt.session == class_session.id) & Attempt.form_order.is_null(False))
        .order_by(Attempt.display_name)
    )
    answers = defaultdict(lambda: defaultdict(list))  # attempt id -> part -> [Answer]
    query = (
        Response.select(
            Response.attempt, Response.item, Response.choice, Response.evidence_hit, Item.label
        )
        .join(Item)
        .switch(Response)
        .join(Attempt)
        .where(Attempt.session == class_session.id)
    )
    part_of = {}
    for attempt in attempts:
        attempt.session = class_session
        part_of[attempt.id] = attempt.item_parts()
    for attempt_id, item_id, choice, hit, label in query.tuples():
        part = part_of.get(attempt_id, {}).get(item_id)
        if part is not None:
            answers[attempt_id][part].append(
                scoring.Answer(label == FACT, choice == FACT, evidence_hit=hit)
            )
    rows = []
    for attempt in attempts:
        totals = {part: _part_size(attempt, part) for part in (BEFORE, PRACTICE, AFTER)}
        mine = answers[attempt.id]
        answered = {part: len(mine[part]) for part in totals}
        change = _change_of(mine, attempt)
        evidence = {part: scoring.evidence(mine[part]) for part in (BEFORE, AFTER)}
        rows.append(ChangeRow(attempt, attempt.form_order, answered, totals, change, evidence))
    finished = [r for r in rows if r.change is not None]
    done = [r.change for r in finished]
    sensitivity = scoring.mean_interval([c.sensitivity for c in done])
    bias = scoring.mean_interval([c.bias for c in done])
    verdict = scoring.change_verdict(sensitivity, bias)
    pooled = {
        part: scoring.evidence([a for r in finished for a in answers[r.attempt.id][part]])
        for part in (BEFORE, AFTER)
    }
    on_form = {"A": [], "B": []}
    for r in finished:
        on_form[r.form_order[0]].append(r.change.before.score)
        on_form[r.form_order[1]].append(r.change.after.score)
    return ChangeReport(
        rows=rows,
        score=scoring.mean_interval([c.score for c in done]),
        sensitivity=sensitivity,
        bias=bias,
        verdict=verdict,
        sentence=scoring.CHANGE_SENTENCES[verdict],
        evidence=pooled,
        forms={name: len(ids) for name, ids in forms.items()},
        orders={order: sum(r.form_order == order for r in finished) for order in FORM_ORDERS},
        form_scores={form: scoring.mean_defined(scores) for form, scores in on_form.items()},
    )
