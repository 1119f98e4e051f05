"""A quiz's life in the database: stored from a checked questions folder (with versions of
answered items), and a teacher's own quizzes: an imported article -> drafted items ->
review -> published quiz, corrected, deleted, and shared as zipped questions/<slug>/
folders.

The steps that touch the database, between the pure modules (importing and drafting make
drafts, bank reads and checks files, passages finds quotes) and the routes that call them
(app/teacher/quizzes.py, and `flask questions load`). Publishing runs the bank's own
checks and `store`, so a teacher's quiz obeys exactly the rules a questions/ folder does.
"""

import io
import json
import re
import unicodedata
import zipfile
import zlib
from pathlib import PurePosixPath

import yaml
from peewee import IntegrityError, fn

from app import bank, drafting, importing, limits, passages, wording
from app.bank import ITEM_CONTENT
from app.db import db
from app.models import DraftItem, Item, Quiz, numbered_name, set_fields
from app.words import ACCEPTED, FACT, PENDING, QUIZ_DRAFT, QUIZ_PUBLISHED, REJECTED

SLUG_MAX = 60
# "Accept all" on the review page takes the pending drafts the drafter gave at least this
# confidence. The teacher's own items (confidence None) never count: one is pending only
# when the teacher rejected it and put it back, and deserves a look of its own.
ACCEPT_ALL_MIN = 0.7
SLUG_BATCH = 20  # candidate slugs looked up at once
ZIP_MAX_MEMBERS = 20
ZIP_MAX_FILE = 1024 * 1024  # uncompressed, per file: far above any article


class FieldError(importing.ArticleError):
    """An imported article's problem that belongs to one field of the import form, named
    by `field` (the form shows it there)."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


class ShareError(ValueError):
    """A shared quiz that cannot be imported; `problems` lists every reason."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


def store(quiz, owner=None):
    """Insert or update a checked quiz (a bank.QuizData) and its items in one transaction.

    Items are matched by id, and each follows the versioning rule (Item.revise): an edited
    item no one has answered is updated in place, one with answers gets a new version. An
    item no longer in the quiz is retired. `owner` is the teacher whose quiz it is (None
    for questions/ folders); a slug that belongs to someone else is refused with
    bank.BankError. Returns counts of what happened to the items.
    """
    counts = {"added": 0, "changed": 0, "unchanged": 0, "retired": 0, "versioned": 0}
    quiz_fields = {
        "title": quiz.title,
        "headline": quiz.headline,
        "publisher": quiz.publisher,
        "published_on": quiz.published_on,
        "url": quiz.url,
        "article": quiz.article,
        "status": QUIZ_PUBLISHED,
    }
    with db.atomic():
        row = Quiz.get_or_none(Quiz.slug == quiz.slug)
        if row is None:
            row = Quiz.create(slug=quiz.slug, owner=owner, **quiz_fields)
        elif row.owner_id != owner:
            raise bank.BankError([f"{quiz.slug}: another quiz already has this name; rename it"])
        elif set_fields(row, quiz_fields):
            row.save()
        latest = {}
        for item in Item.select().where(Item.quiz == row).order_by(Item.version):
            latest[item.key] = item
        for position, data in enumerate(quiz.items):
            values = {k: data[k] for k in ITEM_CONTENT}
            item = latest.pop(data["id"], None)
            if item is None:
                Item.create(quiz=row, key=data["id"], position=position, **values)
                counts["added"] += 1
            else:
                counts[item.revise(values, position)] += 1
        counts["retired"] += sum(item.retire() for item in latest.values())
    return counts


def slugify(text):
    """Lower-case letters, digits and hyphens from a title, as a folder name."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:SLUG_MAX].rstrip("-") or "article"


def free_slug(text):
    """A slug for this title that no quiz has yet (adding -2, -3… when needed, the title
    cut shorter to make room). Candidates are looked up a batch at a time, by name: a
    numbered one need not start with the whole of a long title's slug."""
    base, first = slugify(text), 1
    while True:
        candidates = [numbered_slug(base, n) for n in range(first, first + SLUG_BATCH)]
        taken = {q.slug for q in Quiz.select(Quiz.slug).where(Quiz.slug.in_(candidates))}
        for slug in candidates:
            if slug not in taken:
                return slug
        first += SLUG_BATCH


def numbered_slug(base, n):
    """The n-th candidate for a slug: the slug itself, then "<slug>-2", "<slug>-3"…, each
    at most SLUG_MAX long."""
    if n == 1:
        return base
    suffix = f"-{n}"
    return base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix


def start_quiz(teacher_id, extracted, headline, publisher, published_on, url):
    """Create a draft quiz from an imported article, its furniture set aside (importing.clean,
    which also finds the headline when neither the form nor the page gives one). The form's
    headline, publisher, date and address win over what a saved page gives; its title is
    the headline, numbered when the teacher can already use a quiz of that title
    (free_title). Raises importing.ArticleError when the article is too long, FieldError
    when the headline is missing or too long, or no publisher is known."""
    headline, cleaned = importing.clean(extracted, headline)
    if not headline:
        raise FieldError("headline", "No headline was found in the article: give it in its field.")
    if len(headline) > limits.SHORT_FIELD_MAX:
        raise FieldError(
            "headline",
            f"The headline would be over {limits.SHORT_FIELD_MAX} characters long: "
            "give the headline in its field.",
        )
    publisher = (publisher or extracted.publisher).strip()
    if not publisher:
        raise FieldError("publisher", "Give the publisher: learners see where the article is from.")
    most = limits.FIELD_MAX
    fields = {
        "title": free_title(teacher_id, headline),
        "headline": headline,
        "publisher": publisher[: most["article.publisher"]].strip(),
        "published_on": (published_on or extracted.published_on or "")[
            : most["article.published"]
        ].strip(),
        "url": (url or extracted.url or "")[: most["article.url"]].strip(),
        "article": importing.article_text(headline, cleaned.kept),
        "owner": teacher_id,
        "status": QUIZ_DRAFT,
        "furniture": json.dumps([vars(f) for f in cleaned.furniture]),
    }
    too_long = limits.article_too_long(fields["article"])  # with the headline given
    if too_long:
        raise importing.ArticleError(too_long)
    return with_free_slug(headline, lambda slug: Quiz.create(slug=slug, **fields))


def free_title(teacher_id, title, quiz=None):
    """The title, or the first of "<title> (2)", "<title> (3)"… (within SHORT_FIELD_MAX) that
    no quiz the teacher can use has (theirs and everyone's: Quiz.usable_by), letter case
    aside, so the bank and the session form's list tell them apart. `quiz`, when renaming,
    is left out of the comparison. Titles are not unique in the database: two imports at
    the same moment may both get "(2)", which a rename puts right."""
    others = Quiz.select(Quiz.title).where(Quiz.usable_by(teacher_id))
    if quiz is not None:
        others = others.where(Quiz.id != quiz.id)
    # A teacher can use tens or hundreds of quizzes: reading their titles is cheap, and
    # exact where a LIKE pattern would have to escape the title.
    taken = {t.casefold() for (t,) in others.tuples()}
    return numbered_name(title, taken, limits.SHORT_FIELD_MAX)


def renamed_note(wanted, title):
    """The teacher's note when an imported quiz got a numbered title, else None."""
    if wanted == title:
        return None
    return (
        f"You already have a quiz called “{wanted}”, so this one is called “{title}”; "
        "rename it on its page."
    )


def rename(quiz, title):
    """Give the quiz a new title. Returns False, changing nothing, when another quiz its
    teacher can use has that title (letter case aside)."""
    if free_title(quiz.owner_id, title, quiz) != title:
        return False
    quiz.title = title
    quiz.save()
    return True


def with_free_slug(title, create):
    """create(slug) with a slug no quiz has, trying the next should another request take
    the same slug first."""
    return retry_unique(lambda: create(free_slug(title)))


def retry_unique(create):
    """Run create() in a transaction; when another request took the same unique name first
    (the database's unique index decides), run it again with a fresh one."""
    for _ in range(5):
        try:
            with db.atomic():
                return create()
        except (IntegrityError, bank.BankError):  # store's "another quiz has it"
            continue
    raise RuntimeError("could not find a free name")


def add_item(quiz, values):
    """Add an accepted item of the teacher's own (values: quiz.yaml's fields but id)."""
    return retry_unique(
        lambda: DraftItem.create(
            quiz=quiz,
            key=free_key(values["statement"], {d.key for d in quiz.drafts}),
            position=next_position(quiz),
            status=ACCEPTED,
            **values,
        )
    )


def furniture(quiz):
    """The lines the import left out of a quiz's article, to put back if wanted."""
    return [importing.Furniture(**f) for f in json.loads(quiz.furniture)]


def save_article(quiz, text, put_back=()):
    """Store the teacher's corrected article text, with the chosen left-out lines (by
    index into furniture(quiz)) put back where they were. Raises importing.ArticleError,
    changing nothing, when the article would be too long (limits.article_too_long)."""
    lines = furniture(quiz)
    text = "\n\n".join(passages.paragraphs(text)) + "\n"
    for index in sorted(set(put_back)):
        text = importing.put_back(text, lines[index])
    too_long = limits.article_too_long(text)
    if too_long:
        raise importing.ArticleError(too_long)
    quiz.article = text
    headline = passages.paragraphs(text)[0][: limits.SHORT_FIELD_MAX]
    if quiz.title == quiz.headline:
        quiz.title = headline
    quiz.headline = headline
    quiz.furniture = json.dumps([vars(f) for n, f in enumerate(lines) if n not in put_back])
    quiz.save()


def draft_items(quiz):
    """Draft items from the quiz's article, within the drafter's limits (limits.DRAFTS_MAX,
    limits.DRAFT_SECONDS). Drafts still pending or rejected are replaced; items the teacher
    accepted, edited or added stay. Returns the drafting.Drafted, its drafts those new to
    the quiz."""
    result = drafting.drafted(quiz.article, seconds=limits.DRAFT_SECONDS, limit=limits.DRAFTS_MAX)
    with db.atomic():
        DraftItem.delete().where(
            (DraftItem.quiz == quiz) & (DraftItem.status != ACCEPTED)
        ).execute()
        kept = {(d.statement, d.label) for d in quiz.drafts}
        keys = {d.key for d in quiz.drafts}
        start = next_position(quiz)
        result.drafts = [d for d in result.drafts if (d.statement, d.label) not in kept]
        for n, d in enumerate(result.drafts):
            fields = {k: getattr(d, k) for k in ITEM_CONTENT}
            DraftItem.create(
                quiz=quiz,
                key=free_key(d.statement, keys),
                position=start + n,
                confidence=d.confidence,
                **fields,
            )
    return result


def free_key(statement, taken):
    """An item id from a statement's first words that no other item of the quiz has."""
    base = slugify(" ".join(statement.split()[:6]))[:40].rstrip("-") or "item"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    taken.add(key)
    return key


def next_position(quiz):
    """The position after the quiz's last draft."""
    last = DraftItem.select(fn.MAX(DraftItem.position)).where(DraftItem.quiz == quiz).scalar()
    return 0 if last is None else last + 1


def drafts_to_review(quiz):
    """The drafts in the review page's three lists, with the accepted ones' balance and the
    content guide's advice on them (docs/content-guide.md)."""
    drafts = list(quiz.drafts.order_by(DraftItem.position))
    accepted = [d for d in drafts if d.is_accepted]
    pending = sorted((d for d in drafts if d.status == PENDING), key=review_order)
    facts = sum(d.label == FACT for d in accepted)
    items = [as_item(d) for d in accepted]
    advice = bank.guide_advice(items)
    report = wording.wording_report(items)
    return {
        "lost_quotes": {d.id for d in drafts if not passages.find_span(quiz.article, d.quote)},
        "signals": {d.id: drafting.signals(d.quote).summary() for d in drafts},
        "unpublished": not quiz.is_draft and active_item_data(quiz) != items,
        "accepted": accepted,
        "pending": pending,
        "rejected": [d for d in drafts if d.status == REJECTED],
        "facts": facts,
        "allegations": len(accepted) - facts,
        "general_advice": [text for key, text in advice if key is None],
        "item_advice": _by_key(advice),
        "wording": report,
        "wording_problems": wording.plain_problems(report),
        "leak_limit": wording.LEAK_LIMIT,
        "twin_limit": wording.TWIN_LIMIT,
        "min_items": wording.MIN_ITEMS,
        "classifier_min_items": wording.CLASSIFIER_MIN_ITEMS,
        # As many drafts as the drafter keeps: the article may well have given more.
        "drafts_capped": sum(d.confidence is not None for d in drafts) >= limits.DRAFTS_MAX,
        "drafts_max": limits.DRAFTS_MAX,
        "confident": sum(is_confident(d) for d in pending),
        "accept_all_min": ACCEPT_ALL_MIN,
    }


def review_order(draft):
    """Where a pending draft stands on the review page: the strongest first."""
    return (-(draft.confidence or 0), draft.position)


def is_confident(draft):
    """Whether "accept all" takes this pending draft: the drafter gave it at least
    ACCEPT_ALL_MIN (a teacher's own item, with no confidence, never)."""
    return draft.confidence is not None and draft.confidence >= ACCEPT_ALL_MIN


def next_in_list(draft):
    """The draft the review page lists after this one in its list (drafts to review, or
    the quiz), or the one before it when it is last; None when it is alone or rejected.
    Asked before accepting or rejecting a draft: where the teacher goes on from."""
    if draft.status == PENDING:
        siblings = sorted(draft.quiz.drafts.where(DraftItem.status == PENDING), key=review_order)
    elif draft.is_accepted:
        siblings = list(draft.quiz.accepted_drafts())
    else:
        return None
    at = next(i for i, d in enumerate(siblings) if d.id == draft.id)
    following = siblings[at + 1 : at + 2] or siblings[max(at - 1, 0) : at]
    return following[0] if following else None


def accept_confident(quiz):
    """Accept every pending draft of the quiz with confidence of at least ACCEPT_ALL_MIN,
    strongest first, at the end of the quiz. Returns how many."""
    pending = quiz.drafts.where(DraftItem.status == PENDING)
    chosen = sorted((d for d in pending if is_confident(d)), key=review_order)
    accepted = 0
    with db.atomic():
        start = next_position(quiz)
        for n, draft in enumerate(chosen):
            # Only while still pending: another tab may have rejected it meanwhile.
            accepted += (
                DraftItem.update(status=ACCEPTED, position=start + n)
                .where((DraftItem.id == draft.id) & (DraftItem.status == PENDING))
                .execute()
            )
    return accepted


def _by_key(advice):
    """The advice on single items, as {item id: [texts]}."""
    by_key = {}
    for key, text in advice:
        if key:
            by_key.setdefault(key, []).append(text)
    return by_key


def active_item_data(quiz):
    """The quiz's active items (what learners answer now) as quiz.yaml items, in order."""
    return [as_item(i) for i in quiz.active_items()]


def as_item(draft):
    """A draft (or a published Item) as a quiz.yaml item."""
    return {"id": draft.key, **{k: getattr(draft, k) for k in ITEM_CONTENT}}


def set_status(draft, status):
    """Accept, reject or restore a draft; one newly accepted joins the end of the quiz."""
    if status == ACCEPTED and not draft.is_accepted:
        draft.position = next_position(draft.quiz)
    draft.status = status
    draft.save()


def move_draft(draft, step):
    """Swap an accepted draft with the one above (step -1) or below (+1) it."""
    siblings = list(draft.quiz.accepted_drafts())
    at = next(i for i, d in enumerate(siblings) if d.id == draft.id)
    if not 0 <= at + step < len(siblings):
        return
    other = siblings[at + step]
    with db.atomic():
        draft.position, other.position = other.position, draft.position
        draft.save()
        other.save()


def accepted_quiz_data(quiz):
    """The quiz with its accepted drafts as quiz.yaml's data."""
    return _yaml_data(quiz, [as_item(d) for d in quiz.accepted_drafts()])


def _yaml_data(quiz, items):
    """quiz.yaml's data for a quiz and its items."""
    meta = {"headline": quiz.headline, "publisher": quiz.publisher}
    if quiz.published_on:
        meta["published"] = quiz.published_on
    if quiz.url:
        meta["url"] = quiz.url
    return {"title": quiz.title, "article": meta, "items": items}


def publish_drafts(quiz):
    """Check the accepted drafts as the bank checks a folder, then store them as the quiz's
    items (new versions of answered items). Raises bank.BankError with every problem.

    Returns the store's counts, and why the items could be answered without reading the
    article (app/wording.py), in a teacher's words: a warning, never a refusal."""
    data = accepted_quiz_data(quiz)
    if not data["items"]:
        raise bank.BankError(["Accept at least one item before publishing."])
    problems = []
    checked = bank.check_quiz("quiz.yaml", data, quiz.article, problems)
    if problems:
        raise bank.BankError(problems)
    checked.slug = quiz.slug
    counts = store(checked, owner=quiz.owner_id)
    return counts, wording.plain_problems(wording.wording_report(data["items"]))


def export_zip(quiz):
    """The quiz's published items as a questions/<slug>/ folder, zipped."""
    data = _yaml_data(quiz, active_item_data(quiz))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{quiz.slug}/article.txt", quiz.article)
        archive.writestr(f"{quiz.slug}/quiz.yaml", text)
    return buffer.getvalue()


def read_shared(files):
    """A shared quiz from uploaded files: a zip of a questions folder, or the folder's two
    files. `files` is [(filename, bytes)]. Returns (folder name, article, quiz.yaml) bytes."""
    if len(files) == 1 and files[0][0].lower().endswith(".zip"):
        name, data = files[0]
        return _read_zip(name, data)
    found = {PurePosixPath(n.replace("\\", "/")).name: (n, data) for n, data in files}
    missing = [n for n in ("article.txt", "quiz.yaml") if n not in found]
    if missing or len(files) != 2:
        raise ShareError(
            ["Choose a .zip of a quiz folder, or its two files: article.txt and quiz.yaml."]
        )
    folder = PurePosixPath(found["quiz.yaml"][0].replace("\\", "/")).parent.name
    return folder, found["article.txt"][1], found["quiz.yaml"][1]


def _read_zip(name, data):
    """The folder name and two files of a zipped questions folder, read in memory with
    limits (no path leaves the zip, no file is large)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ShareError([f"{name}: not a zip file"]) from exc
    try:
        with archive:
            wanted = _wanted_members(name, archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
        raise ShareError([f"{name}: the zip is damaged, encrypted or of an unknown kind"]) from exc
    missing = [n for n in ("article.txt", "quiz.yaml") if n not in wanted]
    if missing:
        raise ShareError([f"{name}: {m}: file missing" for m in missing])
    folder = wanted["quiz.yaml"][0].parent.name or PurePosixPath(name).stem
    return folder, wanted["article.txt"][1], wanted["quiz.yaml"][1]


def _wanted_members(name, archive):
    """{file name: (path, bytes)} of the zip's article.txt and quiz.yaml."""
    members = [
        m
        for m in archive.infolist()
        if not m.is_dir()
        and not m.filename.startswith("__MACOSX/")
        and not PurePosixPath(m.filename).name.startswith(".")
    ]
    if len(members) > ZIP_MAX_MEMBERS:
        raise ShareError([f"{name}: too many files for one quiz folder"])
    wanted = {}
    for member in members:
        path = PurePosixPath(member.filename)
        if path.name not in ("article.txt", "quiz.yaml"):
            continue
        if member.file_size > ZIP_MAX_FILE:
            raise ShareError([f"{name}: {member.filename}: larger than a quiz needs"])
        if path.name in wanted:
            raise ShareError([f"{name}: more than one {path.name}: zip one folder"])
        wanted[path.name] = (path, archive.read(member))
    return wanted


def from_shared(teacher_id, files):
    """Import a shared quiz as the teacher's own, published, with its items as accepted
    drafts to edit, and numbered (free_title) when the teacher can already use a quiz of
    its title. Returns it and the warnings for the teacher. Raises ShareError with the
    loader's messages."""
    folder, article, quiz_yaml = read_shared(files)
    try:
        checked = bank.read_texts(slugify(folder or "shared-quiz"), article, quiz_yaml)
    except bank.BankError as exc:
        raise ShareError(exc.problems) from exc

    wanted = checked.title

    def create(slug):
        checked.slug = slug
        checked.title = free_title(teacher_id, wanted)
        store(checked, owner=teacher_id)
        quiz = Quiz.get(Quiz.slug == slug)
        for position, item in enumerate(checked.items):
            fields = {k: item[k] for k in ITEM_CONTENT}
            DraftItem.create(
                quiz=quiz, key=item["id"], position=position, status=ACCEPTED, **fields
            )
        return quiz

    quiz = with_free_slug(folder or checked.title, create)
    note = renamed_note(wanted, quiz.title)
    return quiz, checked.warnings + ([note] if note else [])
