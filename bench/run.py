"""The benchmark behind `make bench`: the app as deployed (gunicorn, the same settings as
`make run`) on a fresh database, driven by Locust (headless) from the same machine.

1. Ceiling: the saturation throughput of a trivial route (/healthz), then of the answer
   POST (no think time, pre-made attempts), and their ratio; beside them, the yardstick of
   a bare route storing one row (bench/bare.py, served alone with the same settings).
2. A lesson: N learners join class sessions of about 30, read, answer every statement with
   confidence, see feedback, finish, with think time between steps, while each session's
   teacher (each class its own, with the dashboard open before the class arrives) has it
   refresh every 4 s, and one more teacher watches a finished 500-learner session; the
   server logs its own time over each request, reported beside Locust's.
3. Afterwards the database must hold exactly the answers the learners sent, and every
   attempt must be finished; any lost or duplicated answer fails the run.
4. The cost of item analysis (reports.session_report) at 50, 500 and 5,000 learners.

Results go to bench/results/ (text, CSV, and an SVG of latency against learners).
"""

import argparse
import csv
import json
import math
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app, reports  # noqa: E402
from app.db import db  # noqa: E402
from app.models import Attempt, ClassSession, Item, Quiz, Response, Teacher, utcnow  # noqa: E402
from tests.server import BIN, running  # noqa: E402

RESULTS = ROOT / "bench" / "results"
LOCUST = ROOT / ".venv-bench" / "bin" / "locust"
TEACHER, PASSWORD = "bench-teacher", "a long bench password"
CLASS_SIZE = 30


def parse_args():
    """Command-line settings (make bench passes them from BENCH_* variables)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--think", type=float, default=2.0, help="seconds between steps")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", 2)))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("THREADS", 4)))
    parser.add_argument("--ceiling-seconds", type=int, default=15)
    return parser.parse_args()


def database_url(kind, tmp):
    """A fresh database: a SQLite file, or a new PostgreSQL database."""
    if kind == "sqlite":
        return f"sqlite:///{tmp / 'bench.sqlite3'}"
    import psycopg

    admin = (
        os.environ.get("TEST_DATABASE_URL")
        or subprocess.run(
            ["bash", str(ROOT / ".ci" / "postgres")], check=True, capture_output=True, text=True
        ).stdout.strip()
    )
    name = f"bench_{int(time.time())}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin.rsplit("/", 1)[0] + "/" + name


def flask(env, *command):
    """Run a flask command against the bench database."""
    subprocess.run([BIN / "flask", *command], env=env, cwd=ROOT, check=True, capture_output=True)


def finished_class(quiz, teacher, title, learners, rng):
    """A closed class session with `learners` finished attempts, inserted in bulk."""
    session = ClassSession.open_class(quiz, title, teacher=teacher)
    items = list(Item.select().where((Item.quiz == quiz) & Item.active))
    now = utcnow()
    with db.atomic():
        for first in range(0, learners, 200):
            batch = range(first, min(first + 200, learners))
            Attempt.insert_many(
                [
                    {
                        "session": session,
                        "display_name": f"L{n}",
                        "token": f"bench-{title}-{n}",
                        "item_order": json.dumps([i.id for i in items]),
                        "started_at": now,
                        "finished_at": now,
                    }
                    for n in batch
                ]
            ).execute()
            ids = [
                a.id
                for a in Attempt.select(Attempt.id).where(
                    Attempt.token.in_([f"bench-{title}-{n}" for n in batch])
                )
            ]
            rows = []
            for attempt_id in ids:
                skill = rng.random()
                for item in items:
                    said_fact = (rng.random() < skill) == item.is_fact
                    choice = "fact" if said_fact else "allegation"
                    rows.append(
                        {
                            "attempt": attempt_id,
                            "item": item.id,
                            "choice": choice,
                            "confidence": rng.randint(1, 4),
                            "correct": choice == item.label,
                            "answered_at": now,
                        }
                    )
            for start in range(0, len(rows), 1000):
                Response.insert_many(rows[start : start + 1000]).execute()
    session.is_open = False
    session.save()
    return session


def prepare(url, learners, tmp):
    """Tables, quizzes, a teacher for each class of the lesson (and one more for the big
    finished sessions), the lesson's sessions, the big finished sessions, and attempts for
    the answer flood; returns the Locust config and the item-analysis sizes."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench", "FLASK_APP": "wsgi"}
    flask(env, "init-db")
    flask(env, "questions", "load")
    flask(env, "teacher", "create", TEACHER, "--password", PASSWORD)
    app = create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "bench", "INSTANCE_PATH": str(tmp / "instance")}
    )
    rng = random.Random(7)
    with app.app_context(), db.connection_context():
        quiz, teacher = Quiz.get(), Teacher.get()
        # Each class has its own teacher (one password hash made once serves them all).
        lessons = [
            ClassSession.open_class(
                quiz,
                f"Lesson {n}",
                teacher=Teacher.create(
                    username=f"{TEACHER}-{n}", password_hash=teacher.password_hash
                ),
            )
            for n in range(1, math.ceil(learners / CLASS_SIZE) + 1)
        ]
        sizes = {n: finished_class(quiz, teacher, f"size{n}", n, rng) for n in (50, 500, 5000)}
        flood = ClassSession.open_class(quiz, "Flood", teacher=teacher)
        flood_attempts = [Attempt.begin(flood, f"F{n}") for n in range(1500)]
        items = Item.select().where((Item.quiz == quiz) & Item.active).count()
    config = {
        "codes": [s.join_code for s in lessons],
        "dashboards": [
            [s.id, "GET dashboard live (class of ~30)", s.teacher.username] for s in lessons
        ]
        + [[sizes[500].id, "GET dashboard live (500 learners)", TEACHER]],
        "password": PASSWORD,
        "items": items,
        "attempts": [{"token": a.token, "items": a.item_ids} for a in flood_attempts],
    }
    return env, app, config, [s.id for s in lessons], sizes


def locust(base, config_path, sent_path, prefix, classes, users, rate, seconds, think, app=None):
    """Run Locust headless; its CSV files start with `prefix`. With `app` (the app server's
    process id), return the CPU seconds Locust and the app used in each second of the run."""
    env = {
        **os.environ,
        "BENCH_CONFIG": str(config_path),
        "BENCH_SENT": str(sent_path),
        "BENCH_THINK": str(think),
    }
    command = [
        LOCUST,
        "-f",
        ROOT / "bench" / "locustfile.py",
        "--headless",
        "--host",
        base,
        "-u",
        str(users),
        "-r",
        str(rate),
        "-t",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--csv",
        prefix,
        "--csv-full-history",
        "--only-summary",
        "--loglevel",
        "WARNING",
        *classes,
    ]
    with subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as process:
        seconds_used = []
        before = (process_cpu(process.pid), app_cpu(app)) if app else None
        while process.poll() is None:
            time.sleep(1)
            if before:
                now = (process_cpu(process.pid), app_cpu(app))
                seconds_used.append((now[0] - before[0], now[1] - before[1]))
                before = now
    return seconds_used


def process_cpu(pid):
    """CPU seconds so far of one process (0 once it has ended)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def children_cpu():
    """CPU seconds (user and system) of this process's finished children: Locust's runs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def app_cpu(pid):
    """CPU seconds so far of the app server's processes (gunicorn and its workers)."""
    pids = [pid, *map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    return sum(process_cpu(each) for each in pids)


def database_cpu():
    """CPU seconds so far of this machine's PostgreSQL server processes (what they used
    themselves, and their ended children's), or 0 where there are none."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, rest = stat.read_text().split(" (", 1)[1].rsplit(")", 1)
        except (OSError, ValueError):
            continue
        if name == "postgres":
            fields = rest.split()
            total += sum(int(f) for f in fields[11:15]) / tick  # utime, stime, cutime, cstime
    return total


def machine_speed():
    """Seconds this machine takes for 10 million additions in a Python loop (best of 3)."""
    best = math.inf
    for _ in range(3):
        started, total = time.perf_counter(), 0
        for n in range(10_000_000):
            total += n
        best = min(best, time.perf_counter() - started)
    return best


def busiest_seconds(each_second, window=10):
    """A line on the lesson's busiest stretch: the `window` seconds in which the app used
    the most CPU, and what Locust used meanwhile. Locust runs in one
    process, so above about 90% of one core its own queue adds to the latencies it reports."""
    if len(each_second) < window:
        return "busiest seconds: the lesson was too short to tell"
    sums = [
        [sum(used[k] for used in each_second[i : i + window]) for k in (0, 1)]
        for i in range(len(each_second) - window + 1)
    ]
    start = max(range(len(sums)), key=lambda i: sums[i][1])
    locust_used, app_used = sums[start]
    peak = max(used[0] for used in each_second[start : start + window])
    cores = os.cpu_count() or 1
    return (
        f"busiest {window} s of the lesson (from second {start}): the app "
        f"{app_used / (window * cores):.0%} of the machine, Locust {locust_used / window:.0%} "
        f"of one core (its busiest second {peak:.0%})"
    )


SERVER_GROUPS = (  # (name, method, path pattern) for server_times
    ("GET /", "GET", re.compile(r"/")),
    ("POST /join", "POST", re.compile(r"/join")),
    ("GET start", "GET", re.compile(r"/a/[^/]+")),
    ("GET a statement", "GET", re.compile(r"/a/[^/]+/q/\d+")),
    ("POST an answer", "POST", re.compile(r"/a/[^/]+/q/\d+")),
    ("GET results", "GET", re.compile(r"/a/[^/]+/results")),
    ("dashboards", "GET", re.compile(r"/teacher/sessions/\d+/live")),
)


def server_times(log):
    """The lesson as the server saw it: p50 and p95 of gunicorn's own time over each
    request (from reading it to the reply sent), by kind of request. What Locust reports
    adds the wait for a free thread and Locust's own delays."""
    times = {name: [] for name, _, _ in SERVER_GROUPS}
    for line in log.read_text(encoding="utf-8").splitlines():
        method, path, micro = line.split(" ")
        for name, wanted, pattern in SERVER_GROUPS:
            if method == wanted and pattern.fullmatch(path):
                times[name].append(int(micro) / 1000)
    parts = []
    for name, ms in times.items():
        if ms:
            ms.sort()
            p50, p95 = ms[len(ms) // 2], ms[min(len(ms) - 1, int(len(ms) * 0.95))]
            parts.append(f"{name} {p50:.0f} / {p95:.0f}")
    return "the server's own time, p50 / p95 ms: " + "; ".join(parts)


def read_stats(prefix):
    """Locust's per-endpoint summary rows."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def throughput(rows, name):
    """Requests per second of one endpoint."""
    return next(float(r["Requests/s"]) for r in rows if r["Name"] == name)


def time_report(app, session_id):
    """Best of three timings (ms) of the item analysis for one session."""
    best = math.inf
    with app.app_context(), db.connection_context():
        for _ in range(3):
            start = time.perf_counter()
            reports.session_report(ClassSession.get_by_id(session_id))
            best = min(best, time.perf_counter() - start)
    return best * 1000


def check_answers(app, lesson_ids, sent):
    """Compare the database with what the learners sent; return (stored, finished, duplicates)."""
    with app.app_context(), db.connection_context():
        attempts = Attempt.select(Attempt.id).where(Attempt.session.in_(lesson_ids))
        stored = Response.select().where(Response.attempt.in_(attempts)).count()
        finished = attempts.where(Attempt.finished_at.is_null(False)).count()
        pairs = (
            Response.select(Response.attempt, Response.item)
            .where(Response.attempt.in_(attempts))
            .distinct()
            .count()
        )
    return stored, finished, stored - pairs


def history_svg(prefix, path):
    """A small SVG: p95 latency of all requests against the number of simulated users."""
    points = []
    with open(f"{prefix}_stats_history.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Name"] == "Aggregated" and row["95%"] not in ("N/A", "0", ""):
                points.append((int(row["User Count"]), float(row["95%"])))
    width, height, pad = 480, 260, 40
    max_users = max((u for u, _ in points), default=1) or 1
    max_ms = max((ms for _, ms in points), default=1) or 1
    dots = "".join(
        f'<circle cx="{pad + u / max_users * (width - 2 * pad):.1f}" '
        f'cy="{height - pad - ms / max_ms * (height - 2 * pad):.1f}" r="2.5"/>'
        for u, ms in points
    )
    path.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'font-family="sans-serif" font-size="11"><title>p95 latency against learners</title>'
        f'<rect x="{pad}" y="{pad}" width="{width - 2 * pad}" height="{height - 2 * pad}" '
        f'fill="none" stroke="#999"/>{dots}'
        f'<text x="{width / 2}" y="{height - 8}" text-anchor="middle">simulated users '
        f'(0 to {max_users})</text><text x="12" y="{height / 2}" transform="rotate(-90 12 '
        f'{height / 2})" text-anchor="middle">p95 ms (0 to {max_ms:.0f})</text></svg>',
        encoding="utf-8",
    )


def table(rows):
    """Locust rows as a Markdown table."""
    lines = [
        "| endpoint | requests | failures | p50 ms | p95 ms | p99 ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['Name']} | {r['Request Count']} | {r['Failure Count']} | "
            f"{r['50%']} | {r['95%']} | {r['99%']} | {float(r['Requests/s']):.1f} |"
        )
    return "\n".join(lines)


def main():
    """Run every phase, print and save the results; exit 1 on any lost or duplicate answer."""
    args = parse_args()
    speed = machine_speed()
    RESULTS.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    url = database_url(args.db, tmp)
    started = time.monotonic()
    env, app, config, lesson_ids, sizes = prepare(url, args.learners, tmp)
    config_path, sent_path = tmp / "config.json", tmp / "sent.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    users = args.learners + len(config["dashboards"])
    ramp = max(10, args.learners // 10)
    lesson_seconds = int(args.learners / ramp + config["items"] * 2 * args.think * 1.25 + 30)
    servers = {"workers": args.workers, "threads": args.threads}

    def ceiling(base, phase, user_class):
        locust(
            base, config_path, sent_path, tmp / phase, [user_class], 40, 40, args.ceiling_seconds, 0
        )

    with running(env, **servers) as (base, _):
        # The three ceilings back to back (the machine's speed moves from minute to minute).
        ceiling(base, "trivial", "TrivialRoute")
        with running(env, app="bench.bare:app", **servers) as (bare_base, _):
            ceiling(bare_base, "bare", "BareInsert")
        ceiling(base, "answer", "AnswerFlood")
    # The lesson on a server of its own that logs how long it took over each request.
    with running(env, access_log=tmp / "access.log", **servers) as (base, server):
        app_before, locust_before, db_before = app_cpu(server.pid), children_cpu(), database_cpu()
        lesson_started = time.monotonic()
        each_second = locust(
            base,
            config_path,
            sent_path,
            tmp / "lesson",
            ["LessonLearner", "Teacher"],
            users,
            ramp,
            lesson_seconds,
            args.think,
            app=server.pid,
        )
        lesson_wall = time.monotonic() - lesson_started
        app_used, locust_used = app_cpu(server.pid) - app_before, children_cpu() - locust_before
        db_used = database_cpu() - db_before
    bare, trivial, flood, lesson = (
        read_stats(tmp / p) for p in ("bare", "trivial", "answer", "lesson")
    )
    top = throughput(trivial, "GET /healthz (trivial)")
    answer_rate = throughput(flood, "POST /a/[token]/q/[n] (answer, no think)")
    bare_rate = throughput(bare, "POST /bare (one insert)")
    sent = json.loads(sent_path.read_text(encoding="utf-8"))
    stored, finished, duplicates = check_answers(app, lesson_ids, sent)
    timings = {n: time_report(app, s.id) for n, s in sizes.items()}
    lost = sent["answers"] - sent["repeats"] - stored
    learner_requests = sum(
        int(r["Request Count"])
        for r in lesson
        if r["Name"] != "Aggregated" and not ("teacher" in r["Name"] or "dashboard" in r["Name"])
    )
    machine = (os.cpu_count() or 1) * lesson_wall
    settings = (
        f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"gunicorn {args.workers} workers x {args.threads} threads; database {args.db}; "
        f"{args.learners} learners, think time {args.think} s; Locust on the same machine"
    )
    report = "\n".join(
        [
            f"# Benchmark {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
            "",
            settings,
            "",
            "## Lesson",
            "",
            table(lesson),
            "",
            "## Ceiling (no think time)",
            "",
            table(trivial + flood + bare),
            "",
            f"Answer POST / trivial route: {answer_rate:.0f} / {top:.0f} req/s = "
            f"{answer_rate / top:.0%}",
            "",
            f"The yardstick, a bare route storing one row (bench/bare.py, its own server "
            f"with the same settings) / trivial route: {bare_rate:.0f} / {top:.0f} req/s = "
            f"{bare_rate / top:.0%}; the answer POST makes {answer_rate / bare_rate:.0%} of "
            "its throughput",
            "",
            "## Requests and CPU",
            "",
            f"learners' requests per answered statement: {learner_requests} / "
            f"{max(sent['answers'], 1)} = {learner_requests / max(sent['answers'], 1):.2f} "
            "(join, start with the article, first statement and results included; 4 learners in 5 "
            "answer in place with the page's script, 1 in 5 without it)",
            "",
            f"CPU during the lesson ({lesson_wall:.0f} s on {os.cpu_count()} cores): the app "
            f"{app_used:.0f} s ({app_used / machine:.0%} of the machine), Locust "
            f"{locust_used:.0f} s ({locust_used / machine:.0%})"
            + (
                f", PostgreSQL's server {db_used:.0f} s ({db_used / machine:.0%})"
                if args.db == "postgres"
                else " (SQLite works inside the app's processes)"
            ),
            "",
            busiest_seconds(each_second),
            "",
            server_times(tmp / "access.log"),
            "",
            f"machine speed: {speed:.2f} s for 10 million additions in a Python loop (the "
            "same figure on another day or machine makes the runs comparable)",
            "",
            "## Answers",
            "",
            f"sent {sent['answers']} (of which {sent['repeats']} repeats), stored {stored}, "
            f"lost {lost}, duplicated {duplicates}; "
            f"attempts finished {finished} of {args.learners}",
            "",
            "## Item analysis (reports.session_report, best of 3)",
            "",
            ", ".join(f"{n} learners: {ms:.0f} ms" for n, ms in timings.items())
            + f"; per learner: {', '.join(f'{ms / n:.2f}' for n, ms in timings.items())} ms",
            "",
            f"Total time {time.monotonic() - started:.0f} s.",
        ]
    )
    print(report)
    # Names joined by hand: Path.with_suffix would take the ".5s" of a 0.5 s think time.
    stem = f"{args.db}-{args.learners}-learners-{args.think:g}s"
    (RESULTS / f"{stem}.md").write_text(report + "\n", encoding="utf-8")
    with open(RESULTS / f"{stem}.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["phase", "endpoint", "requests", "failures", "p50", "p95", "p99", "rps"])
        for phase, rows in (("lesson", lesson), ("ceiling", trivial + flood + bare)):
            for r in rows:
                writer.writerow(
                    [
                        phase,
                        r["Name"],
                        r["Request Count"],
                        r["Failure Count"],
                        r["50%"],
                        r["95%"],
                        r["99%"],
                        r["Requests/s"],
                    ]
                )
    history_svg(tmp / "lesson", RESULTS / f"{stem}.svg")
    sys.exit(1 if lost or duplicates or finished != args.learners else 0)


if __name__ == "__main__":
    main()
