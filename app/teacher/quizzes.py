"""Every /teacher/quizzes… page: the bank of quizzes and one quiz's items; a teacher's own
quizzes imported from an article, corrected, drafted, reviewed, published, tried, deleted;
quizzes shared as zipped folders. Whatever changes a quiz is done in app/quizzes.py.

A teacher sees everyone's quizzes and their own (`visible_quiz`), and changes only their
own (`own_quiz`): anything else is a 404."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from peewee import IntegrityError

from app import importing, limits, passages, quizzes, reports
from app.bank import ITEM_CONTENT, BankError
from app.db import db
from app.models import Attempt, ClassSession, DraftItem, Item, Quiz
from app.student.practice_link import practice_url
from app.teacher import bp
from app.teacher.forms import ArticleForm, DraftForm, ImportForm, QuizTitleForm, ShareForm
from app.words import ACCEPTED, FACT, PENDING, REJECTED

DRAFT_ACTIONS = {
    "accept": ACCEPTED,
    "reject": REJECTED,
    "restore": PENDING,
}


def own_quiz(slug):
    """The current teacher's own quiz with this slug, or a 404."""
    quiz = Quiz.get_or_none((Quiz.slug == slug) & (Quiz.owner == current_user.id))
    return quiz or abort(404)


def visible_quiz(slug):
    """A quiz the teacher may see and use (everyone's, or their own), or a 404."""
    quiz = Quiz.get_or_none((Quiz.slug == slug) & Quiz.usable_by(current_user.id))
    return quiz or abort(404)


def usable_quiz(slug):
    """A quiz the teacher may use that learners can take (it has active items), or a 404."""
    quiz = visible_quiz(slug)
    if not quiz.has_active_items():
        abort(404, "This quiz has nothing published yet.")
    return quiz


@bp.get("/quizzes", endpoint="quizzes")
def quiz_bank():
    """Every quiz in the bank, and the teacher's own (drafts too)."""
    rows = reports.quiz_list(current_user.id)
    return render_template("teacher/quizzes.html", rows=rows)


@bp.get("/quizzes/<slug>", endpoint="quiz")
def show_quiz(slug):
    """One quiz's items with labels, quotes and explanations, and each item's versions."""
    return quiz_page(visible_quiz(slug))


def quiz_page(quiz, title_form=None, status=200):
    """The quiz's page; one's own quiz also with its title to change, and once published
    its practice link and the attempts made through it."""
    items = list(Item.select().where(Item.quiz == quiz).order_by(Item.position, Item.version))
    current = [i for i in items if i.active]
    earlier = {}
    for item in items:
        if not item.active:
            earlier.setdefault(item.key, []).append(item)
    own = quiz.owner_id == current_user.id
    shared = own and not quiz.is_draft and bool(current)
    return render_template(
        "teacher/quiz.html",
        quiz=quiz,
        items=current,
        earlier=earlier,
        own=own,
        title_form=title_form or QuizTitleForm(title=quiz.title),
        practice_url=practice_url(quiz) if shared else None,
        practice=reports.link_practice(quiz) if shared else None,
    ), status


@bp.post("/quizzes/<slug>/title")
def rename_quiz(slug):
    """Give one's own quiz a title no other quiz of the teacher's bank has."""
    quiz = own_quiz(slug)
    form = QuizTitleForm()
    if form.validate_on_submit():
        wanted = form.title.data
        if quizzes.rename(quiz, wanted):
            flash(f"The quiz is now called “{wanted}”.", "info")
            return redirect(url_for("teacher.quiz", slug=quiz.slug))
        form.title.errors.append(
            f"You already have a quiz called “{wanted}”: choose a title of its own, "
            f"such as “{quizzes.free_title(current_user.id, wanted, quiz)}”."
        )
    return quiz_page(quiz, title_form=form, status=400)


def own_draft(quiz, draft_id):
    """One draft item of the teacher's quiz, or a 404."""
    draft = DraftItem.get_or_none((DraftItem.id == draft_id) & (DraftItem.quiz == quiz))
    return draft or abort(404)


def import_page(form=None, share=None, status=200):
    """The page with both ways in: an article to draft from, or a shared quiz."""
    return render_template(
        "teacher/import.html",
        form=form or ImportForm(),
        share=share or ShareForm(),
        article_max_words=f"{limits.ARTICLE_MAX_WORDS:,}",
    ), status


@bp.get("/quizzes/new")
def new_quiz():
    """Start a quiz from an article, or import a shared one."""
    return import_page()


@bp.post("/quizzes/new")
def import_article():
    """Read the pasted or uploaded article; show it cleaned, for correction."""
    form = ImportForm()
    if not form.validate_on_submit():
        return import_page(form=form, status=400)
    try:
        quiz = quizzes.start_quiz(
            current_user.id,
            _extract(form),
            form.headline.data,
            form.publisher.data,
            form.published.data,
            form.url.data,
        )
    except importing.ArticleError as exc:
        form[_field_of(exc, form)].errors.append(str(exc))
        return import_page(form=form, status=400)
    note = quizzes.renamed_note(quiz.headline, quiz.title)
    if note:
        flash(note, "info")
    return redirect(url_for("teacher.edit_article", slug=quiz.slug))


def _field_of(exc, form):
    """The import form's field an article's problem belongs to: the one it names, else the
    way the article came in (the file, or the pasted text)."""
    if isinstance(exc, quizzes.FieldError):
        return exc.field
    return "file" if form.file.data and form.file.data.filename else "text"


def _extract(form):
    """The article from the form's file or pasted text."""
    if form.file.data and form.file.data.filename:
        name = form.file.data.filename.lower()
        fmt = "html" if name.endswith((".html", ".htm")) else name.rsplit(".", 1)[-1]
        return importing.extract(form.file.data.read(), fmt)
    return importing.extract(form.text.data, "txt")


@bp.post("/quizzes/shared")
def import_shared():
    """Import a shared quiz folder (zipped, or its two files) as one's own."""
    share = ShareForm()
    if share.validate_on_submit():
        files = [(f.filename or "", f.read()) for f in share.files.data if f]
        try:
            quiz, warnings = quizzes.from_shared(current_user.id, files)
        except quizzes.ShareError as exc:
            share.files.errors.extend(exc.problems)
        else:
            for warning in warnings:
                flash(f"Note: {warning}", "info")
            flash(f"Imported “{quiz.title}” with {quiz.drafts.count()} items.", "info")
            return redirect(url_for("teacher.review", slug=quiz.slug))
    return import_page(share=share, status=400)


@bp.route("/quizzes/<slug>/article", methods=["GET", "POST"])
def edit_article(slug):
    """Correct the cleaned article and put back any line left out; then draft items."""
    quiz = own_quiz(slug)
    lines = quizzes.furniture(quiz)
    form = ArticleForm(data={"text": quiz.article} if request.method == "GET" else None)
    form.put_back.choices = [(n, line.text) for n, line in enumerate(lines)]
    if form.validate_on_submit():
        try:
            quizzes.save_article(quiz, form.text.data, form.put_back.data or [])
        except importing.ArticleError as exc:
            form.text.errors.append(str(exc))
        else:
            if form.draft.data:
                draft_and_say_so(quiz)
                return redirect(url_for("teacher.review", slug=quiz.slug))
            flash("The article is saved.", "info")
            return redirect(url_for("teacher.edit_article", slug=quiz.slug))
    status = 400 if form.is_submitted() else 200
    return render_template("teacher/article_edit.html", quiz=quiz, form=form, lines=lines), status


def draft_and_say_so(quiz):
    """Draft items from the quiz's article, and tell the teacher how many, and whether the
    drafter kept only its strongest drafts or stopped early."""
    try:
        result = quizzes.draft_items(quiz)
    except IntegrityError:  # the same button pressed in another tab got there first
        drafted = quiz.drafts.where(DraftItem.status == PENDING).count()
        flash(f"{drafted} items drafted, strongest first. Accept, edit or reject each.", "info")
        return
    flash(
        f"{len(result.drafts)} items drafted, strongest first. Accept, edit or reject each.",
        "info",
    )
    if result.dropped:
        flash(
            f"The article gave more drafts than the review page shows: only its "
            f"{limits.DRAFTS_MAX} strongest drafts are kept. Add any other item by hand.",
            "info",
        )
    if result.stopped_early:
        flash(
            f"The drafter stopped early: it takes at most {limits.DRAFT_SECONDS} seconds over "
            "an article, and this one needed longer. The drafts below come from the start of "
            "the article; add items by hand from the rest.",
            "warning",
        )


@bp.get("/quizzes/<slug>/review")
def review(slug):
    """Every draft of the quiz, to accept, edit, reject or reorder; then publish."""
    quiz = own_quiz(slug)
    return review_page(quiz, DraftForm(label=FACT))


def review_page(quiz, add_form, problems=(), status=200):
    """The review page, with the add-an-item form and any publishing problems."""
    return render_template(
        "teacher/review.html",
        quiz=quiz,
        add_form=add_form,
        problems=problems,
        paragraphs=passages.paragraphs(quiz.article),
        **quizzes.drafts_to_review(quiz),
    ), status


@bp.post("/quizzes/<slug>/drafts/<int:draft_id>/<action>")
def draft_action(slug, draft_id, action):
    """Accept, reject or restore a draft, or move an accepted one up or down; then back to
    the review page where the teacher was: at the next draft of the list the draft left
    (the next still to review, after accepting or rejecting one), else at the draft."""
    quiz = own_quiz(slug)
    draft = own_draft(quiz, draft_id)
    anchor = f"draft-{draft.id}"
    if action in ("up", "down"):
        quizzes.move_draft(draft, -1 if action == "up" else 1)
    elif action in DRAFT_ACTIONS:
        if DRAFT_ACTIONS[action] != draft.status:  # it leaves its list
            following = quizzes.next_in_list(draft)
            if following is not None:
                anchor = f"draft-{following.id}"
            elif draft.status == PENDING:
                anchor = "pending-heading"  # it was the last: "No drafts waiting"
            elif draft.is_accepted:
                anchor = "accepted-heading"
        quizzes.set_status(draft, DRAFT_ACTIONS[action])
    else:
        abort(404)
    return redirect(url_for("teacher.review", slug=quiz.slug, _anchor=anchor))


@bp.post("/quizzes/<slug>/drafts/accept-confident")
def accept_confident(slug):
    """Accept every draft still to review that the drafter is confident of
    (quizzes.ACCEPT_ALL_MIN), and say how many."""
    quiz = own_quiz(slug)
    accepted = quizzes.accept_confident(quiz)
    least = f"{quizzes.ACCEPT_ALL_MIN:.0%}"
    if accepted:
        flash(
            f"Accepted {accepted} draft{'' if accepted == 1 else 's'} with confidence of "
            f"{least} or more.",
            "info",
        )
    else:
        flash(f"No draft waiting has confidence of {least} or more.", "info")
    return redirect(url_for("teacher.review", slug=quiz.slug, _anchor="pending-heading"))


@bp.route("/quizzes/<slug>/drafts/<int:draft_id>/edit", methods=["GET", "POST"])
def edit_draft(slug, draft_id):
    """Edit one item; saving accepts it."""
    quiz = own_quiz(slug)
    draft = own_draft(quiz, draft_id)
    form = DraftForm(obj=draft)
    if form.validate_on_submit() and form.check_against(quiz.article):
        form.populate_obj(draft)
        quizzes.set_status(draft, ACCEPTED)
        flash("Saved and accepted.", "info")
        return redirect(url_for("teacher.review", slug=quiz.slug, _anchor=f"draft-{draft.id}"))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "teacher/draft_edit.html",
        quiz=quiz,
        draft=draft,
        form=form,
        paragraphs=passages.paragraphs(quiz.article),
    ), status


@bp.post("/quizzes/<slug>/drafts")
def add_draft(slug):
    """Add an item of the teacher's own, from a passage of the article."""
    quiz = own_quiz(slug)
    form = DraftForm()
    if not (form.validate_on_submit() and form.check_against(quiz.article)):
        return review_page(quiz, form, status=400)
    draft = quizzes.add_item(quiz, {name: form[name].data for name in ITEM_CONTENT})
    flash("Item added to the quiz.", "info")
    return redirect(url_for("teacher.review", slug=quiz.slug, _anchor=f"draft-{draft.id}"))


@bp.post("/quizzes/<slug>/publish")
def publish(slug):
    """Publish the accepted items after the bank's checks; they are ready for sessions."""
    quiz = own_quiz(slug)
    try:
        counts, leaks = quizzes.publish_drafts(quiz)
    except BankError as exc:
        return review_page(quiz, DraftForm(label=FACT), problems=exc.problems, status=400)
    kept = counts["versioned"]
    note = f" {kept} answered item(s) got a new version; old answers keep theirs." if kept else ""
    flash(f"Published. It is ready for a class session now.{note}", "info")
    for warning in leaks:
        flash(f"Published all the same, but: {warning}", "warning")
    return redirect(url_for("teacher.review", slug=quiz.slug))


@bp.get("/quizzes/<slug>/export.zip")
def export_quiz(slug):
    """A quiz (everyone's, or one's own) as a questions/<slug>/ folder, zipped."""
    quiz = usable_quiz(slug)
    return (
        quizzes.export_zip(quiz),
        200,
        {
            "Content-Type": "application/zip",
            "Content-Disposition": f'attachment; filename="{quiz.slug}.zip"',
        },
    )


def sessions_using(quiz):
    """How many class sessions (not practice) run on the quiz."""
    return quiz.sessions.where(~ClassSession.is_practice).count()


@bp.get("/quizzes/<slug>/delete")
def confirm_delete_quiz(slug):
    """Ask before deleting one's own quiz; refuse while a class session uses it."""
    quiz = own_quiz(slug)
    return render_template("teacher/delete_quiz.html", quiz=quiz, sessions=sessions_using(quiz))


@bp.post("/quizzes/<slug>/delete")
def delete_quiz(slug):
    """Delete one's own quiz with its drafts, unless a class session uses it."""
    quiz = own_quiz(slug)
    sessions = sessions_using(quiz)
    if sessions:
        return render_template("teacher/delete_quiz.html", quiz=quiz, sessions=sessions), 409
    with db.atomic():
        # Practice attempts (the teacher's try-outs) first: their answers hold the items.
        ClassSession.delete().where(ClassSession.quiz == quiz).execute()
        quiz.delete_instance()  # drafts and items go with it (ON DELETE CASCADE)
    flash(f"Deleted “{quiz.title}”.", "info")
    return redirect(url_for("teacher.quizzes"))


@bp.post("/quizzes/<slug>/try")
def try_quiz(slug):
    """Take a published quiz as a learner does, on one's own (a practice attempt)."""
    quiz = usable_quiz(slug)
    attempt = Attempt.begin(ClassSession.practice_for(quiz), current_user.username)
    return redirect(url_for("student.attempt", token=attempt.token))
