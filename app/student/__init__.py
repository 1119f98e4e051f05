"""The learner's blueprint: join, practise, answer, feedback, results."""

from flask import Blueprint

bp = Blueprint("student", __name__)

from app.student import practice_link, routes  # noqa: E402,F401  (routes register on bp)
