"""The Peewee models: quizzes and items from questions/, and what learners do with them."""

import functools
import json
import random
import secrets
from datetime import UTC, datetime, timedelta

from flask_login import UserMixin
from peewee import (
    BooleanField,
    CharField,
    Check,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    IntegrityError,
    Model,
    SmallIntegerField,
    TextField,
    fn,
)
from werkzeug.security import check_password_hash, generate_password_hash

from app.db import Prepared, db
from app.words import (
    ACCEPTED,
    AFTER,
    ALLEGATION,
    BEFORE,
    CONFIDENCE_LEVELS,
    FACT,
    FORM_ORDERS,
    LABELS,
    LOBBY,
    PENDING,
    PRACTICE,
    QUESTION,
    QUIZ_DRAFT,
    QUIZ_PUBLISHED,
    REVEAL,
    REVIEW,
    STAGES,
)

# Join codes avoid look-alikes: no 0/O, no 1/I/L.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def one_of(column, values):
    """A CHECK constraint: the column holds one of these values."""
    return Check(f"{column} IN ({', '.join(repr(v) for v in values)})")


def numbered_name(name, taken, most, key=str.casefold):
    """The name, or the first of "<name> (2)", "<name> (3)"… whose key no name in `taken`
    (a set of keys) has, each cut to fit in `most` characters."""
    candidate, n = name, 1
    while key(candidate) in taken:
        n += 1
        suffix = f" ({n})"
        candidate = name[: most - len(suffix)].rstrip() + suffix
    return candidate


def utcnow():
    """Return the current time in UTC, without tzinfo, as every row stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = db


_UNKNOWN_TEACHER_HASH = generate_password_hash(secrets.token_hex(16))


class Teacher(UserMixin, BaseModel):
    """A teacher's account; a teacher sees only their own class sessions."""

    username = CharField(unique=True, max_length=40)
    password_hash = CharField()
    created_at = DateTimeField(default=utcnow)
    # Failed logins since the teacher last logged in, told to them at their next login.
    failed_logins = IntegerField(default=0)
    # Digests of the addresses (throttle.origin_digest) this teacher logged in from,
    # newest first: JSON. Tries from them are spared the limits a stranger elsewhere sets.
    known_origins = TextField(default="[]")

    def set_password(self, password):
        """Store a salted hash of the password (Werkzeug's scrypt), never the password."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        """Whether the password matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    @staticmethod
    def authenticate(teacher, password):
        """The teacher (an account found by name, or None) if the password is theirs, else
        None. No account costs the same hash check as one, so the time taken does not tell
        which names exist."""
        if teacher is None:
            check_password_hash(_UNKNOWN_TEACHER_HASH, password)
            return None
        return teacher if teacher.check_password(password) else None

    # Flask-Login keeps get_id() in the session cookie: the token of a TeacherLogin row,
    # so a login ends when its row goes, whatever became of the cookie.
    login_token = None

    def get_id(self):
        return self.login_token

    def start_login(self):
        """Open a login for this teacher (a new TeacherLogin row); return the teacher ready
        for Flask-Login, and how many failed logins there were since the last one (the
        count starts again from here)."""
        TeacherLogin.delete().where(TeacherLogin.created_at < utcnow() - LOGIN_LIFETIME).execute()
        self.login_token = TeacherLogin.create(teacher=self).token
        failed = Teacher.select(Teacher.failed_logins).where(Teacher.id == self.id).scalar()
        if failed:
            Teacher.update(failed_logins=Teacher.failed_logins - failed).where(
                Teacher.id == self.id
            ).execute()
        return failed or 0

    def end_login(self):
        """End this login (on logout)."""
        TeacherLogin.delete().where(TeacherLogin.token == self.login_token).execute()

    def end_logins(self, keep=None):
        """End this teacher's logins (all, or all but the `keep` token): on a password
        change."""
        query = TeacherLogin.delete().where(TeacherLogin.teacher == self.id)
        if keep:
            query = query.where(TeacherLogin.token != keep)
        query.execute()

    @classmethod
    def from_login(cls, token):
        """The teacher a login token belongs to, or None once that login has ended."""
        teacher = (
            cls.select()
            .join(TeacherLogin)
            .where(
                (TeacherLogin.token == token)
                & (TeacherLogin.created_at > utcnow() - LOGIN_LIFETIME)
            )
            .first()
        )
        if teacher is not None:
            teacher.login_token = token
        return teacher

    KNOWN_ORIGINS = 10

    def knows_origin(self, origin):
        """Whether this teacher has logged in from the address with this digest."""
        return origin in json.loads(self.known_origins)

    def remember_origin(self, origin):
        """Add an address's digest to those this teacher logged in from."""
        known = [origin, *(o for o in json.loads(self.known_origins) if o != origin)]
        self.known_origins = json.dumps(known[: self.KNOWN_ORIGINS])
        Teacher.update(known_origins=self.known_origins).where(Teacher.id == self.id).execute()

    @classmethod
    def count_failed_login(cls, username):
        """Add one to the account's failed logins (nothing if there is no such account)."""
        cls.update(failed_logins=cls.failed_logins + 1).where(cls.username == username).execute()


# A login lasts a school day at most, even in a browser left open.
LOGIN_LIFETIME = timedelta(hours=12)


class Quiz(BaseModel):
    """One article and the statements drawn from it: loaded from questions/<slug>/ (no
    owner, for everyone), or imported by a teacher (theirs alone).

    Its items are the learners' statements (`active_items()`); a teacher's quiz also has
    drafts (DraftItem), which publishing turns into items."""

    slug = CharField(unique=True)
    title = CharField()
    headline = CharField()
    publisher = CharField()
    # The day the article appeared, as its page gives it (quiz.yaml's article.published).
    published_on = CharField(default="", column_name="published")
    url = CharField(default="")
    article = TextField()
    owner = ForeignKeyField(Teacher, null=True, backref="quizzes", on_delete="CASCADE")
    # QUIZ_DRAFT until a teacher first publishes it, then QUIZ_PUBLISHED (app/words.py).
    status = CharField(default=QUIZ_PUBLISHED)
    furniture = TextField(default="[]")  # JSON: lines the import left out, to put back

    @classmethod
    def usable_by(cls, teacher_id=None):
        """The condition on quizzes a teacher may see and use: everyone's (no owner) and
        their own. With no teacher (a learner practising): everyone's alone."""
        condition = cls.owner.is_null()
        if teacher_id is not None:
            condition |= cls.owner == teacher_id
        return condition

    @property
    def is_draft(self):
        """Whether the teacher has not yet published it (it may have no items)."""
        return self.status == QUIZ_DRAFT

    def active_items(self):
        """The items learners answer now (Item.active_in), in the quiz's order."""
        return Item.active_in(self)

    def has_active_items(self):
        """Whether learners can take it: it has at least one active item."""
        return self.active_items().exists()

    def accepted_drafts(self):
        """The drafts the teacher accepted, in the quiz's order: what publishing takes."""
        return self.drafts.where(DraftItem.status == ACCEPTED).order_by(DraftItem.position)


def quiz_choices(teacher_id=None):
    """(slug, title) of every quiz with active items that a teacher may use (or, with no
    teacher, everyone's), by title, for a form's list."""
    if teacher_id is None:  # the home page's, on every visit: a prepared query
        return list(PUBLIC_QUIZ_CHOICES.run())
    return list(_quiz_choices(teacher_id))


def _quiz_choices(teacher_id):
    has_items = fn.EXISTS(Item.active_in(Quiz.id).select(Item.id).order_by())
    # Only the two columns: an article is long.
    quizzes = Quiz.select(Quiz.slug, Quiz.title).where(has_items & Quiz.usable_by(teacher_id))
    return quizzes.order_by(Quiz.title).tuples()


class Item(BaseModel):
    """One version of a statement to sort; `key` is the id from quiz.yaml and never changes.
    Editing an answered item makes a new version, so answers keep the words they answered."""

    quiz = ForeignKeyField(Quiz, backref="items", on_delete="CASCADE")
    key = CharField()
    version = IntegerField(default=1)
    position = IntegerField()
    active = BooleanField(default=True)  # False once removed or replaced by a new version
    statement = TextField()
    label = CharField(constraints=[one_of("label", LABELS)])
    quote = TextField()
    explanation = TextField()
    cue = TextField()
    cue_type = CharField()
    source = CharField()
    source_type = CharField()

    class Meta:
        indexes = ((("quiz", "key", "version"), True),)

    @classmethod
    def active_in(cls, quiz):
        """A quiz's items that learners answer now (neither retired nor replaced by a newer
        version), in the quiz's order; `quiz` is a Quiz or its id."""
        return cls.select().where((cls.quiz == quiz) & cls.active).order_by(cls.position, cls.id)

    @property
    def is_fact(self):
        """Whether the right answer is FACT."""
        return self.label == FACT

    def is_answered(self):
        """Whether any learner has answered this version."""
        return Response.select().where(Response.item == self).exists()

    def revise(self, values, position):
        """Give the item new content (`values`: ITEM_CONTENT fields) at a position: the
        versioning rule. Unanswered, it is changed in place; answered and edited, it is
        retired and a new version takes its place, so every answer keeps the words it
        answered. Returns "versioned", "changed" or "unchanged"."""
        edited = any(getattr(self, k) != v for k, v in values.items())
        if edited and self.is_answered():
            Item.update(active=False).where(Item.id == self.id).execute()
            Item.create(
                quiz=self.quiz_id,
                key=self.key,
                version=self.version + 1,
                position=position,
                **values,
            )
            return "versioned"
        if set_fields(self, {**values, "position": position, "active": True}):
            self.save()
            return "changed"
        return "unchanged"

    def retire(self):
        """Take the item out of the quiz (its answers keep it). Returns whether it was in."""
        if not self.active:
            return False
        self.active = False
        self.save()
        return True


def set_fields(row, values):
    """Set the values on a model instance; return whether anything changed."""
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return changed


class TeacherLogin(BaseModel):
    """One logged-in browser: the cookie names this row, so deleting it (logout, a password
    change, or age) ends that login even if the cookie was copied."""

    token = CharField(unique=True, default=lambda: secrets.token_urlsafe(24))
    teacher = ForeignKeyField(Teacher, backref="logins", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow, index=True)


class CountedTry(BaseModel):
    """A try that app/throttle.py counts (a login, a wrong join code, a practice start),
    kept in the database so throttling holds across processes."""

    key = CharField(index=True)  # e.g. "login:ada|<address digest>" or "join:<digest>"
    at = DateTimeField(default=utcnow, index=True)

    class Meta:
        table_name = "loginfailure"  # its name from when it counted failed logins alone


class ClassSession(BaseModel):
    """A lesson learners join with a code; practice on one's own is a session too."""

    quiz = ForeignKeyField(Quiz, backref="sessions", on_delete="CASCADE")
    teacher = ForeignKeyField(Teacher, null=True, backref="sessions", on_delete="CASCADE")
    title = CharField()
    join_code = CharField(null=True, index=True)  # None for practice; see the index below
    is_practice = BooleanField(default=False)
    is_open = BooleanField(default=True)
    read_first = BooleanField(default=True)
    ask_confidence = BooleanField(default=True)
    feedback_each = BooleanField(default=True)  # False: feedback only at the end
    ask_evidence = BooleanField(default=True)  # learners mark the sentence that decides it
    # With feedback at the end: results show the answers only once the session is closed,
    # so no one can join under a throwaway name to read them.
    key_after_close = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)
    # How many statements each learner gets (None: all), drawn half facts, half allegations;
    # `item_order`, when set, is the one draw every learner gets, in that order (JSON ids);
    # otherwise each learner gets a draw of their own.
    item_count = IntegerField(null=True)
    item_order = TextField(null=True)
    closes_at = DateTimeField(null=True)  # UTC; past it, the session closes itself
    # A lesson the teacher leads: everyone is on statement `current` (1-based; 0 in the
    # lobby) at once, and the stage says whether its answers are shown yet.
    paced = BooleanField(default=False)
    stage = CharField(default=LOBBY, constraints=[one_of("stage", STAGES)])
    current = IntegerField(default=0)
    # A lesson with a check before and after: the quiz's two parallel forms and the
    # statements to practise on between them, JSON {"A": ids, "B": ids, "practice": ids}
    # (see split_forms); `after_open` False while the check after waits for the teacher.
    check_forms = TextField(null=True)
    after_open = BooleanField(default=True)

    @classmethod
    def open_class(cls, quiz, title, same_for_everyone=False, **options):
        """Create a class session with a join code no open session uses; with
        `same_for_everyone` (always, when the teacher leads), every learner gets one draw."""
        session = cls(quiz=quiz, title=title, **options)
        if same_for_everyone or session.paced:
            session.draw_for_everyone()
        session.save_with_fresh_code()
        return session

    def save_with_fresh_code(self):
        """Save the session open, drawing a new code if another open session holds its code
        (the database decides, so two teachers at once cannot get the same code). A session
        already stored has only these columns written: a lesson moved on meanwhile (another
        tab of the teacher's) stays where it is."""
        self.is_open = True
        only = None if self.id is None else OPENING_FIELDS
        for _ in range(20):
            if self.join_code is None:
                self.join_code = new_join_code()
            try:
                with db.atomic():
                    self.save(only=only)
                return
            except IntegrityError:
                self.join_code = None
        raise RuntimeError("could not find a free join code")

    @classmethod
    def find_by_code(cls, code):
        """The class session with this code: the open one if any, else the latest closed."""
        found = SESSION_BY_CODE.first(code)
        if found is not None:
            found.close_if_due()
        return found

    @classmethod
    def open_now(cls):
        """The condition for a session that is open and not past its closing time."""
        return cls.is_open & (cls.closes_at.is_null() | (cls.closes_at > utcnow()))

    @property
    def closed_on_time(self):
        """Whether the session is closed because its closing time came (not by hand)."""
        return not self.is_open and self.closes_at is not None and self.closes_at <= utcnow()

    def close(self):
        """Close the session (that column alone: a lesson moved on meanwhile stays put)."""
        ClassSession.update(is_open=False).where(ClassSession.id == self.id).execute()
        self.is_open = False

    def close_if_due(self):
        """Close the session if its closing time has passed (every page that asks whether
        a session is open calls this first, so no clock job is needed). True if it did."""
        if not (self.is_open and self.closes_at is not None and self.closes_at <= utcnow()):
            return False
        self.close()
        return True

    @classmethod
    def close_all_due(cls, teacher_id):
        """Close each of the teacher's open sessions whose closing time has passed."""
        cls.update(is_open=False).where(
            (cls.teacher == teacher_id) & cls.is_open & (cls.closes_at <= utcnow())
        ).execute()

    @property
    def shared_ids(self):
        """The ids every learner of the session gets, in order, or None (a draw each)."""
        return None if self.item_order is None else json.loads(self.item_order)

    def draw_for_everyone(self):
        """Fix the one draw (and order) every learner of the session will get."""
        self.item_order = json.dumps(draw_items(self.quiz_id, self.item_count))

    def revealed_upto(self, total):
        """In a lesson the teacher leads, how many of the first statements have had their
        answers shown (of `total`); in any other session, all of them."""
        if not self.paced:
            return total
        return {
            LOBBY: 0,
            QUESTION: self.current - 1,
            REVEAL: self.current,
            REVIEW: total,
        }[self.stage]

    @property
    def state(self):
        """What a learner's page in a lesson the teacher leads depends on: when it changes,
        the page follows."""
        return f"{int(self.is_open)}.{self.stage}.{self.current}"

    @property
    def in_review(self):
        """Whether a lesson the teacher leads has shown its last statement."""
        return self.paced and self.stage == REVIEW

    def state_shown(self, position=None):
        """The state a learner's page carries for static/js/follow.js: a statement's page
        (`position`) other than the one the class is on is out of step ("elsewhere"), and
        goes to the class's at once; only in the review, with no statement shown again,
        may a learner look back at the statements freely."""
        free = self.in_review and not self.current
        in_step = position is None or position == self.current or free
        return self.state if in_step else "elsewhere"

    @functools.cached_property
    def forms(self):
        """{"A": ids, "B": ids, "practice": ids} for a lesson with a check before and after,
        else None."""
        return None if self.check_forms is None else json.loads(self.check_forms)

    def next_form_order(self):
        """The order of the forms for the next learner to join: the one fewer learners have
        so far ("AB": form A before the practice, B after), either at random on a tie, so
        that half the class takes each (counterbalancing). A name joined ORDER_IDLE ago
        that has answered nothing no longer counts, so names left unused don't tip it."""
        counts = dict.fromkeys(FORM_ORDERS, 0)
        answering = fn.EXISTS(Response.select(Response.id).where(Response.attempt == Attempt.id))
        recent = utcnow() - ORDER_IDLE
        query = (
            Attempt.select(Attempt.form_order, fn.COUNT(Attempt.id))
            .where((Attempt.session == self.id) & (answering | (Attempt.started_at > recent)))
            .group_by(Attempt.form_order)
        )
        for order, n in query.tuples():
            if order in counts:
                counts[order] = n
        fewest = min(counts.values())
        return random.SystemRandom().choice([o for o, n in counts.items() if n == fewest])

    @classmethod
    def practice_for(cls, quiz):
        """Return the quiz's practice session, creating it on first use."""
        session = cls.get_or_none((cls.quiz == quiz) & cls.is_practice)
        if session is None:
            session = cls.create(quiz=quiz, title="Practice", is_practice=True)
        return session


# What opening (or reopening) a stored session writes.
OPENING_FIELDS = (ClassSession.is_open, ClassSession.join_code, ClassSession.closes_at)

# Codes are unique among open sessions only; a closed session's code may be drawn again.
ClassSession.add_index(
    ClassSession.join_code,
    unique=True,
    where=ClassSession.is_open,
    name="classsession_open_join_code",
)


def ids_by_kind(quiz_id):
    """{FACT: ids, ALLEGATION: ids} of the quiz's active items."""
    kinds = {FACT: [], ALLEGATION: []}
    for item_id, label in ACTIVE_KINDS.run(quiz_id):
        kinds[label].append(item_id)
    return kinds


def draw_items(quiz_id, count=None):
    """The ids of `count` of the quiz's active items (None: all), in a random order: half
    facts and half allegations (the odd one either kind, at random), topped up from the
    other kind when one runs short."""
    rng = random.SystemRandom()
    kinds = ids_by_kind(quiz_id)
    ids = kinds[FACT] + kinds[ALLEGATION]
    if count is not None and count < len(ids):
        first, second = rng.sample([FACT, ALLEGATION], 2)
        wanted = {first: (count + 1) // 2, second: count // 2}
        for kind, other in ((first, second), (second, first)):
            short = wanted[kind] - len(kinds[kind])
            if short > 0:
                wanted[kind] -= short
                wanted[other] += short
        ids = [i for kind, n in wanted.items() for i in rng.sample(kinds[kind], n)]
    rng.shuffle(ids)
    return ids


FORM_SIZE = 10  # statements in each form: half facts, half allegations
ORDER_IDLE = timedelta(minutes=10)
PRACTICE_MIN = 4  # statements left to practise on between the two checks, half of each kind
DIFFICULTY_FROM = 5  # answers an item needs in earlier sessions for its difficulty to count


class FormsTooSmall(ValueError):
    """The quiz can't give two forms and a practice; the message says why, for a teacher."""


def item_difficulty(quiz_id):
    """{item id: share of answers right} from the quiz's earlier class sessions, for the
    items with at least DIFFICULTY_FROM answers (docs/scoring.md, item analysis)."""
    query = (
        Response.select(Response.item, fn.COUNT(Response.id), fn.SUM(Response.correct.cast("int")))
        .join(Attempt)
        .join(ClassSession)
        .where((ClassSession.quiz == quiz_id) & ~ClassSession.is_practice)
        .group_by(Response.item)
    )
    return {
        item: right / n
        for item, n, right in query.tuples()
        if n >= DIFFICULTY_FROM and right is not None
    }


def split_forms(quiz_id, size=FORM_SIZE, difficulty=None):
    """The quiz's active items as two parallel forms and a practice: forms A and B of
    `size` statements each, half facts and half allegations, no statement in both, and of
    matched difficulty where `difficulty` ({item id: share right}) knows the items (each
    kind's statements sorted by it and dealt in pairs, one of each pair to each form, so
    the forms' difficulties match pair by pair); the rest to practise on. FormsTooSmall
    when the quiz has too few of a kind, or too few left over to practise on."""
    rng = random.SystemRandom()
    kinds = ids_by_kind(quiz_id)
    half, each = size // 2, PRACTICE_MIN // 2
    if min(map(len, kinds.values())) < size + each:
        raise FormsTooSmall(
            f"This quiz has {len(kinds[FACT])} facts and {len(kinds[ALLEGATION])} allegations. "
            f"A check before and after needs two forms of {half} facts and {half} allegations "
            f"each, and some of each kind left over to practise on: at least {size + each} "
            "facts and as many allegations."
        )
    difficulty = difficulty or {}
    known = list(difficulty.values())
    middle = sum(known) / len(known) if known else 0.5
    forms = {"A": [], "B": []}
    for ids in kinds.values():
        chosen = rng.sample(ids, 2 * half)
        chosen.sort(key=lambda i: (difficulty.get(i, middle), rng.random()))
        for pair in zip(chosen[0::2], chosen[1::2], strict=True):
            first, second = rng.sample(pair, 2)
            forms["A"].append(first)
            forms["B"].append(second)
    in_forms = set(forms["A"]) | set(forms["B"])
    forms["practice"] = [i for ids in kinds.values() for i in ids if i not in in_forms]
    return forms


def new_join_code():
    """A random code from the alphabet without look-alikes."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class Attempt(BaseModel):
    """One learner's way through a session's quiz, found again by its secret token."""

    session = ForeignKeyField(ClassSession, backref="attempts", on_delete="CASCADE")
    display_name = CharField(max_length=40)
    token = CharField(unique=True, default=lambda: secrets.token_urlsafe(18))
    item_order = TextField()  # JSON list of Item ids, shuffled once at the start
    started_at = DateTimeField(default=utcnow)
    finished_at = DateTimeField(null=True, index=True)
    # Who joined: the browser's random id (from its cookie) and a keyed digest of the
    # network address, so a teacher can see one browser or address joining twice.
    browser = CharField(null=True)
    origin = CharField(null=True)
    # In a lesson with a check before and after: "AB" (form A before the practice, B after)
    # or "BA"; item_order then holds the form before, the practice, the form after.
    form_order = CharField(null=True)

    @functools.cached_property
    def item_ids(self):
        """The ids of this attempt's items, in the order the learner sees them."""
        return json.loads(self.item_order)

    @property
    def is_finished(self):
        """Whether every item has been answered."""
        return self.finished_at is not None

    @classmethod
    def begin(cls, session, display_name, **joined):
        """Start an attempt on the session's quiz: the session's one draw if it has one,
        else a draw of the learner's own in a fresh random order (`joined`: the browser and
        origin that joined, for a class session)."""
        if session.forms is not None:
            order = session.next_form_order()
            rng = random.SystemRandom()
            parts = (session.forms[order[0]], session.forms["practice"], session.forms[order[1]])
            ids = [i for part in parts for i in rng.sample(part, len(part))]
            joined["form_order"] = order
        else:
            ids = session.shared_ids or draw_items(session.quiz_id, session.item_count)
        return cls.create(
            session=session, display_name=display_name, item_order=json.dumps(ids), **joined
        )

    @functools.cached_property
    def part_ends(self):
        """In a lesson with a check before and after, the last position (1-based) of the
        check before and of the practice; else None."""
        if self.form_order is None:
            return None
        forms = self.session.forms
        before = len(forms[self.form_order[0]])
        return before, before + len(forms["practice"])

    def part_at(self, position):
        """BEFORE, PRACTICE or AFTER for the statement at a position, or None outside a
        lesson with a check before and after."""
        if self.part_ends is None:
            return None
        before, practice = self.part_ends
        return BEFORE if position <= before else PRACTICE if position <= practice else AFTER

    def in_check(self, position):
        """Whether the statement at a position is in the check before or after a practice."""
        return self.part_at(position) in (BEFORE, AFTER)

    def part_bounds(self, part):
        """The first and last positions (1-based) of a part of the attempt."""
        before, practice = self.part_ends
        return {
            BEFORE: (1, before),
            PRACTICE: (before + 1, practice),
            AFTER: (practice + 1, len(self.item_ids)),
        }[part]

    def item_parts(self):
        """{item id: BEFORE, PRACTICE or AFTER} in a lesson with a check before and after,
        else {}."""
        if self.part_ends is None:
            return {}
        return {item_id: self.part_at(n) for n, item_id in enumerate(self.item_ids, start=1)}

    def form_of(self, part):
        """The form ("A" or "B") the learner takes as that part, or None (the practice)."""
        return {BEFORE: self.form_order[0], AFTER: self.form_order[1]}.get(part)

    def open_upto(self):
        """How many of the statements the learner may answer now: all, except while the
        check after the practice waits for the teacher to open it."""
        if self.part_ends is None or self.session.after_open:
            return len(self.item_ids)
        return self.part_ends[1]

    @functools.cached_property
    def answers(self):
        """{item id: Response} of the attempt's answers, read once per request (record()
        reads them again)."""
        return {r.item_id: r for r in ANSWERS.run(self.id)}

    def next_position(self):
        """The position (1-based) of the first unanswered item, or None when all are
        answered."""
        answers = self.answers
        return next((n for n, i in enumerate(self.item_ids, start=1) if i not in answers), None)

    def record(self, item_id, choice, confidence, evidence=None, evidence_hit=None):
        """Store an answer, and mark the attempt finished when it is the last one.

        Returns True, or None when this item was already answered: the database's unique
        (attempt, item) decides, so two tabs racing store one answer. The answer is scored
        in the same statement, against the item's label as it stands. `evidence` is the
        sentence the learner marked, and `evidence_hit` whether it holds the item's quote.
        """
        self.__dict__.pop("answers", None)
        try:
            RECORD.write(self.id, item_id, choice, confidence, evidence, evidence_hit, utcnow())
        except IntegrityError:
            return None
        self.finish_if_complete()
        return True

    def finish_if_complete(self):
        """Mark the attempt finished if every item is answered (and it isn't already).

        One statement, run after the answer is committed: of two answers committed at once
        (two tabs, the last two items), the later one's statement sees both, even where
        each transaction sees only its own rows until it commits (PostgreSQL).
        """
        now = utcnow()
        if FINISH.write(now, self.id, len(self.item_ids)):
            self.finished_at = now


class Response(BaseModel):
    """One answer; the database allows one per (attempt, item)."""

    attempt = ForeignKeyField(Attempt, backref="responses", on_delete="CASCADE")
    # No cascade from Item: an item with answers is retired, never deleted.
    item = ForeignKeyField(Item, backref="responses")
    choice = CharField(constraints=[one_of("choice", LABELS)])
    confidence = SmallIntegerField(
        null=True,
        constraints=[
            Check(f"confidence BETWEEN {min(CONFIDENCE_LEVELS)} AND {max(CONFIDENCE_LEVELS)}")
        ],
    )
    correct = BooleanField()
    answered_at = DateTimeField(default=utcnow)
    # The sentence of the article the learner marked as deciding it (None: not asked, or
    # answered before evidence was asked for), and whether it holds the item's quote.
    evidence = TextField(null=True)
    evidence_hit = BooleanField(null=True)

    class Meta:
        indexes = ((("attempt", "item"), True),)


class DraftItem(BaseModel):
    """A teacher's working copy of one item of their quiz: drafted from the article, added
    from a passage, or imported; publishing copies the accepted ones into Items."""

    quiz = ForeignKeyField(Quiz, backref="drafts", on_delete="CASCADE")
    key = CharField()
    position = IntegerField()
    status = CharField(default=PENDING)  # then ACCEPTED or REJECTED (app/words.py)
    confidence = FloatField(null=True)  # the drafter's; None for the teacher's own items
    statement = TextField()
    label = CharField(constraints=[one_of("label", LABELS)])
    quote = TextField()
    explanation = TextField(default="")
    cue = TextField()
    cue_type = CharField()
    source = CharField()
    source_type = CharField()

    class Meta:
        indexes = ((("quiz", "key"), True),)

    @property
    def is_accepted(self):
        """Whether the teacher accepted it into the quiz (publishing takes it)."""
        return self.status == ACCEPTED


MODELS = [
    Teacher,
    TeacherLogin,
    Quiz,
    Item,
    CountedTry,
    ClassSession,
    Attempt,
    Response,
    DraftItem,
]


# A learner's busiest pages run these queries, compiled once (db.Prepared).
ATTEMPT_BY_TOKEN = Prepared(
    lambda token: (
        Attempt.select(Attempt, ClassSession)
        .join(ClassSession)
        .where(Attempt.token == token)
        .limit(1)
    )
)
SESSION_BY_CODE = Prepared(
    lambda code: (
        ClassSession.select()
        .where((ClassSession.join_code == code) & ~ClassSession.is_practice)
        .order_by(ClassSession.is_open.desc(), ClassSession.created_at.desc())
        .limit(1)
    )
)
ACTIVE_KINDS = Prepared(
    lambda quiz_id: Item.active_in(quiz_id).select(Item.id, Item.label).tuples()
)
PUBLIC_QUIZ_CHOICES = Prepared(lambda: _quiz_choices(None))
ANSWERS = Prepared(lambda attempt_id: Response.select().where(Response.attempt == attempt_id))
ITEM_BY_ID = Prepared(lambda item_id: Item.select().where(Item.id == item_id).limit(1))
QUIZ_BY_ID = Prepared(lambda quiz_id: Quiz.select().where(Quiz.id == quiz_id).limit(1))
RECORD = Prepared(
    lambda attempt_id, item_id, choice, confidence, evidence, hit, now: Response.insert(
        attempt=attempt_id,
        item=item_id,
        choice=choice,
        confidence=confidence,
        # Scored in the same statement, against the label as it stands.
        correct=Item.select(Item.label == choice).where(Item.id == item_id),
        evidence=evidence,
        evidence_hit=hit,
        answered_at=now,
    )
)
FINISH = Prepared(
    lambda now, attempt_id, total: Attempt.update(finished_at=now).where(
        (Attempt.id == attempt_id)
        & Attempt.finished_at.is_null()
        & (
            fn.COALESCE(
                Response.select(fn.COUNT(Response.id)).where(Response.attempt == attempt_id),
                0,
            )
            >= total
        )
    )
)
