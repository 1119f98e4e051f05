"""Throttling of repeated tries (logins, wrong join codes, practice starts), counted in the
database (CountedTry) so it holds across processes."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, request

from app.models import CountedTry, utcnow


def keyed_digest(message):
    """HMAC-SHA256 of a text under the app's secret key: what no one can make or work back
    from without the key (addresses kept, practice links, carry-on codes)."""
    key = current_app.secret_key
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, message.encode(), hashlib.sha256).digest()


def origin_digest():
    """The client's network address as a keyed digest (its first 16 hex digits): the same
    for the same address, yet neither the address nor something it can be guessed back
    from without the key. Throttles and attempts keep this, never the address."""
    return keyed_digest(request.remote_addr or "unknown").hex()[:16]


@dataclass(frozen=True)
class Throttle:
    """At most `limit` counted tries per key within `window`; then wait until the oldest
    expires."""

    scope: str
    limit: int
    window: timedelta

    def _key(self, key):
        return f"{self.scope}:{key}"

    def _recent(self, key, since, limit=None):
        """The times of the key's latest counted tries since `since` (at most `limit` of them,
        by default the throttle's), newest first."""
        query = CountedTry.select(CountedTry.at).where(
            (CountedTry.key == self._key(key)) & (CountedTry.at > since)
        )
        return [row.at for row in query.order_by(CountedTry.at.desc()).limit(limit or self.limit)]

    def blocked_until(self, *keys):
        """When every key is free again, or None if none is blocked now.

        A key is blocked while `limit` counted tries lie within the window, that is until
        the limit-th most recent one is older than the window.
        """
        since = utcnow() - self.window
        until = None
        for key in keys:
            recent = self._recent(key, since)
            if len(recent) >= self.limit:
                free = recent[-1] + self.window
                until = free if until is None else max(until, free)
        return until

    def _forget_expired(self, now):
        CountedTry.delete().where(
            CountedTry.key.startswith(self._key("")) & (CountedTry.at < now - self.window)
        ).execute()

    def attempt(self, *keys):
        """Count an attempt against every key *before* it is tried, so parallel requests
        cannot all slip under the limit. Returns a Ticket: `.blocked_until` is None when the
        attempt may go ahead; then `.succeeded()` takes the count back, and otherwise the
        count stands as a failure. A refused attempt is not counted, so hammering a blocked
        key does not keep it blocked.

        Each row is committed on its own before counting: every request counts the rows of
        all requests that committed before it, so at most `limit` go ahead per window.
        """
        now = utcnow()
        self._forget_expired(now)
        ids = [CountedTry.insert(key=self._key(k), at=now).execute() for k in keys]
        since = now - self.window
        over = [k for k in keys if len(self._recent(k, since, self.limit + 1)) > self.limit]
        ticket = Ticket(ids, [self._key(k) for k in keys], now)
        if over:
            ticket.discard()
            ticket.blocked_until = self.blocked_until(*over) or now
        return ticket

    def clear(self, key, prefix=False):
        """Forget a key's counted tries (after a success), or those of every key starting so."""
        column = CountedTry.key
        match = column.startswith(self._key(key)) if prefix else column == self._key(key)
        CountedTry.delete().where(match).execute()


class Ticket:
    """An attempt counted in advance (see Throttle.attempt): its rows, by id, key and time."""

    def __init__(self, ids, keys, at):
        self.ids, self.keys, self.at = ids, keys, at
        self.blocked_until = None

    def discard(self):
        """Take the attempt's count back (it was refused, or it succeeded), once.

        Only its own rows go: SQLite gives a deleted row's id to the next row inserted, so
        an id alone could name another request's try by now (a second discard of the same
        ticket once took a stranger's count back and let a sixth password be checked)."""
        if self.ids:
            CountedTry.delete().where(
                CountedTry.id.in_(self.ids)
                & CountedTry.key.in_(self.keys)
                & (CountedTry.at == self.at)
            ).execute()
        self.ids = []

    succeeded = discard


# Wrong passwords count per account and address (LOGIN). From a browser the teacher has
# not logged in on, they also count against the account from everywhere at a slower rate
# (ACCOUNT), and against the address across accounts (ADDRESS): the teacher's own
# browser shares neither, so no one elsewhere can lock the teacher out.
LOGIN = Throttle("login", limit=5, window=timedelta(minutes=15))
ACCOUNT = Throttle("account", limit=20, window=timedelta(hours=1))
ADDRESS = Throttle("address", limit=30, window=timedelta(minutes=15))
# A whole class may share one address behind the school's router, and children mistype:
# the join limit is generous, yet it leaves a guesser about 10 tries a minute against a
# space of 31^6 (about 887 million) codes.
JOIN = Throttle("join", limit=50, window=timedelta(minutes=5))
# Practice attempts one address may start in an hour: a school's classes behind one router
# practising at once stay well within it; a script filling the database does not.
PRACTICE = Throttle("practice", limit=200, window=timedelta(hours=1))


def unlock_account(username):
    """Forget the failed logins counted against an account, from every address (an
    administrator's way to let a teacher in at once)."""
    LOGIN.clear(f"{username}|", prefix=True)
    ACCOUNT.clear(username)
