from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovRadioInput
from wtforms import RadioField, SelectMultipleField
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


class AnsweredForm(Form):
    answers = RadioField(
        "Does the council answer this point in its improvement plan?",
        choices=choices(
            [
                ("yes", "Yes, the plan answers it"),
                ("no", "No, it is shown with the document but is not the council's to answer"),
            ]
        ),
        widget=GovRadioInput(),
        validators=[InputRequired("Select whether the council answers this point in its plan")],
    )
