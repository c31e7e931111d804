import re

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms import Form as SubForm
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from tracker.actions.forms import rag_choices
from tracker.forms import Form, GovDateField, choices
from tracker.models import DocumentKind, FrameworkArea, PointKind
from tracker.parsing.model import GRADES
from tracker.text import clean_text

TEXT_LIMIT = 5000


def _id_or_none(value) -> int | None:
    """A chosen id, or None for "Choose …" (so that option shows as selected when nothing is chosen)."""
    return parse_id(value)


def parse_id(value) -> int | None:
    """A database id typed or posted: ASCII digits only, short enough for any integer column."""
    text = str(value) if value is not None else ""
    return int(text) if re.fullmatch(r"[0-9]{1,9}", text) else None


class ListField(SelectField):
    """A select whose refusal of a value not in its list reads as GOV.UK messages do."""

    def __init__(self, label, *, message: str, **kwargs):
        super().__init__(label, widget=GovSelect(), **kwargs)
        self.message = message

    def pre_validate(self, form):
        if self.data not in [self.coerce(c.value) if self.coerce else c.value for c in self.choices]:
            raise ValidationError(self.message)


class UploadForm(Form):
    file = FileField(
        "Upload the document",
        description="A PDF, Word (.docx) or text file, as Ofsted or the council published it.",
        widget=GovFileInput(),
    )
    # Its length is the reader's limit (PARSE_MAX_TEXT_CHARACTERS), checked with the text of an upload's.
    pasted = TextAreaField("Or paste its text", widget=GovTextArea())

    def has_file(self) -> bool:
        return bool(self.file.data and getattr(self.file.data, "filename", ""))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.has_file() and not (self.pasted.data or "").strip():
            self.file.errors = [*self.file.errors, "Choose a file or paste the document's text"]
            return False
        if self.has_file() and (self.pasted.data or "").strip():
            self.file.errors = [*self.file.errors, "Choose a file or paste text, not both"]
            return False
        return valid


class _Sub(SubForm):
    """Sub-forms strip control characters like every other form (they are not FlaskForms)."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, StringField):
                options["filters"] = [clean_text, *(options.get("filters") or ())]
            return unbound_field.bind(form=form, **options)


class PointForm(_Sub):
    kind = ListField("Kind", choices=choices(PointKind.choices()), message="Choose the kind of point from the list")
    text = TextAreaField(
        "Text",
        widget=GovTextArea(),
        validators=[
            DataRequired("Enter the point's text, or remove the point"),
            Length(max=TEXT_LIMIT, message=f"A point must be {TEXT_LIMIT} characters or fewer"),
        ],
    )
    # The point's National Framework areas, as hidden inputs beside the tags the page shows (not chosen on
    # the page, only removed), so a save keeps each point's own areas whatever happened to the draft since
    # the page was loaded. Checked by tracker.imports.draft.refuse_unknown_areas.
    framework = SelectMultipleField(
        "National Framework", choices=choices(FrameworkArea.choices()), validate_choice=False
    )
    # Shown only for a kind the council does not answer by default (a recommendation to the partnership).
    council_answers = BooleanField("The council will answer this in its plan", widget=GovCheckboxInput())


class JudgementForm(_Sub):
    area = StringField(
        "Judgement",
        widget=GovTextInput(),
        validators=[DataRequired("Enter what the judgement is about, or remove it"), Length(max=300)],
    )
    grade = ListField(
        "Grade", choices=choices([("", "Choose a grade"), *((g, g) for g in GRADES)]), message="Choose the grade"
    )

    def validate_grade(self, field):
        if not field.data:
            raise ValidationError("Choose the grade")


class StrengthForm(_Sub):
    text = TextAreaField(
        "Strength",
        widget=GovTextArea(),
        validators=[
            DataRequired("Enter the strength, or remove it"),
            Length(max=TEXT_LIMIT, message=f"A strength must be {TEXT_LIMIT} characters or fewer"),
        ],
    )


class ReviewForm(Form):
    authority_id = SelectField("Authority", coerce=_id_or_none, widget=GovSelect())
    doc_type = ListField(
        "Kind of document", choices=choices(DocumentKind.choices()), message="Choose the kind of document from the list"
    )
    visit_start = GovDateField("First day of the inspection or visit", required=False)
    visit_end = GovDateField("Last day of the inspection or visit", required=False)
    published = GovDateField(
        "Date published", required=False, description="For a committee report, the date of the meeting."
    )
    # Shown for a committee paper only: Ofsted's date, from which its deadline for the action plan runs.
    ofsted_published = GovDateField(
        "Date Ofsted published its report",
        required=False,
        description="The report this committee paper reports. It is on the report’s first page, or on Ofsted’s"
        " website. For example, 17 4 2026",
    )
    overall_effectiveness = StringField(
        "Overall effectiveness", widget=GovTextInput(), validators=[Optional(), Length(max=100)]
    )
    judgements = FieldList(FormField(JudgementForm))
    points = FieldList(FormField(PointForm))
    strengths = FieldList(FormField(StrengthForm))
    # Marking points by hand, when the document's could not be read: its choices are the passage's lines.
    passage_lines = SelectMultipleField(
        "Tick the lines that are improvement points", coerce=str, widget=GovCheckboxesInput(), validate_choice=False
    )
    mark_kind = ListField(
        "Kind of the points you ticked",
        choices=choices([("", "Choose the kind"), *PointKind.choices()]),
        message="Choose the kind of the points you ticked from the list",
    )
    no_points = BooleanField("The document has no improvement points", widget=GovCheckboxInput())
    owner_id = SelectField(
        "Owner of the draft actions",
        coerce=_id_or_none,
        widget=GovSelect(),
        description="A service manager. Each action can be given to someone else once it exists.",
    )
    lead_director_id = SelectField("Lead director", coerce=_id_or_none, widget=GovSelect())
    target_date = GovDateField(
        "Target date for the draft actions", required=False, description="For example, 31 3 2027"
    )
    # None preselected; required when confirming makes draft actions (tracker.imports.views._check).
    rag = RadioField(
        "RAG rating of the draft actions", choices=rag_choices(), widget=GovRadioInput(), validate_choice=False
    )


class AddNamedCouncilForm(Form):
    """The council a document names, as the operator confirms it before adding it to the service."""

    council = StringField(
        "Council's name",
        description="As the document names it, in full, for example Wokingham Borough Council.",
        widget=GovTextInput(),
        validators=[DataRequired("Enter the council's name"), Length(max=200, message="Name is too long")],
    )
