"""How long learners' data is kept: `flask data purge --older-than 90d` deletes the rest."""

import re
from datetime import timedelta

from app.db import db
from app.models import Attempt, ClassSession, CountedTry, Response, utcnow

UNITS = {"d": "days", "w": "weeks", "h": "hours"}


def parse_age(text):
    """'90d', '12w' or '36h' -> a timedelta; ValueError for anything else."""
    match = re.fullmatch(r"\s*(\d+)\s*([dwh])\s*", text or "")
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"{text!r} is not an age such as 90d, 12w or 36h")
    return timedelta(**{UNITS[match.group(2)]: int(match.group(1))})


def purge(older_than):
    """Delete class sessions opened, and practice attempts started, before the cutoff, with
    everything under them; return how many sessions, attempts and responses went."""
    cutoff = utcnow() - older_than
    old_sessions = ClassSession.select(ClassSession.id).where(
        ~ClassSession.is_practice & (ClassSession.created_at < cutoff)
    )
    practice = ClassSession.select(ClassSession.id).where(ClassSession.is_practice)
    old_attempts = Attempt.select(Attempt.id).where(
        Attempt.session.in_(old_sessions)
        | (Attempt.session.in_(practice) & (Attempt.started_at < cutoff))
    )
    with db.atomic():
        responses = Response.select().where(Response.attempt.in_(old_attempts)).count()
        attempts = old_attempts.count()
        # Deleting the rows at the top lets ON DELETE CASCADE remove what hangs below.
        Attempt.delete().where(Attempt.id.in_(old_attempts)).execute()
        sessions = ClassSession.delete().where(ClassSession.id.in_(old_sessions)).execute()
        CountedTry.delete().where(CountedTry.at < cutoff).execute()
    return {"sessions": sessions, "attempts": attempts, "responses": responses}
