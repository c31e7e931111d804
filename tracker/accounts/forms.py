from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovPasswordInput, GovSelect, GovTextInput
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from tracker.accounts.passwords import MAX_LENGTH
from tracker.forms import Form, choices
from tracker.models import Role


def _password(label: str, missing: str, description: str | None = None) -> PasswordField:
    return PasswordField(
        label,
        description=description,
        widget=GovPasswordInput(),
        validators=[DataRequired(missing), Length(max=MAX_LENGTH, message="Password is too long")],
    )


class UserForm(Form):
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            DataRequired("Enter their email address"),
            Email("Enter an email address in the correct format, like name@example.org", check_deliverability=False),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )
    name = StringField("Name (optional)", widget=GovTextInput(), validators=[Optional(), Length(max=200)])
    job_title = StringField(
        "Job title",
        widget=GovTextInput(),
        validators=[DataRequired("Enter their job title"), Length(max=200, message="Job title is too long")],
    )
    role = SelectField("Role", choices=choices(Role.choices()), widget=GovSelect())
    authority_id = SelectField("Council", coerce=int, widget=GovSelect())
    active = BooleanField("Account is active (unticked: they cannot sign in)", widget=GovCheckboxInput())

    def validate_role(self, field):
        if field.data not in {r.value for r in Role}:
            raise ValidationError("Choose a role from the list")


class NewUserForm(UserForm):
    password = _password(
        "First password",
        "Enter their first password",
        "At least 12 characters. Give it to them in person or by phone; they should change it.",
    )


class ResetPasswordForm(Form):
    password = _password("New password", "Enter the new password", "At least 12 characters.")


class ChangePasswordForm(Form):
    current = _password("Current password", "Enter your current password")
    new = _password(
        "New password", "Enter a new password", "At least 12 characters. Three or four random words work well."
    )
    confirm = _password("Confirm new password", "Enter the new password again")

    def validate_confirm(self, field):
        if self.new.data and field.data != self.new.data:
            raise ValidationError("The passwords do not match")


class CodeForm(Form):
    code = StringField(
        "Code from your authenticator app",
        description="The 6 numbers it shows now, for example 123456.",
        widget=GovTextInput(),
        validators=[DataRequired("Enter the code from your authenticator app"), Length(max=20)],
    )
