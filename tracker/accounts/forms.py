from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovPasswordInput, GovSelect, GovTextInput
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from tracker.accounts.passwords import MAX_LENGTH
from tracker.forms import Form, choices
from tracker.models import COUNCIL_ROLES


def password_field(label: str, missing: str, description: str | None = None) -> PasswordField:
    return PasswordField(
        label,
        description=description,
        widget=GovPasswordInput(),
        validators=[DataRequired(missing), Length(max=MAX_LENGTH, message="Password is too long")],
    )


class AccountDetailsForm(Form):
    """Who someone is: what every account form asks."""

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


class UserForm(AccountDetailsForm):
    """A council's account as its administrator manages it: never its council, never an operator."""

    role = SelectField("Role", choices=choices((r.value, r.label) for r in COUNCIL_ROLES), widget=GovSelect())
    active = BooleanField("Account is active (unticked: they cannot sign in)", widget=GovCheckboxInput())

    def validate_role(self, field):
        if field.data not in {r.value for r in COUNCIL_ROLES}:
            raise ValidationError("Choose a role from the list")


class NewUserForm(UserForm):
    password = password_field(
        "First password",
        "Enter their first password",
        "At least 12 characters. Give it to them in person or by phone; they must choose their own when they "
        "first sign in.",
    )


class ResetPasswordForm(Form):
    password = password_field(
        "Temporary password",
        "Enter the temporary password",
        "At least 12 characters. They must choose their own when they next sign in.",
    )


def _new_password() -> PasswordField:
    return password_field(
        "New password", "Enter a new password", "At least 12 characters. Three or four random words work well."
    )


def _confirmation() -> PasswordField:
    return password_field("Confirm new password", "Enter the new password again")


class NewPasswordTwice:
    """A new password typed twice. The fields themselves are made in each form's body, so each form lists
    its own fields in the order it shows them."""

    def validate_confirm(self, field):
        if self.new.data and field.data != self.new.data:
            raise ValidationError("The passwords do not match")


class ChoosePasswordForm(NewPasswordTwice, Form):
    """A person choosing their own password in place of a temporary one (they have just signed in with it)."""

    new = _new_password()
    confirm = _confirmation()


class ChangePasswordForm(NewPasswordTwice, Form):
    current = password_field("Current password", "Enter your current password")
    new = _new_password()
    confirm = _confirmation()


class CodeForm(Form):
    code = StringField(
        "Code from your authenticator app",
        description="The 6 numbers it shows now, for example 123456.",
        widget=GovTextInput(),
        validators=[DataRequired("Enter the code from your authenticator app"), Length(max=20)],
    )
