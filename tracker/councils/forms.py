from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import StringField
from wtforms.validators import DataRequired, Length

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
