"""A real server for tests: gunicorn with several workers on a SQLite file, as deployed."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.databases import loaded_url

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port():
    """A TCP port nothing is listening on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, proc, seconds=20):
    """Wait until the server accepts connections; fail if it dies first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def prepare(tmp, *commands, **extra_env):
    """Environment for a fresh database under tmp, with tables and the quizzes loaded (a
    copy of what `flask init-db` and `flask questions load` give: tests/databases.py), then
    the flask commands given run on it."""
    env = {
        **os.environ,
        "DATABASE_URL": loaded_url(tmp, "server"),
        "SECRET_KEY": "server-tests",
        "FLASK_APP": "wsgi",
        **extra_env,
    }
    for command in commands:
        subprocess.run(
            [BIN / "flask", *command], env=env, cwd=ROOT, check=True, capture_output=True
        )
    return env


@contextlib.contextmanager
def running(env, workers=2, threads=2, port=None, app="wsgi:app", access_log=None):
    """Serve the app (or another WSGI app, as module:name) with gunicorn; yield (base URL,
    process); stop it afterwards. With `access_log` (a path), gunicorn writes there each
    request's method, path and time taken (microseconds)."""
    port = port or free_port()
    proc = subprocess.Popen(
        [
            BIN / "gunicorn",
            "--config",
            ROOT / "gunicorn.conf.py",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{port}",
            *(
                ["--access-logfile", access_log, "--access-logformat", "%(m)s %(U)s %(D)s"]
                if access_log
                else []
            ),
            app,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so a test can kill it whole
    )
    try:
        wait_for(port, proc)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
