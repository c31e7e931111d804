"""The director's choices for a committee report, in GOV.UK form patterns."""

from __future__ import annotations

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovFileInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import HiddenField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Email, Length, Optional, ValidationError

from tracker.forms import Form, GovDateField
from tracker.timeutil import long_date, today


def _text(label: str, missing: str | None = None, limit: int = 200, **kwargs) -> StringField:
    checks = [DataRequired(missing)] if missing else [Optional()]
    return StringField(
        label,
        widget=GovTextInput(),
        validators=[*checks, Length(max=limit, message=f"{label} must be {limit} characters or fewer")],
        **kwargs,
    )


class ReportForm(Form):
    committee = _text("Committee", "Enter the committee's name")
    meeting_date = GovDateField("Meeting date", description="For example, 3 9 2024")
    title = _text("Report title", "Enter the report's title", limit=300)
    report_of = _text(
        "Report of", "Enter whose report it is", description="The director's job title, as in “Report of the …”"
    )
    inspections = SelectMultipleField(
        "Inspections covered",
        coerce=int,
        widget=GovCheckboxesInput(),
        validators=[DataRequired("Select at least one inspection")],
    )
    as_at = GovDateField("Figures as at", description="The date the plan's figures are taken at")
    previous_report = GovDateField(
        "Date of the previous report", required=False, description="For “milestones achieved since the last report”"
    )
    policy = TextAreaField(
        "Policy framework and previous decisions",
        description="Paragraphs you want in this section, separated by a blank line. Leave empty for the standard one.",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=5000, message="This section must be 5000 characters or fewer")],
    )
    officer_1_name = _text("Name")
    officer_1_job_title = _text("Job title")
    officer_1_telephone = _text("Telephone", limit=40)
    officer_1_email = StringField(
        "Email",
        widget=GovTextInput(),
        validators=[
            Optional(),
            Email("Enter an email address in the correct format, like name@example.org", check_deliverability=False),
        ],
    )
    officer_2_name = _text("Name")
    officer_2_job_title = _text("Job title")
    officer_2_telephone = _text("Telephone", limit=40)
    officer_2_email = StringField(
        "Email",
        widget=GovTextInput(),
        validators=[
            Optional(),
            Email("Enter an email address in the correct format, like name@example.org", check_deliverability=False),
        ],
    )
    # The tick that confirms odd dates (tracker.reports.guards); the page draws it only when it is needed.
    confirm_dates = StringField("Confirm the dates", validators=[Optional(), Length(max=40)])
    submit = SubmitField("Save and preview", widget=GovSubmitInput())

    def validate_as_at(self, field) -> None:
        # Figures are what was recorded by a day; a day still to come has no figures, and a paper "as at" one
        # would call milestones not yet due overdue.
        if field.data and field.data > today():
            raise ValidationError(f"Figures as at must be today ({long_date(today())}) or earlier")

    def validate_previous_report(self, field) -> None:
        if field.data and self.as_at.data and field.data >= self.as_at.data:
            raise ValidationError("The date of the previous report must be before the figures as at date")


class PublishForm(Form):
    """The confirmation page's form: only it carries `confirmed`, so no other button or stale page publishes."""

    confirmed = HiddenField(validators=[AnyOf(["yes"])])


class TemplateUploadForm(Form):
    file = FileField(
        "Upload the council's Word template",
        description=(
            "A Word (.docx) file with the styles Title, Heading 1, Heading 2, Normal, List Number and a table style."
        ),
        widget=GovFileInput(),
    )


class TemplateResetForm(Form):
    """Going back to the tracker's default template: a form of its own, so it carries its own CSRF token."""
