"""Forms a learner fills in."""

import re
import unicodedata

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from app.models import JOIN_CODE_LENGTH
from app.words import CONFIDENCE_NAMES, EITHER_LABEL, LABEL_NAMES, LABELS

NAME_MAX = 40


def clean_name(value):
    """Trim a display name and fold runs of white space to one space."""
    return " ".join((value or "").split())


def clean_code(value):
    """Upper-case a join code and drop spaces and dashes people type into it."""
    return re.sub(r"[\s-]+", "", value or "").upper()


class LearnerForm(FlaskForm):
    """A learner's form. The app's CSRFProtect checks every POST before its view runs, so
    the form neither checks again nor makes a token of its own (on the busiest routes, both
    cost time); its page writes the app's token (_macros.html's csrf_field)."""

    class Meta:
        csrf = False


class DisplayNameMixin:
    """Checks shared by every form that asks for a display name."""

    control_message = "Your name can only contain letters, numbers and symbols."

    def validate_name(self, field):
        """Refuse control and invisible formatting characters (NUL, zero-width spaces, text
        direction overrides: a name that passes for another's), and marks stacked so high
        they spill over the rows around; anything else printable is welcome."""
        if any(hidden_character(field.data, i) for i in range(len(field.data))):
            raise ValidationError(self.control_message)
        if most_marks_stacked(field.data) > MARKS_MAX:
            raise ValidationError("A name can have at most a few accents on one letter.")


# Characters that show nothing, or a blank, in a name: a name with them passes for another
# learner's ("Мар\u200dия"), or for no name at all. Unicode's default-ignorable characters
# outside category Cf, and the blank-looking fillers.
INVISIBLE = set(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f"
    "\u2800\u3164\uffa0" + "".join(chr(c) for c in range(0xFE00, 0xFE10))
)
ZWJ, EMOJI_VS = "\u200d", "\ufe0f"
MARKS_MAX = 3  # accents on one letter: Vietnamese needs two, some scripts three


def _symbol(ch):
    return unicodedata.category(ch) in ("So", "Sk")


def hidden_character(text, i):
    """Whether text[i] is a control, formatting or invisible character a name must not
    have. Emoji sequences keep theirs: a joiner between two symbols (👩\u200d💻), and the
    emoji variation selector after one (❤\ufe0f)."""
    ch, kind = text[i], unicodedata.category(text[i])
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if ch == ZWJ:
        return not ((_symbol(before) or before == EMOJI_VS) and after and _symbol(after))
    if ch == EMOJI_VS:
        return not (before and _symbol(before))
    return kind in ("Cc", "Cs", "Co", "Cf") or ch in INVISIBLE


def most_marks_stacked(text):
    """The longest run of combining marks (accents and the like) in the text."""
    most = run = 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        most = max(most, run)
    return most


def required_name(label, missing, whose="Your name"):
    """A display name that must be given: trimmed, white space folded, at most NAME_MAX
    characters. A learner joining and a teacher renaming a learner are checked alike."""
    return StringField(
        label,
        filters=[clean_name],
        validators=[
            DataRequired(missing),
            Length(max=NAME_MAX, message=f"{whose} can be at most {NAME_MAX} characters."),
        ],
    )


class JoinForm(DisplayNameMixin, LearnerForm):
    """Join a class session with the teacher's code."""

    code = StringField(
        "Join code",
        filters=[clean_code],
        validators=[DataRequired("Type the code your teacher gave you.")],
    )
    name = required_name(
        "Your name", "Type your name, so your teacher knows whose answers these are."
    )
    # Set by "I'm someone else" when this device already has an attempt under the name.
    someone_else = HiddenField(default="")
    # A learner coming back to a lesson with a check before and after on another device:
    # the code their page showed them (see student.routes.carry_on_code).
    carry_on = StringField("Carry-on code", filters=[clean_code])

    def validate_code(self, field):
        """Catch a code of the wrong shape before looking it up."""
        if not re.fullmatch(f"[A-Z0-9]{{{JOIN_CODE_LENGTH}}}", field.data):
            raise ValidationError(f"A join code has {JOIN_CODE_LENGTH} letters and digits.")


class PracticeForm(DisplayNameMixin, LearnerForm):
    """Practise on one's own: which quiz, and (optionally) a name."""

    quiz = SelectField("Article", invalid_choice_message="Choose one of the articles in the list.")

    name = StringField(
        "Your name (optional)",
        id="practice-name",  # the join form's name field is "name" on the same page
        filters=[clean_name],
        validators=[
            Optional(),
            Length(max=NAME_MAX, message=f"Your name can be at most {NAME_MAX} characters."),
        ],
    )


EVIDENCE_MISSING = "Mark the sentence of the article that decides it: tap or click it."


def label_field(question):
    """A choice of the two kinds of statement, by their names (app/words.py): a learner's
    answer, or the kind of a teacher's item."""
    return RadioField(
        question,
        choices=[SelectChoice(label, LABEL_NAMES[label]) for label in LABELS],
        invalid_choice_message=f"Choose {EITHER_LABEL}.",
    )


class AnswerForm(LearnerForm):
    """One answer: the item it is for, fact or allegation, (optionally) how sure, and (when
    the session asks) the sentence of the article that decides it."""

    item = HiddenField(validators=[InputRequired()])
    choice = label_field("Is this statement a verified fact or an unevidenced allegation?")
    confidence = RadioField(
        "How sure are you? (optional)",
        choices=[SelectChoice(str(k), v) for k, v in CONFIDENCE_NAMES.items()],
        validators=[Optional()],
        invalid_choice_message="Choose one of the four levels, or none.",
    )
    article = HiddenField()  # which text of the article the sentence numbers refer to
    digest = None  # that of the article as it stands, when evidence is asked for
    evidence = RadioField(
        "Which sentence of the article decides it?",
        choices=[],
        validators=[Optional()],
        validate_choice=False,  # ignored unless the session asks for evidence
        invalid_choice_message="Mark one of the article's sentences.",
    )

    def ask_for_evidence(self, reading):
        """Require one of the sentences of the article (an evidence.Reading) as evidence."""
        self.evidence.choices = [SelectChoice(str(s.number), s.text) for s in reading.sentences]
        self.evidence.validators = [InputRequired(EVIDENCE_MISSING)]
        self.evidence.validate_choice = True
        self.digest = reading.digest

    def validate_evidence(self, field):
        """Refuse a mark made on a page showing an earlier text of the article: its sentence
        numbers may point at other sentences now."""
        if self.digest and self.article.data and self.article.data != self.digest:
            self.article.data = self.digest
            raise ValidationError(
                "The article was corrected after this page opened: mark the sentence again."
            )

    def marked_sentence(self):
        """The number of the sentence marked as evidence, or None."""
        return int(self.evidence.data) if self.evidence.validate_choice else None
