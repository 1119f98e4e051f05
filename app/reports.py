"""Database rows -> the figures a page shows (the maths is in scoring.py)."""

from dataclasses import dataclass

from app import scoring
from app.models import Item, Response


@dataclass
class ReviewRow:
    """One item of an attempt as the results page lists it."""

    position: int
    item: Item
    response: Response | None


@dataclass
class AttemptReport:
    """Everything the results page shows about one attempt."""

    answered: int
    total: int
    correct: int
    detection: scoring.Detection
    calibration: scoring.Calibration
    lean: str | None
    discernment: str | None
    review: list


def responses_by_item(attempt):
    """Return {item id: Response} for an attempt, with each response's item, in one query."""
    query = Response.select(Response, Item).join(Item).where(Response.attempt == attempt)
    return {r.item_id: r for r in query}


def as_answer(response):
    """Turn a stored response into the scoring module's Answer."""
    return scoring.Answer(
        is_fact=response.item.is_fact,
        said_fact=response.choice == "fact",
        confidence=response.confidence,
    )


def attempt_report(attempt):
    """Score an attempt and list every item with its answer, in the learner's order."""
    responses = responses_by_item(attempt)
    answers = [as_answer(r) for r in responses.values()]
    detection = scoring.detection(answers)
    items = {i.id: i for i in Item.select().where(Item.id.in_(attempt.item_ids))}
    review = [
        ReviewRow(n, items[item_id], responses.get(item_id))
        for n, item_id in enumerate(attempt.item_ids, start=1)
    ]
    return AttemptReport(
        answered=len(answers),
        total=len(attempt.item_ids),
        correct=sum(a.correct for a in answers),
        detection=detection,
        calibration=scoring.calibration(answers),
        lean=scoring.lean_sentence(detection.bias),
        discernment=scoring.discernment_sentence(detection.discernment),
        review=review,
    )
