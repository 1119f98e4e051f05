"""The teacher's blueprint: login, class sessions, dashboard, item analysis, exports
(routes.py), and every page of quizzes (quizzes.py)."""

from flask import Blueprint

bp = Blueprint("teacher", __name__, url_prefix="/teacher")

from app.teacher import quizzes, routes  # noqa: E402,F401  (routes register on bp)
