"""Locust scenarios for bench/run.py (see its docstring). BENCH_CONFIG names a JSON file with
the join codes, the teacher's login and, for the answer scenario, pre-made attempts."""

import itertools
import json
import os
import re
import time

import gevent
from gevent.event import Event
from locust import FastHttpUser, between, constant, events, task
from locust.exception import StopUser

with open(os.environ["BENCH_CONFIG"], encoding="utf-8") as config_file:
    CONFIG = json.load(config_file)
THINK = float(os.environ.get("BENCH_THINK", "2"))
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
ITEM = re.compile(r'name="item" type="hidden" value="(\d+)"')
IN_PLACE = {"X-Answer-In-Place": "1"}  # what static/js/answer.js sends
SENT = {"answers": 0, "repeats": 0, "finished": 0}
codes = itertools.cycle(CONFIG["codes"])
attempts = iter(CONFIG.get("attempts", []))
learner_numbers = itertools.count(1)


@events.quitting.add_listener
def write_counts(environment, **kwargs):
    """Leave what the learners sent for run.py to check against the database."""
    with open(os.environ["BENCH_SENT"], "w", encoding="utf-8") as out:
        json.dump(SENT, out)


def csrf_token(client, path, name):
    """GET a page and return its CSRF token."""
    with client.get(path, name=name, catch_response=True) as response:
        match = CSRF.search(response.text or "")
        if not match:
            response.failure("no CSRF token")
            raise StopUser()
        return match.group(1)


# The teachers log in and open their dashboards before their classes arrive (the learners
# read the join code there): the learners' arrivals keep Locust's spacing, shifted to begin
# once the last teacher's dashboard is open.
teachers_in = Event()
teachers_logged_in = itertools.count(1)
moments = {}  # when the first learner was spawned, and when the last teacher was in


class LessonLearner(FastHttpUser):
    """Joins a class, reads, answers every statement with confidence, sees feedback, finishes.

    Four learners in five have JavaScript: each answer goes in place (static/js/answer.js)
    and its reply holds the feedback and the next statement, one request a statement. The
    fifth has none: the answer's redirect, then the feedback page with the next statement
    on it, two requests. Either way a learner reads the statement, then the feedback."""

    wait_time = between(THINK * 0.75, THINK * 1.25)

    def on_start(self):
        spawned = time.monotonic()
        first = moments.setdefault("first learner", spawned)
        teachers_in.wait(timeout=120)
        shift = moments.get("teachers in", first) - first
        gevent.sleep(max(0.0, spawned + shift - time.monotonic()))

    @task
    def take_the_quiz(self):
        token = csrf_token(self.client, "/", "GET /")
        self.wait()
        n = next(learner_numbers)
        script = n % 5 != 0
        response = self.client.post(
            "/join",
            {"code": next(codes), "name": f"Learner {n}", "csrf_token": token},
            allow_redirects=False,
            name="POST /join",
        )
        attempt = response.headers["Location"]
        self.client.get(attempt, name="GET /a/[token] (start, with the article)")
        self.wait()  # reading the article
        page = self.client.get(f"{attempt}/q/1", name="GET /a/[token]/q/[n] (question)").text
        for position in range(1, CONFIG["items"] + 1):
            item = ITEM.search(page).group(1)
            self.wait()  # reading the statement, marking the evidence
            data = {
                "item": item,
                "choice": ("fact", "allegation")[(n + position) % 2],
                "confidence": str(1 + (n + position) % 4),
                "evidence": str((n + position) % 5),  # a sentence of the article, as marked
                "csrf_token": token,
            }
            if script:
                posted = self.client.post(
                    f"{attempt}/q/{position}",
                    data,
                    headers=IN_PLACE,
                    name="POST /a/[token]/q/[n] (answer in place)",
                )
                address = posted.headers.get("X-Page") or ""
                page = posted.text or ""
            else:
                posted = self.client.post(
                    f"{attempt}/q/{position}",
                    data,
                    allow_redirects=False,
                    name="POST /a/[token]/q/[n] (answer, no script)",
                )
                address = posted.headers.get("Location") or ""
                page = self.client.get(
                    address, name="GET /a/[token]/q/[n] (feedback and next, no script)"
                ).text
            if address.split("?")[0].endswith(f"/q/{position}"):
                SENT["answers"] += 1
                SENT["repeats"] += address.endswith("already=1")
            self.wait()  # reading the feedback
        self.client.get(f"{attempt}/results", name="GET /a/[token]/results")
        SENT["finished"] += 1
        raise StopUser()


class Teacher(FastHttpUser):
    """A teacher whose dashboard refreshes itself every few seconds."""

    fixed_count = len(CONFIG["dashboards"])
    wait_time = constant(4)
    dashboards = itertools.cycle(CONFIG["dashboards"])

    def on_start(self):
        self.session_id, self.label, username = next(self.dashboards)
        token = csrf_token(self.client, "/teacher/login", "GET /teacher/login")
        self.client.post(
            "/teacher/login",
            {"username": username, "password": CONFIG["password"], "csrf_token": token},
            allow_redirects=False,
            name="POST /teacher/login",
        )
        # The dashboard is open before the class arrives: its page shows them the join code.
        self.refresh()
        if next(teachers_logged_in) == self.fixed_count:
            moments["teachers in"] = time.monotonic()
            teachers_in.set()
        self.wait()

    @task
    def refresh(self):
        self.client.get(f"/teacher/sessions/{self.session_id}/live", name=self.label)


class TrivialRoute(FastHttpUser):
    """No think time, the cheapest route: the server's ceiling."""

    wait_time = constant(0)

    @task
    def health(self):
        self.client.get("/healthz", name="GET /healthz (trivial)")


class BareInsert(FastHttpUser):
    """No think time, a bare route storing one row (bench/bare.py): the answer's yardstick."""

    wait_time = constant(0)

    @task
    def insert(self):
        self.client.post("/bare", {"choice": "fact"}, name="POST /bare (one insert)")


class AnswerFlood(FastHttpUser):
    """No think time, nothing but answers to pre-made attempts: the answer POST's ceiling."""

    wait_time = constant(0)

    def on_start(self):
        self.token = csrf_token(self.client, "/", "GET / (setup)")
        self.queue = iter(())

    @task
    def answer(self):
        step = next(self.queue, None)
        if step is None:
            attempt = next(attempts, None)
            if attempt is None:
                raise StopUser()
            self.queue = iter(enumerate(attempt["items"], start=1))
            self.attempt = attempt["token"]
            step = next(self.queue)
        position, item = step
        self.client.post(
            f"/a/{self.attempt}/q/{position}",
            {
                "item": str(item),
                "choice": "fact",
                "confidence": "3",
                "evidence": str(position % 5),
                "csrf_token": self.token,
            },
            allow_redirects=False,
            name="POST /a/[token]/q/[n] (answer, no think)",
        )
