"""Forms a teacher fills in."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

PASSWORD_MIN = 10


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
    feedback = RadioField(
        "When do learners see whether they were right?",
        choices=[
            SelectChoice("each", "After each statement"),
            SelectChoice("end", "Only at the end"),
        ],
        default="each",
        invalid_choice_message="Choose when learners see feedback.",
    )
