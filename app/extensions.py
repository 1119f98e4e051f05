"""The Flask extensions, created once here and bound to the app in create_app()
(app/__init__.py's register_extensions), so a blueprint imports them from here, never
from the factory."""

from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "teacher.login"
login_manager.login_message = "Log in to see that page."
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_teacher(login_token):
    """The logged-in teacher, from the login token in the signed session cookie (None once
    that login has ended: logout, a password change, or age)."""
    from app.models import Teacher

    return Teacher.from_login(login_token)
