"""The projector: the join code and address, who has joined, and, in a lesson the teacher
leads, each statement, how many have answered, the class's answers shown for discussion,
and the statements the class found hardest."""

import ipaddress
import os
import socket
from urllib.parse import urlsplit

import segno
from flask import current_app, flash, redirect, render_template, request, url_for
from markupsafe import Markup

from app import lesson, passages
from app.models import Item
from app.student.routes import learner_url
from app.teacher import bp
from app.teacher.routes import own_session
from app.words import QUESTION


def join_address(class_session):
    """The address learners open: the home page with the code filled in."""
    return learner_url("student.home", code=class_session.join_code)


def shown_host(link):
    """The address to type, as short as it goes: 'school.example/fact' from the link."""
    parts = urlsplit(link)
    return parts.netloc + parts.path.rstrip("/")


LOOPBACK, UNSPECIFIED = "loopback", "unspecified"


def unreachable_kind(host):
    """Why no other device reaches a host (as in an address, port and all): LOOPBACK (this
    computer's own address), UNSPECIFIED (0.0.0.0, no address at all), or None."""
    name = (urlsplit(f"//{host}").hostname or "").rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return LOOPBACK
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return None
    for a in (address, getattr(address, "ipv4_mapped", None)):
        if a is not None and a.is_loopback:
            return LOOPBACK
        if a is not None and a.is_unspecified:
            return UNSPECIFIED
    return None


def is_loopback(host):
    """Whether no other device reaches a host: this computer's own address, or 0.0.0.0."""
    return unreachable_kind(host) is not None


def network_address():
    """This computer's address on its network, as other devices may reach it, or None.
    (Connecting a UDP socket sends nothing; it only picks the outgoing interface.)"""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.254.254.254", 1))
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if ipaddress.ip_address(address).is_loopback else address


def reach_warning(link):
    """What the teacher needs to know when learners can't reach the join address (this
    computer's own, or 0.0.0.0), or None."""
    host = urlsplit(link).netloc
    kind = unreachable_kind(host)
    if kind is None:
        return None
    if current_app.config.get("PUBLIC_URL"):
        return {"host": host, "nowhere": kind == UNSPECIFIED, "public_url": True}
    port = urlsplit(link).port
    address = network_address()
    bind = os.environ.get("HOST", "")  # where `make run` listens
    bound_to_loopback = unreachable_kind(bind) == LOOPBACK
    return {
        "host": host,
        "nowhere": kind == UNSPECIFIED,
        "suggestion": f"http://{address}{f':{port}' if port else ''}/" if address else None,
        "restart": bound_to_loopback,
    }


def projector_context(class_session):
    """What the projector shows at the lesson's stage."""
    link = join_address(class_session)
    context = {"class_session": class_session, "link": link, "host": shown_host(link)}
    ids = class_session.shared_ids or []
    context["total"] = len(ids)
    shown = class_session.current
    if class_session.paced and shown:
        item = Item.get_by_id(ids[shown - 1])
        context["item"] = item
        if class_session.stage != QUESTION:
            context["split"] = lesson.split(class_session, item.id)
            article = class_session.quiz.article
            context["passage"] = passages.passage(article, item.quote, item.cue)
    if class_session.in_review and not shown:
        context["hardest"] = lesson.hardest(class_session)
    return context


def live_context(class_session):
    """The projector's changing part: who has joined, and how many have answered."""
    names = lesson.joined(class_session)
    context = {"class_session": class_session, "names": names, "answered": None}
    if class_session.paced and class_session.stage == QUESTION:
        item_id = class_session.shared_ids[class_session.current - 1]
        context["answered"] = lesson.answered_count(class_session, item_id)
    return context


@bp.get("/sessions/<int:session_id>/projector")
def projector(session_id):
    """The projector: the lobby (join code in very large type, the address, a QR code of
    the join link, who has joined), then, in a lesson the teacher leads, the lesson."""
    class_session = own_session(session_id)
    context = projector_context(class_session)
    if "item" not in context and "hardest" not in context:
        svg = segno.make(context["link"], error="m").svg_inline(
            scale=8, title="QR code of the join link"
        )
        # segno draws the modules as paths; no text of ours reaches the markup but the title.
        context["qr"] = Markup(svg)  # noqa: S704  # nosec B704
        context["warning"] = reach_warning(context["link"])
    return render_template("teacher/projector.html", **{**live_context(class_session), **context})


@bp.get("/sessions/<int:session_id>/projector/live")
def projector_live(session_id):
    """The projector's changing part alone, for the page's script to swap in."""
    class_session = own_session(session_id)
    return render_template("teacher/_lobby.html", **live_context(class_session))


@bp.post("/sessions/<int:session_id>/lesson")
def move_lesson(session_id):
    """The teacher's buttons in a lesson they lead: start, show the answers, next
    statement, show one again. A press from a page the lesson has since moved on from
    (another tab, a double click) changes nothing."""
    class_session = own_session(session_id)
    action = request.form.get("action", "")
    position = request.form.get("position", 0, type=int)
    if not class_session.paced or action not in lesson.MOVES:
        flash("That isn't something this session can do.", "error")
    elif not class_session.is_open:
        flash("This session is closed: reopen it to go on with the lesson.", "error")
    elif request.form.get("state") != class_session.state or not lesson.move(
        class_session, action, position
    ):
        flash("The lesson had already moved on: here is where it is now.", "info")
    return redirect(url_for("teacher.projector", session_id=class_session.id))
