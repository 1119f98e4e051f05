"""The teacher's blueprint: login, class sessions, dashboard, item analysis, exports
(routes.py), the projector and the lesson the teacher leads (lesson.py), and every page
of quizzes (quizzes.py)."""

from flask import Blueprint

bp = Blueprint("teacher", __name__, url_prefix="/teacher")

from app.teacher import lesson, quizzes, routes  # noqa: E402,F401  (routes register on bp)
