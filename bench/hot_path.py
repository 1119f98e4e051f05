"""Where a learner's request spends its time: the app in one process (Flask's test client,
CSRF on, a pooled database as deployed), each learner endpoint timed alone and under
cProfile. `make profile` runs it on SQLite; the figures are the app's CPU time (and the
wall time, which on PostgreSQL includes waiting for the server), without the web server's
share (see bench/run.py for the server under load).

    .venv/bin/python bench/hot_path.py [--learners 200] [--top 25] [--endpoint answer]
        [--db postgres]
"""

import argparse
import cProfile
import io
import itertools
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from app.db import db  # noqa: E402
from app.models import ClassSession, Quiz  # noqa: E402
from bench.run import database_url  # noqa: E402
from tests.helpers import IN_PLACE  # noqa: E402
from tests.http_learner import CSRF, ITEM  # noqa: E402

CLASS_SIZE = 30  # learners joining each class (one address adds at most 60 to a class)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--endpoint", help="profile only this endpoint (see ENDPOINTS)")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    return parser.parse_args()


def make_app(url, tmp, classes):
    """An app on a fresh database with the quizzes loaded and `classes` class sessions
    open; returns it and their join codes."""
    env = {"DATABASE_URL": url, "SECRET_KEY": "profile", "FLASK_APP": "wsgi"}
    flask = Path(sys.executable).parent / "flask"
    for command in (["init-db"], ["questions", "load"]):
        subprocess.run([flask, *command], env=env, cwd=ROOT, check=True, capture_output=True)
    app = create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "profile", "INSTANCE_PATH": str(tmp / "instance")}
    )
    with app.app_context(), db.connection_context():
        quiz = Quiz.get()
        codes = [ClassSession.open_class(quiz, f"Class {n}").join_code for n in range(classes)]
    return app, codes


class Learner:
    """One learner's browser (its own cookies) walking through the lesson."""

    def __init__(self, app, code, n):
        self.client = app.test_client()
        self.code, self.n = code, n
        self.position, self.item, self.attempt = 1, None, None

    def home(self):
        page = self.client.get("/")
        self.token = CSRF.search(page.get_data(as_text=True)).group(1)

    def join(self):
        data = {"code": self.code, "name": f"Learner {self.n}", "csrf_token": self.token}
        self.attempt = self.client.post("/join", data=data).headers["Location"]

    def start(self):
        self.client.get(self.attempt)

    def article(self):
        self.client.get(self.attempt + "/article")

    def question(self):
        page = self.client.get(f"{self.attempt}/q/{self.position}")
        self.item = ITEM.search(page.get_data(as_text=True)).group(1)

    def answer_data(self):
        return {
            "item": self.item,
            "choice": ("fact", "allegation")[(self.n + self.position) % 2],
            "confidence": str(1 + self.position % 4),
            "evidence": str(self.position % 5),
            "csrf_token": self.token,
        }

    def answer(self):
        """The answer POST as a browser without JavaScript sends it (a redirect back)."""
        self.client.post(f"{self.attempt}/q/{self.position}", data=self.answer_data())

    def feedback(self):
        """The feedback page, with the next statement's form; reads that statement."""
        page = self.client.get(f"{self.attempt}/q/{self.position}").get_data(as_text=True)
        self.position += 1
        found = ITEM.search(page)
        self.item = found.group(1) if found else None

    def answer_in_place(self):
        """The answer POST as the page's script sends it: feedback and the next statement
        come back in the reply."""
        page = self.client.post(
            f"{self.attempt}/q/{self.position}", data=self.answer_data(), headers=IN_PLACE
        ).get_data(as_text=True)
        self.position += 1
        found = ITEM.search(page)
        self.item = found.group(1) if found else None


# Each endpoint's steps: the ones to get there (untimed), then the one timed.
ENDPOINTS = {
    "home": ([], "home"),
    "join": (["home"], "join"),
    "start": (["home", "join"], "start"),
    "article": (["home", "join"], "article"),
    "question": (["home", "join"], "question"),
    "answer": (["home", "join", "question"], "answer"),
    "feedback": (["home", "join", "question", "answer"], "feedback"),
    "answer in place": (["home", "join", "question"], "answer_in_place"),
}


def run(app, codes, learners, steps, timed, profiler=None):
    """Walk `learners` new learners through `steps`, then time `timed` for each; seconds
    per request."""
    walkers = [Learner(app, next(codes), n) for n in range(learners)]
    for walker in walkers:
        for step in steps:
            getattr(walker, step)()
    if profiler:
        profiler.enable()
    started, wall = time.process_time(), time.perf_counter()
    for walker in walkers:
        getattr(walker, timed)()
    elapsed, wall = time.process_time() - started, time.perf_counter() - wall
    if profiler:
        profiler.disable()
    return elapsed / learners, wall / learners


def main():
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="profile-"))
    names = [args.endpoint] if args.endpoint else list(ENDPOINTS)
    learners = 20 + 2 * len(names) * args.learners  # the warm-up, then each timed twice
    url = database_url(args.db, tmp)
    app, codes = make_app(url, tmp, -(-learners // CLASS_SIZE))
    codes = itertools.chain.from_iterable(itertools.repeat(c, CLASS_SIZE) for c in codes)
    run(app, codes, 20, ["home", "join", "question"], "answer")  # warm up
    print(f"ms per request in the app, CPU and wall ({args.learners} learners each, {args.db}):")
    for name in names:
        steps, timed = ENDPOINTS[name]
        cpu, wall = run(app, codes, args.learners, steps, timed)
        print(f"  {name:16} {cpu * 1000:6.2f} {wall * 1000:6.2f}")
    for name in names:
        steps, timed = ENDPOINTS[name]
        profiler = cProfile.Profile()
        run(app, codes, args.learners, steps, timed, profiler)
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
        stats.print_stats(args.top)
        print(f"\n## {name}\n")
        print("\n".join(line for line in out.getvalue().splitlines()[5:] if line.strip()))


if __name__ == "__main__":
    main()
