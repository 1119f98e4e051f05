"""Throttling of repeated failures, kept in the database so it holds across processes."""

from dataclasses import dataclass
from datetime import timedelta

from app.db import db
from app.models import LoginFailure, utcnow


@dataclass(frozen=True)
class Throttle:
    """At most `limit` failures per key within `window`; then wait until the oldest expires."""

    scope: str
    limit: int
    window: timedelta

    def _key(self, key):
        return f"{self.scope}:{key}"

    def blocked_until(self, *keys):
        """When every key is free again, or None if none is blocked now.

        A key is blocked while `limit` failures lie within the window, that is until the
        limit-th most recent failure is older than the window.
        """
        since = utcnow() - self.window
        until = None
        for key in keys:
            recent = [
                row.at
                for row in LoginFailure.select(LoginFailure.at)
                .where((LoginFailure.key == self._key(key)) & (LoginFailure.at > since))
                .order_by(LoginFailure.at.desc())
                .limit(self.limit)
            ]
            if len(recent) >= self.limit:
                free = recent[-1] + self.window
                until = free if until is None else max(until, free)
        return until

    def fail(self, *keys):
        """Record a failure against every key, and forget failures no longer counted."""
        now = utcnow()
        with db.atomic():
            LoginFailure.delete().where(
                LoginFailure.key.startswith(self._key("")) & (LoginFailure.at < now - self.window)
            ).execute()
            LoginFailure.insert_many(
                [(self._key(k), now) for k in keys], fields=[LoginFailure.key, LoginFailure.at]
            ).execute()

    def clear(self, key):
        """Forget a key's failures (after a success)."""
        LoginFailure.delete().where(LoginFailure.key == self._key(key)).execute()


LOGIN = Throttle("login", limit=5, window=timedelta(minutes=15))
# A whole class may share one address behind the school's router, and children mistype:
# the join limit is generous, yet it leaves a guesser about 10 tries a minute against a
# space of 31^6 (about 887 million) codes.
JOIN = Throttle("join", limit=50, window=timedelta(minutes=5))
