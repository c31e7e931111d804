from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovRadioInput, GovSelect
from wtforms import RadioField, SelectField, SelectMultipleField
from wtforms.validators import InputRequired

from tracker.actions.forms import rag_choices
from tracker.forms import Form, GovDateField, choices
from tracker.imports.forms import parse_id
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
    # A point with no action gets its first, drafted as the import drafts one, when the council starts answering
    # it: otherwise it would wait for an action that nothing in the app can make. Required only then.
    owner_id = SelectField(
        "Owner of the draft action",
        coerce=parse_id,
        widget=GovSelect(),
        description="A service manager. The action can be given to someone else once it exists.",
    )
    lead_director_id = SelectField("Lead director", coerce=parse_id, widget=GovSelect())
    target_date = GovDateField("Target date for the draft action", required=False, description="For example, 31 3 2027")
    # None preselected: checked by the view (drafting.chosen_rag) only when a draft is made.
    rag = RadioField(
        "RAG rating of the draft action", choices=rag_choices(), widget=GovRadioInput(), validate_choice=False
    )

    DRAFT_FIELDS = ("owner_id", "lead_director_id", "target_date", "rag")
