"""Forms a teacher fills in."""

import unicodedata
from datetime import UTC, datetime, timedelta

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileSize, MultipleFileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    URL,
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.limits import FIELD_MAX, SHORT_FIELD_MAX
from app.passages import find_span, paragraphs
from app.student.forms import DisplayNameMixin, label_field, required_name
from app.words import CUE_TYPES, SOURCE_TYPES

PASSWORD_MIN = 10
SESSION_ITEMS_MIN = 2
SHORT_MAX = SHORT_FIELD_MAX
IMPORT_FILE_MAX = 2 * 1024 * 1024


class LoginForm(FlaskForm):
    """User name and password."""

    username = StringField("User name", validators=[DataRequired("Type your user name.")])
    password = PasswordField("Password", validators=[DataRequired("Type your password.")])


class PasswordForm(FlaskForm):
    """Change one's own password."""

    current = PasswordField(
        "Current password", validators=[DataRequired("Type your current password.")]
    )
    new = PasswordField(
        "New password",
        validators=[
            DataRequired("Choose a new password."),
            Length(min=PASSWORD_MIN, max=200, message=f"Use at least {PASSWORD_MIN} characters."),
        ],
    )
    confirm = PasswordField(
        "New password again",
        validators=[EqualTo("new", message="The two new passwords are not the same.")],
    )


class SessionForm(FlaskForm):
    """Open a class session on a quiz, with the lesson's options."""

    title = StringField(
        "Title",
        filters=[lambda v: " ".join((v or "").split())],
        validators=[
            DataRequired("Give the session a title, such as “Year 9, period 3”."),
            Length(max=80, message="Keep the title to 80 characters."),
        ],
    )
    quiz = SelectField("Article", invalid_choice_message="Choose one of the articles.")
    read_first = BooleanField("Offer the article to read before the statements", default=True)
    ask_confidence = BooleanField("Ask learners how sure they are", default=True)
    ask_evidence = BooleanField(
        "Ask learners to mark the sentence of the article that decides each answer", default=True
    )
    feedback = RadioField(
        "When do learners see whether they were right?",
        choices=[
            SelectChoice("each", "After each statement"),
            SelectChoice("end", "Only at the end"),
        ],
        default="each",
        invalid_choice_message="Choose when learners see feedback.",
    )
    key_after_close = BooleanField("Keep the answers hidden until I close the session")
    pace = RadioField(
        "Who sets the pace?",
        choices=[
            SelectChoice("self", "Each learner goes at their own pace"),
            SelectChoice(
                "teacher",
                "I lead: the class answers each statement together, and I show the answers "
                "on the projector for discussion",
            ),
        ],
        default="self",
        invalid_choice_message="Choose who sets the pace.",
    )
    item_count = IntegerField(
        "How many statements? (leave empty for all of them)",
        validators=[
            Optional(),
            NumberRange(
                min=SESSION_ITEMS_MIN,
                max=100,
                message=f"Choose a number from {SESSION_ITEMS_MIN} up, or leave it empty.",
            ),
        ],
    )
    draw = RadioField(
        "Which statements?",
        choices=[
            SelectChoice("each", "A different draw, in a different order, for each learner"),
            SelectChoice("same", "The same statements, in the same order, for everyone"),
        ],
        default="each",
        invalid_choice_message="Choose how the statements are drawn.",
    )
    check = RadioField(
        "Check before and after?",
        choices=[
            SelectChoice("none", "No: the statements once through"),
            SelectChoice(
                "now",
                "Yes: a short check, then practice with feedback, then a second check, to "
                "see whether the lesson worked",
            ),
            SelectChoice(
                "later",
                "Yes, but I will open the second check myself later (a week on, say, to see "
                "what lasts)",
            ),
        ],
        default="none",
        invalid_choice_message="Choose whether to check before and after.",
    )
    closes_at = DateTimeLocalField(
        "Close the session by itself at (optional, for homework)",
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
    )
    # Minutes east of UTC of the teacher's browser (set by static/js/timezone.js); without
    # it the closing time is read in the server's own time zone.
    utc_offset = HiddenField(default="")

    def closing_time(self):
        """The closing time as UTC (naive, as rows store it), or None."""
        local = self.closes_at.data
        if local is None:
            return None
        try:
            offset = timedelta(minutes=int(self.utc_offset.data))
        except (TypeError, ValueError, OverflowError):
            offset = None
        if offset is None or abs(offset) > timedelta(hours=14):
            return local.astimezone(UTC).replace(tzinfo=None)  # naive: the server's zone
        return local - offset

    def validate_closes_at(self, field):
        """A closing time is a little way ahead, and not years away."""
        if field.data is None:
            return
        try:
            closes = self.closing_time()
        except (ValueError, OverflowError):  # the first or last days of the calendar
            closes = None
        if closes is None:
            raise ValidationError("Choose a closing time within the next year.")
        now = datetime.now(UTC).replace(tzinfo=None)
        if closes <= now + timedelta(minutes=1):
            raise ValidationError("Choose a closing time that is still to come.")
        if closes > now + timedelta(days=366):
            raise ValidationError("Choose a closing time within the next year.")

    def validate_check(self, field):
        """A check before and after is for learners at their own pace, over every statement,
        with the practice's feedback after each one (the checks themselves give none)."""
        if field.data == "none":
            return
        if self.pace.data == "teacher":
            raise ValidationError(
                "A check before and after is for learners going at their own pace: choose "
                "“Each learner goes at their own pace”, or no check."
            )
        if self.item_count.data:
            raise ValidationError(
                "A check before and after uses every statement (two checks and the practice "
                "between them): leave “How many statements?” empty."
            )
        if self.feedback.data != "each":
            raise ValidationError(
                "With a check before and after, the practice shows feedback after each "
                "statement and the checks show none: choose “After each statement”."
            )

    def validate_key_after_close(self, field):
        """Hiding the answers until the session closes needs feedback only at the end, and
        a lesson the teacher leads shows every answer."""
        if field.data and self.pace.data == "teacher":
            raise ValidationError(
                "In a lesson you lead you show each statement's answer to the class, so the "
                "answers can't stay hidden. Untick this, or let learners go at their own pace."
            )
        if field.data and self.feedback.data == "each":
            raise ValidationError(
                "Answers can stay hidden only when learners see feedback at the end: with "
                "feedback after each statement they see every answer as they go. Choose "
                "“Only at the end”, or untick this."
            )


class RenameForm(DisplayNameMixin, FlaskForm):
    """A learner's new name, checked as a name typed to join is."""

    control_message = "A name can only contain letters, numbers and symbols."
    name = required_name("New name", "Type the learner's name.", whose="A name")


class LearnersForm(FlaskForm):
    """Learners of a session ticked on the dashboard (to remove); the route sets the
    session's learners as the choices."""

    learner = SelectMultipleField(
        "Learners",
        coerce=int,
        validators=[DataRequired("Tick the learners to remove, then press “Remove selected”.")],
        invalid_choice_message="Some of those learners are no longer in this session (perhaps "
        "already removed). Tick them again.",
        invalid_value_message="Tick the learners to remove on the dashboard.",
    )


def no_control(value):
    """Text with control characters (NUL and the like) removed, line breaks kept."""
    if value is None:  # the field was not sent at all
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def one_line(value):
    """Text on one line, white space folded, control characters gone."""
    return " ".join(no_control(value or "").split())


ARTICLE_FORMATS = ["txt", "md", "html", "htm"]


class ImportForm(FlaskForm):
    """An article to make a quiz from: pasted, or a file; and where it was published."""

    text = TextAreaField("Paste the article's text", filters=[no_control])
    file = FileField(
        "…or choose a file",
        validators=[
            FileAllowed(ARTICLE_FORMATS, "Choose a .txt, .md or saved .html file."),
            FileSize(IMPORT_FILE_MAX, message="That file is larger than 2 MB."),
        ],
    )
    headline = StringField(
        "Headline",
        filters=[one_line],
        validators=[Length(max=SHORT_MAX, message=f"Keep the headline to {SHORT_MAX} characters.")],
    )
    publisher = StringField(
        "Publisher",
        filters=[one_line],
        validators=[
            Length(max=SHORT_MAX, message=f"Keep the publisher to {SHORT_MAX} characters.")
        ],
    )
    published = StringField(
        "Date published",
        filters=[one_line],
        validators=[Length(max=40, message="Give the date in 40 characters or fewer.")],
    )
    url = StringField(
        "Address (URL)",
        filters=[one_line],
        validators=[
            Length(max=SHORT_MAX, message=f"Keep the address to {SHORT_MAX} characters."),
            Optional(),
            URL(message="Give the article's full address, starting with https://"),
        ],
    )

    def validate_text(self, field):
        """Exactly one of the two ways in."""
        has_file = bool(self.file.data and getattr(self.file.data, "filename", ""))
        if has_file and field.data.strip():
            raise ValidationError("Paste the text or choose a file, not both.")
        if not has_file and not field.data.strip():
            raise ValidationError("Paste the article's text, or choose a file below.")


class ArticleForm(FlaskForm):
    """The cleaned article, to correct, and the lines left out, to put back."""

    text = TextAreaField(
        "Article text (headline first, a blank line between paragraphs)",
        filters=[no_control],
        validators=[DataRequired("The article can't be empty.")],
    )
    put_back = SelectMultipleField("Put back", coerce=int, validate_choice=True)

    def validate_text(self, field):
        """The first line is the headline, and a headline is short."""
        first = next((p for p in paragraphs(field.data) if p), "")
        if len(first) > SHORT_MAX:
            raise ValidationError(
                f"The first line is the headline: keep it to {SHORT_MAX} characters, "
                "with a blank line after it."
            )

    save = SubmitField("Save changes")
    draft = SubmitField("Save and draft items")


def at_most(field, what):
    """The bank's length limit for an item's field, as a validator with a message."""
    return Length(
        max=FIELD_MAX[field], message=f"Keep the {what} to {FIELD_MAX[field]:,} characters."
    )


class DraftForm(FlaskForm):
    """One item: what the learner reads and the feedback's grounds in the article."""

    statement = TextAreaField(
        "Statement",
        filters=[one_line],
        validators=[
            DataRequired("Write the statement learners will sort."),
            at_most("statement", "statement"),
        ],
    )
    label = label_field("Kind")
    quote = TextAreaField(
        "Quote from the article (select a passage, or paste its exact words)",
        filters=[one_line],
        validators=[
            DataRequired("Give the words of the article the item rests on."),
            at_most("quote", "quote"),
        ],
    )
    cue = StringField(
        "Cue (the words in the quote that signal the kind)",
        filters=[one_line],
        validators=[DataRequired("Give the cue words from the quote."), at_most("cue", "cue")],
    )
    cue_type = SelectField(
        "Cue type",
        choices=[SelectChoice(c, c) for c in CUE_TYPES],
        invalid_choice_message="Choose one of the cue types.",
    )
    source = StringField(
        "Source (who makes the claim)",
        filters=[one_line],
        validators=[
            DataRequired("Say who makes the claim."),
            at_most("source", "source"),
        ],
    )
    source_type = SelectField(
        "Source type",
        choices=[SelectChoice(c, c) for c in SOURCE_TYPES],
        invalid_choice_message="Choose one of the source types.",
    )
    explanation = TextAreaField(
        "Explanation (two or three sentences: who claims it, what evidence the article shows)",
        filters=[no_control],
        validators=[at_most("explanation", "explanation")],
    )

    def check_against(self, article):
        """Check the quote is the article's own words and the cue lies in it; say so on
        the fields. Returns whether both hold."""
        if not find_span(article, self.quote.data):
            self.quote.errors.append("These words are not in the article: copy them exactly.")
            return False
        if not find_span(self.quote.data, self.cue.data):
            self.cue.errors.append("The cue must be words from the quote.")
            return False
        return True


class ShareForm(FlaskForm):
    """A shared quiz: a zipped questions folder, or its two files."""

    files = MultipleFileField(
        "A quiz folder as a .zip, or its article.txt and quiz.yaml",
        validators=[InputRequired("Choose a .zip, or the folder's two files.")],
    )


class QuizTitleForm(FlaskForm):
    """A new title for one's own quiz, as the bank and the session form list it."""

    title = StringField(
        "Title",
        id="quiz-title",
        filters=[one_line],
        validators=[
            DataRequired("Give the quiz a title."),
            Length(max=SHORT_MAX, message=f"Keep the title to {SHORT_MAX} characters."),
        ],
    )
