"""Configuration read from the environment, with defaults that serve one classroom."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def instance_secret_key(instance_path):
    """Return the secret key kept in instance/, generating it on first use."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: when two processes start at once, exactly one writes the key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def public_url(value):
    """PUBLIC_URL checked: empty, or a full http(s) address without a query or fragment."""
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018  # raises ValueError for a port that isn't one
        well_formed = (
            parts.scheme in ("http", "https")
            and parts.hostname
            and not (parts.username or parts.password or parts.query or parts.fragment)
            and all(c.isprintable() and not c.isspace() for c in value)
        )
    except ValueError:
        well_formed = False
    if not well_formed:
        raise ValueError(
            "PUBLIC_URL must be a full address such as http://192.168.1.20:5000 (no spaces, "
            f"no user name or password), not {value!r}"
        )
    return value.rstrip("/")


class Config:
    """Settings for a deployment; every value can come from the environment."""

    def __init__(self, instance_path):
        env = os.environ
        self.SECRET_KEY = env.get("SECRET_KEY") or instance_secret_key(instance_path)
        default_db = "sqlite:///" + str(Path(instance_path) / "classroom.sqlite3")
        self.DATABASE_URL = env.get("DATABASE_URL") or default_db
        self.DATABASE_TIMEOUT = float(env.get("DATABASE_TIMEOUT") or 5)
        self.DATABASE_POOL = env.get("DATABASE_POOL", "1").lower() not in ("0", "false", "no")
        self.QUESTIONS_DIR = env.get("QUESTIONS_DIR") or str(ROOT / "questions")
        self.PERMANENT_SESSION_LIFETIME = timedelta(days=30)
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = env.get("HTTPS", "").lower() in ("1", "true", "yes")
        self.MAX_CONTENT_LENGTH = 64 * 1024
        # A logged-in teacher's article or quiz upload (a saved page can be a few MB).
        self.UPLOAD_MAX_LENGTH = 4 * 1024 * 1024
        # How many proxies (TLS terminator, load balancer) stand in front: their
        # X-Forwarded-* headers are then trusted for the client's address and scheme.
        self.PROXY_COUNT = int(env.get("PROXY_COUNT") or 0)
        # The address learners use to reach this app (shown on the projector and in its QR
        # code), such as http://192.168.1.20:5000 or https://school.example/fact: needed
        # when the teacher's own browser uses another (localhost, or an inside name).
        self.PUBLIC_URL = public_url(env.get("PUBLIC_URL", ""))
        self.WTF_CSRF_TIME_LIMIT = None  # a lesson may leave a page open for hours

    def as_dict(self):
        """Return the settings as a plain dict for app.config.update()."""
        return {k: v for k, v in vars(self).items() if k.isupper()}
