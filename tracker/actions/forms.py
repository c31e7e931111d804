"""The forms a service manager uses to keep an action up to date. Messages in GOV.UK's words."""

from __future__ import annotations

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import URL, DataRequired, InputRequired, Length, Optional

from tracker.date_rules import TodayOrLater
from tracker.forms import TEXT_LIMIT, Form, GovDateField, VersionedForm, choices, required_text
from tracker.models import EvidenceKind, Rag


def rag_choices():
    """Red, Amber and Green: Blue is never chosen on a form, it comes only with a director's sign-off."""
    return choices((r.value, r.label) for r in Rag if r != Rag.BLUE)


class ProgressForm(VersionedForm):
    rag = RadioField(
        "RAG rating",
        choices=rag_choices(),
        widget=GovRadioInput(),
        validators=[InputRequired("Select a RAG rating")],
    )
    rag_reason = required_text(
        "Why is it rated this way?",
        missing="Enter the reason for the RAG rating",
        noun="The reason",
        description="If the rating is worse than before, say what went wrong.",
        widget=GovCharacterCount(),
    )
    recovery = TextAreaField(
        "What will bring it back on track?",
        description="Needed when the rating is worse than before. Leave it empty to keep the current plan.",
        widget=GovCharacterCount(),
        validators=[Optional(), Length(max=TEXT_LIMIT, message=f"This must be {TEXT_LIMIT} characters or fewer")],
    )
    narrative = required_text(
        "Progress since the last update",
        missing="Enter the progress since the last update",
        noun="The progress update",
        widget=GovCharacterCount(),
    )
    submit = SubmitField("Save update", widget=GovSubmitInput())


class MilestoneForm(Form):
    title = StringField(
        "Milestone",
        widget=GovTextInput(),
        validators=[
            DataRequired("Enter the milestone"),
            Length(max=300, message="The milestone must be 300 characters or fewer"),
        ],
    )
    due_date = GovDateField(
        "Due date", description="Today or later. For example, 27 3 2027", validators=[TodayOrLater("The due date")]
    )
    submit = SubmitField("Add milestone", widget=GovSubmitInput())


class CompleteMilestoneForm(VersionedForm):
    completed_date = GovDateField("Date it was done", description="For example, 14 11 2026")
    submit = SubmitField("Mark as done", widget=GovSubmitInput())


class ReplanMilestoneForm(VersionedForm):
    due_date = GovDateField(
        "New due date",
        description="Today or later. The original date is kept and shown beside the new one.",
        validators=[TodayOrLater("The new due date")],
    )
    reason = required_text("Why has it moved?", missing="Enter why the milestone has moved", noun="The reason")
    submit = SubmitField("Move milestone", widget=GovSubmitInput())


class CloseMilestoneForm(VersionedForm):
    reason = required_text(
        "Why is it no longer needed?",
        missing="Enter why the milestone is no longer needed",
        noun="The reason",
        description="It will be shown as closed, with this reason, and never as done.",
    )
    submit = SubmitField("Close milestone", widget=GovSubmitInput())


class EvidenceForm(Form):
    kind = RadioField(
        "What kind of evidence is it?",
        choices=choices(EvidenceKind.choices()),
        widget=GovRadioInput(),
        validators=[InputRequired("Select the kind of evidence")],
    )
    description = required_text(
        "What it is and what it shows", missing="Enter what the evidence is and what it shows", noun="The description"
    )
    evidence_date = GovDateField("Date of the evidence", description="For example, 14 11 2026")
    shows_impact = RadioField(
        "Does it show the difference the action has made for children?",
        description="Evidence that something was done (a procedure published, training delivered) is not "
        "evidence of impact. Evidence of impact shows a change in practice or outcomes, such as an audit or "
        "performance figures.",
        choices=choices([("yes", "Yes, it shows impact"), ("no", "No, it shows the work was done")]),
        widget=GovRadioInput(),
        validators=[InputRequired("Select whether the evidence shows impact")],
    )
    link = StringField(
        "Link to the evidence",
        filters=[lambda value: value.strip() if value else value],
        description="A web address, such as the document's place on the council's intranet.",
        widget=GovTextInput(),
        validators=[
            Optional(),
            URL(
                require_tld=False,
                schemes=("http", "https"),
                message="Enter a link in the correct format, like https://intranet.example.org/x",
            ),
            Length(max=2000, message="The link must be 2000 characters or fewer"),
        ],
    )
    file = FileField("Or upload a file", widget=GovFileInput())
    submit = SubmitField("Add evidence", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        has_file = bool(self.file.data and getattr(self.file.data, "filename", ""))
        if not self.link.data and not has_file:
            self.link.errors = [*self.link.errors, "Enter a link or choose a file to upload"]
            return False
        if self.link.data and has_file:
            self.file.errors = [*self.file.errors, "Give a link or a file, not both"]
            return False
        return valid


class ProposeCompletionForm(VersionedForm):
    submit = SubmitField("Propose as complete", widget=GovSubmitInput())
