from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput
from wtforms import SelectMultipleField
from wtforms.validators import InputRequired

from tracker.forms import Form, choices
from tracker.models import Theme


class ThemesForm(Form):
    themes = SelectMultipleField(
        "Themes",
        description="Select all that apply.",
        choices=choices(Theme.choices()),
        widget=GovCheckboxesInput(),
        validators=[InputRequired("Select at least one theme")],
    )
