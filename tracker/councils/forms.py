from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

from tracker.accounts.forms import AccountDetailsForm, password_field


class AdministratorForm(AccountDetailsForm):
    password = password_field(
        "Temporary password",
        "Enter their temporary password",
        "At least 12 characters. Give it to them in person or by phone; they must choose their own when they "
        "first sign in, and set up two-factor sign-in.",
    )


class CouncilForm(AdministratorForm):
    council = StringField(
        "Council's name",
        description="As it is written in Ofsted's reports, for example Leicester City Council.",
        widget=GovTextInput(),
        validators=[DataRequired("Enter the council's name"), Length(max=200, message="Name is too long")],
    )

    def __iter__(self):
        # First on the page, so first in the error summary (a subclass's field is otherwise made last).
        yield self.council
        yield from (field for field in super().__iter__() if field.name != "council")


class NamesForm(FlaskForm):
    """How the council's papers name it, where the default rule gets it wrong."""

    short_name = StringField(
        "Short name",
        description="The place, as a paper writes it in a sentence, for example Leeds or St Helens.",
        widget=GovTextInput(),
        filters=[lambda value: " ".join(value.split()) if value else value],
        validators=[DataRequired("Enter the council's short name"), Length(max=200, message="Short name is too long")],
    )
    possessive = StringField(
        "Short name in the possessive",
        description="For example Leeds’, Leeds’s or Leicestershire’s. A straight apostrophe is made a curly one.",
        widget=GovTextInput(),
        filters=[lambda value: " ".join(value.replace("'", "’").split()) if value else value],
        validators=[
            DataRequired("Enter the short name in the possessive"),
            Length(max=210, message="Possessive is too long"),
        ],
    )

    def validate_possessive(self, field) -> None:
        short = self.short_name.data or ""
        if short and not (field.data.startswith(short) and field.data[len(short) :] in ("’", "’s")):
            raise ValidationError(f"Enter the short name followed by ’ or ’s, for example {short}’s")
