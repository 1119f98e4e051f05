"""No lost answers: many learners at once on a multi-process server, two tabs racing, a
server killed mid-lesson, and a locked database."""

import json
import os
import signal
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from app import bank
from tests.databases import ON_POSTGRES, rows, scalar
from tests.helpers import (
    QUESTIONS,
    SLUG,
    answer,
    attempt_items,
    db_counts,
    open_session,
    start_practice,
    text_of,
)
from tests.http_learner import Learner
from tests.server import prepare, running

LABELS = {i["statement"]: i["label"] for i in bank.read_folder(QUESTIONS / SLUG).items}
ITEMS = len(LABELS)


def rightly(learner_no, position):
    """Whether a learner answers the item at a position rightly: a fixed, varied pattern."""
    return (learner_no + position) % 3 != 0


def take_quiz(base, code, learner_no, positions=range(1, ITEMS + 1)):
    """Join and answer items at the given positions; return the learner."""
    learner = Learner(base)
    learner.join(code, f"Learner {learner_no:02d}")
    for position in positions:
        statement, item, token = learner.question(position)
        label = LABELS[statement]
        choice = (
            label
            if rightly(learner_no, position)
            else ("allegation" if label == "fact" else "fact")
        )
        status, _, body = learner.answer(position, choice, 1 + position % 4, item, token)
        assert status == 302, (status, body[:200])
    return learner


@pytest.mark.slow
def test_sixty_learners_at_once_lose_nothing(tmp_path):
    env = prepare(tmp_path, ["teacher", "create", "ada", "--password", "long password 1"])
    code = open_session(env)
    learners = 60
    with (
        running(env, workers=3, threads=4) as (base, _),
        ThreadPoolExecutor(max_workers=learners) as pool,
    ):
        list(pool.map(lambda n: take_quiz(base, code, n), range(learners)))
    counts, duplicates, finished = db_counts(env["DATABASE_URL"])
    print(
        f"\nconcurrency: {learners} learners, {learners * ITEMS} responses expected, "
        f"{sum(n for n, _ in counts.values())} found, {duplicates} duplicates, "
        f"{finished} attempts finished"
    )
    assert duplicates == 0 and finished == learners and len(counts) == learners
    for n in range(learners):
        expected = sum(rightly(n, p) for p in range(1, ITEMS + 1))
        assert counts[f"Learner {n:02d}"] == (ITEMS, expected)


@pytest.mark.slow
def test_same_answer_from_two_tabs_at_once_is_stored_once(tmp_path):
    env = prepare(tmp_path)
    with running(env, workers=2, threads=2) as (base, _):
        learner = Learner(base)
        _, token = learner.csrf("/")
        status, location, _ = learner.request(
            "/practice", {"quiz": SLUG, "name": "Twin", "csrf_token": token}
        )
        learner.token = location.rsplit("/a/", 1)[1]
        for position in (1, 2, 3):
            _, item, csrf = learner.question(position)
            gate = threading.Barrier(2)

            def post(choice, item=item, csrf=csrf, position=position, gate=gate):
                gate.wait()
                return learner.answer(position, choice, item=item, token=csrf)

            with ThreadPoolExecutor(2) as pool:
                results = list(pool.map(post, ["fact", "allegation"]))
            assert [r[0] for r in results] == [302, 302]
            losers = [r[1] for r in results if r[1].endswith("?already=1")]
            assert len(losers) == 1, results
            _, _, page = learner.request(losers[0].replace(base, ""))
            assert "already answered" in page
    counts, duplicates, _ = db_counts(env["DATABASE_URL"])
    assert counts == {"Twin": (3, counts["Twin"][1])} and duplicates == 0


@pytest.mark.slow
def test_last_two_answers_at_once_still_finish_the_attempt(tmp_path):
    # Two tabs answer the last two statements at the same moment. On PostgreSQL each
    # answer's transaction once counted only its own rows and the committed ones, so both
    # could miss the other: every answer stored, yet the attempt never finished (and its
    # results page sent the learner round in a loop).
    env = prepare(tmp_path)
    with running(env, workers=2, threads=4) as (base, _):
        for n in range(8):
            learner = Learner(base)
            _, token = learner.csrf("/")
            _, location, _ = learner.request(
                "/practice", {"quiz": SLUG, "name": f"Racer {n}", "csrf_token": token}
            )
            learner.token = location.rsplit("/a/", 1)[1]
            for position in range(1, ITEMS - 1):
                assert learner.answer(position, "fact")[0] == 302
            _, _, csrf = learner.question(ITEMS - 1)  # the last one is not shown yet
            orders = dict(rows(env["DATABASE_URL"], "SELECT token, item_order FROM attempt"))
            items = json.loads(orders[learner.token])[-2:]
            gate = threading.Barrier(2)

            def post(position, item, gate=gate, learner=learner, csrf=csrf):
                gate.wait()
                return learner.answer(position, "fact", item=str(item), token=csrf)[0]

            with ThreadPoolExecutor(2) as pool:
                assert list(pool.map(post, (ITEMS - 1, ITEMS), items)) == [302, 302]
    assert (
        scalar(env["DATABASE_URL"], "SELECT COUNT(*) FROM attempt WHERE finished_at IS NULL") == 0
    )


@pytest.mark.slow
def test_sigkill_mid_lesson_keeps_every_answer(tmp_path):
    env = prepare(tmp_path)
    code = open_session(env)
    with running(env, workers=2, threads=2) as (base, proc):
        learners = [take_quiz(base, code, n, positions=range(1, 4 + n)) for n in range(5)]
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    counts, duplicates, _ = db_counts(env["DATABASE_URL"])
    assert sorted(n for n, _ in counts.values()) == [3, 4, 5, 6, 7] and duplicates == 0
    with running(env, workers=2, threads=2) as (base, _):
        for n, learner in enumerate(learners):
            learner.base = base
            assert learner.next_position() == 4 + n  # each resumes where they were
            take_quiz_rest = range(4 + n, ITEMS + 1)
            for position in take_quiz_rest:
                assert learner.answer(position, "fact")[0] == 302
            assert learner.next_position() is None
    counts, duplicates, finished = db_counts(env["DATABASE_URL"])
    assert all(n == ITEMS for n, _ in counts.values()) and finished == 5 and duplicates == 0


def lock_everything(url):
    """Another connection holding the write lock: SQLite's whole file, or PostgreSQL's
    response table. Returns the connection; roll it back to release the lock."""
    if ON_POSTGRES:
        import psycopg

        conn = psycopg.connect(url)
        conn.execute("LOCK TABLE response IN ACCESS EXCLUSIVE MODE")
        return conn
    conn = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0.1)
    conn.execute("BEGIN EXCLUSIVE")
    return conn


def test_locked_database_gives_try_again_and_saves_nothing(loaded_app):
    app = loaded_app(DATABASE_TIMEOUT=0.2)
    client = app.test_client()
    token = start_practice(client)
    item = attempt_items(app, token)[0]
    url = app.config["DATABASE_URL"]
    blocker = lock_everything(url)
    try:
        response = answer(client, token, 1, item, "fact")
        assert response.status_code == 503
        page = text_of(response)
        assert "Please try again" in page and "nothing was saved" in page
    finally:
        blocker.rollback()
        blocker.close()
    assert scalar(url, "SELECT COUNT(*) FROM response") == 0
    assert answer(client, token, 1, item, "fact").status_code == 302
    assert scalar(url, "SELECT COUNT(*) FROM response") == 1


@pytest.mark.slow
def test_learner_moves_between_two_servers_mid_quiz(tmp_path):
    """App processes keep nothing of their own: any server can take any request."""
    env = prepare(tmp_path)
    code = open_session(env)
    with running(env) as (first, _), running(env) as (second, _):
        learner = Learner(first)
        learner.join(code, "Mover")
        for position in range(1, ITEMS + 1):
            statement, item, token = learner.question(position)
            # Read the question on one server, answer it on the other, alternately.
            learner.base = second if learner.base == first else first
            status, _, _ = learner.answer(position, LABELS[statement], 2, item, token)
            assert status == 302
        assert learner.next_position() is None
        _, _, results = learner.request(f"/a/{learner.token}/results")
        assert f"right on {ITEMS} of the {ITEMS} statements" in results
    counts, duplicates, finished = db_counts(env["DATABASE_URL"])
    assert counts == {"Mover": (ITEMS, ITEMS)} and duplicates == 0 and finished == 1
