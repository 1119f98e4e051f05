"""A lesson the teacher leads: who has joined, how the class answered the statement it is
on, which statements it found hardest, and the moves from one stage to the next."""

from collections import Counter
from dataclasses import dataclass, field

from peewee import fn

from app.models import Attempt, ClassSession, Item, Response
from app.words import ALLEGATION, CONFIDENCE_LEVELS, FACT, LOBBY, QUESTION, REVEAL, REVIEW

EVIDENCE_SHOWN = 5  # the sentences most often marked, on the reveal


def joined(class_session):
    """The names of the learners in the session, in the order they joined."""
    query = (
        Attempt.select(Attempt.display_name)
        .where(Attempt.session == class_session)
        .order_by(Attempt.started_at, Attempt.id)
    )
    return [name for (name,) in query.tuples()]


def answered_count(class_session, item_id):
    """How many learners of the session have answered this statement."""
    return (
        Response.select(fn.COUNT(Response.id))
        .join(Attempt)
        .where((Attempt.session == class_session) & (Response.item == item_id))
        .scalar()
    )


@dataclass
class Split:
    """How the class answered one statement: how many chose each kind, how sure they
    were, and which sentences they pointed to."""

    answered: int = 0
    chose: Counter = field(default_factory=Counter)  # label -> learners
    sure: dict = field(default_factory=dict)  # label -> Counter(level -> learners)
    marked: int = 0  # answers with a sentence marked
    marked_right: int = 0  # ... that holds the statement's quote
    sentences: list = field(default_factory=list)  # (sentence, learners, holds the quote)

    def share(self, label):
        """The whole-number percentage of answers that chose this kind."""
        return round(100 * self.chose[label] / self.answered) if self.answered else 0


def split(class_session, item_id):
    """The class's answers to one statement, as a Split."""
    result = Split(sure={FACT: Counter(), ALLEGATION: Counter()})
    rows = (
        Response.select(
            Response.choice, Response.confidence, Response.evidence, Response.evidence_hit
        )
        .join(Attempt)
        .where((Attempt.session == class_session) & (Response.item == item_id))
        .tuples()
    )
    sentences, hits = Counter(), {}
    for choice, confidence, evidence, hit in rows:
        result.answered += 1
        result.chose[choice] += 1
        if confidence in CONFIDENCE_LEVELS:
            result.sure[choice][confidence] += 1
        if evidence is not None:
            result.marked += 1
            result.marked_right += bool(hit)
            sentences[evidence] += 1
            hits[evidence] = bool(hit)
    result.sentences = [
        (sentence, n, hits[sentence]) for sentence, n in sentences.most_common(EVIDENCE_SHOWN)
    ]
    return result


@dataclass
class Hardest:
    """One statement of the lesson, with how many answered it and how many were right."""

    position: int
    item: Item
    answered: int
    right: int

    @property
    def percent_right(self):
        return round(100 * self.right / self.answered) if self.answered else None


def hardest(class_session):
    """The lesson's statements the class answered, fewest right (as a share) first."""
    ids = class_session.shared_ids or []
    counts = {
        item_id: (n, right or 0)
        for item_id, n, right in Response.select(
            Response.item, fn.COUNT(Response.id), fn.SUM(Response.correct.cast("integer"))
        )
        .join(Attempt)
        .where(Attempt.session == class_session)
        .group_by(Response.item)
        .tuples()
    }
    items = {i.id: i for i in Item.select().where(Item.id.in_(ids))} if ids else {}
    rows = [
        Hardest(position, items[item_id], *counts[item_id])
        for position, item_id in enumerate(ids, start=1)
        if item_id in counts and item_id in items
    ]
    return sorted(rows, key=lambda row: (row.right / row.answered, row.position))


# The teacher's moves: each goes from the stage the teacher's page showed, so a double
# click or a second tab moves the lesson once.
MOVES = ("start", "reveal", "next", "show")


def move(class_session, action, position=0):
    """Move the lesson by one of MOVES ("show": in the review, show `position` again, or
    0 for the list). Returns False, changing nothing, when the lesson is not where this
    move starts from (someone else moved it first, or it is closed)."""
    total = len(class_session.shared_ids or [])
    stage, current = class_session.stage, class_session.current
    if action == "start" and stage == LOBBY and total:
        target = (QUESTION, 1)
    elif action == "reveal" and stage == QUESTION:
        target = (REVEAL, current)
    elif action == "next" and stage == REVEAL:
        target = (QUESTION, current + 1) if current < total else (REVIEW, 0)
    elif action == "show" and stage == REVIEW and 0 <= position <= total:
        target = (REVIEW, position)
    else:
        return False
    moved = (
        ClassSession.update(stage=target[0], current=target[1])
        .where(
            (ClassSession.id == class_session.id)
            & ClassSession.is_open
            & (ClassSession.stage == stage)
            & (ClassSession.current == current)
        )
        .execute()
    )
    if moved:
        class_session.stage, class_session.current = target
    return bool(moved)
