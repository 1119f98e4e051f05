"""The application factory."""

import os
from pathlib import Path

from flask import Flask, render_template, request, session
from flask_wtf.csrf import CSRFError
from peewee import DataError, OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from app import cli, db
from app.config import ROOT, Config
from app.extensions import csrf, login_manager

ERROR_PAGES = {
    400: ("That request didn't make sense", "Go back, reload the page and try again."),
    404: ("Page not found", "There is nothing at this address."),
    405: ("That doesn't work here", "This page can't be used that way."),
    409: ("That can't be done now", "Go back and reload the page."),
    429: ("Too many tries", "Wait a few minutes, then try again."),
    413: ("Too much text", "What you sent was too long. Shorten it and try again."),
    "csrf": (
        "This form has expired",
        "The page you sent it from was out of date or didn't come from this site. "
        "Go back, reload the page and try again.",
    ),
}


def create_app(test_config=None):
    """Create the app: config, extensions, blueprints, commands and error pages."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    if test_config and "INSTANCE_PATH" in test_config:
        app.instance_path = test_config["INSTANCE_PATH"]
    owner_only_folder(app.instance_path)
    app.config.update(Config(app.instance_path).as_dict())
    if test_config:
        app.config.update(test_config)
    if app.config["PROXY_COUNT"]:
        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_security_headers(app)
    cli.init_app(app)
    return app


def owner_only_folder(path):
    """Create the folder readable by its owner alone (it holds the database and the secret
    key); tighten it if an older version made it readable by everyone."""
    path = Path(path)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_uid == os.getuid():
        path.chmod(0o700)


UPLOAD_ENDPOINTS = {"teacher.import_article", "teacher.import_shared", "teacher.edit_article"}


def register_extensions(app):
    """Bind the database and CSRF protection."""
    db.init_app(app)

    @app.before_request
    def allow_uploads():
        # Registered before CSRFProtect, which reads the form: a teacher's article may be
        # larger than anything else this site accepts, but only on these pages and only
        # with a login cookie.
        if request.endpoint in UPLOAD_ENDPOINTS and "_user_id" in session:
            request.max_content_length = app.config["UPLOAD_MAX_LENGTH"]
            request.max_form_memory_size = app.config["UPLOAD_MAX_LENGTH"]

    csrf.init_app(app)
    login_manager.init_app(app)


def register_blueprints(app):
    """Attach one blueprint per audience."""
    from app.student import bp as student_bp
    from app.teacher import bp as teacher_bp

    app.register_blueprint(student_bp)
    app.register_blueprint(teacher_bp)


def register_errorhandlers(app):
    """Friendly pages for every error a learner can meet; never a stack trace."""

    def page(code, title, message):
        return render_template("errors/error.html", title=title, message=message), code

    @app.errorhandler(HTTPException)
    def http_error(error):
        title, default = ERROR_PAGES.get(error.code, (error.name, ""))
        # abort(code, "message") passes a sentence meant for the learner; Werkzeug's
        # own descriptions are for developers and are replaced by ours.
        own = error.description != type(error).description
        return page(error.code, title, error.description if own else default)

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return page(400, *ERROR_PAGES["csrf"])

    @app.errorhandler(DataError)
    def unstorable_input(error):
        # Text the database cannot hold (PostgreSQL refuses NUL bytes) got past a form's
        # checks: nothing was stored, so say the request was bad rather than fail.
        app.logger.info("refused unstorable input: %s", error)
        return page(400, *ERROR_PAGES[400])

    @app.errorhandler(OperationalError)
    def database_busy(error):
        app.logger.warning("database unavailable: %s", error)
        return page(
            503,
            "Please try again",
            "The server is busy for a moment and nothing was saved. "
            "Wait a few seconds, then send your answer again.",
        )

    @app.errorhandler(500)
    def server_error(error):
        return page(
            500,
            "Something went wrong",
            "Sorry: that was our mistake, not yours. Go back and try again.",
        )


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def register_security_headers(app):
    """Send the security headers with every response, error pages and files included."""

    @app.after_request
    def add_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if response.mimetype == "text/html" or "Content-Disposition" in response.headers:
            # Pages hold attempt tokens and teachers' data, downloads (CSV, zip) learners'
            # names and answers: never cache them, in shared caches or the browser's.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def register_template_helpers(app):
    """Filters that format figures the same way on every page, and the app's words
    (app/words.py) for every template."""
    from app import formatting, scoring, words

    app.jinja_env.filters.update(formatting.FILTERS)
    app.jinja_env.globals.update(
        LABEL_NAMES=words.LABEL_NAMES,
        CONFIDENCE_NAMES=words.CONFIDENCE_NAMES,
        CUE_TYPE_NAMES=words.CUE_TYPE_NAMES,
        PART_NAMES=words.PART_NAMES,
        change_sentences=scoring.learner_change_sentences,
        # The names of the levels whose wrong answers count as confident errors, for prose.
        CONFIDENT_NAMES=" or ".join(
            f"“{words.CONFIDENCE_NAMES[level].lower()}”" for level in scoring.CONFIDENT_LEVELS
        ),
    )
