from datetime import date

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput
from wtforms import RadioField, SelectField, SubmitField
from wtforms.validators import InputRequired

from tracker.forms import Form, GovDateField, VersionedForm, choices, required_text


class SignOffForm(VersionedForm):
    decision = RadioField(
        "Your decision",
        choices=choices([("approve", "Sign off as complete"), ("return", "Return it to the owner")]),
        widget=GovRadioInput(),
        validators=[InputRequired("Select whether to sign the action off or return it")],
    )
    reason = required_text(
        "Your reasons",
        missing="Enter your reasons",
        noun="Your reasons",
        description="If you sign it off, say how the evidence shows the difference made for children. "
        "If you return it, say what is missing.",
    )
    submit = SubmitField("Confirm decision", widget=GovSubmitInput())


class ChallengeForm(Form):
    question = required_text(
        "Your challenge",
        missing="Enter your challenge",
        noun="The challenge",
        description="The owner will be asked to answer it. It shows on their list and your dashboard until they do.",
    )
    submit = SubmitField("Send challenge", widget=GovSubmitInput())


class AnswerForm(Form):
    answer = required_text("Your answer", missing="Enter your answer", noun="Your answer")
    submit = SubmitField("Send answer", widget=GovSubmitInput())


class AuthorityForm(Form):
    """Administrators choose which authority's plan to look at."""

    class Meta:
        csrf = False  # a GET filter that changes nothing

    authority = SelectField("Authority", widget=GovSelect(), coerce=int)
    submit = SubmitField("Show", widget=GovSubmitInput())


class ChangesForm(Form):
    """The period and filters of "what changed since": a GET form, so a link or bookmark keeps the choice."""

    class Meta:
        csrf = False  # a GET filter that changes nothing

    since = GovDateField(
        "Since", required=False, description="Changes after the end of this day. For example, 3 9 2024"
    )
    until = GovDateField("Until", required=False, description="Up to the end of this day. Leave empty for today")
    plan = SelectField("Plan", widget=GovSelect(), validate_choice=False)
    theme = SelectField("Theme", widget=GovSelect(), validate_choice=False)
    submit = SubmitField("Show changes", widget=GovSubmitInput())

    def check(self, today: date) -> bool:
        """The fields' own checks, then: only choices offered, dates not in the future, since before until (an
        empty until is today)."""
        valid = self.validate()
        for field, noun in ((self.plan, "plan"), (self.theme, "theme")):
            if field.data and field.data not in {choice.value for choice in field.choices}:
                field.errors.append(f"Select a {noun} from the list")
                valid = False
        for field in (self.since, self.until):
            if field.data and field.data > today:
                field.errors.append(f"{field.label.text} must be today or in the past")
                valid = False
        if self.since.data and self.since.data >= (self.until.data or today) and valid:
            self.since.errors.append("Since must be before until")
            valid = False
        return valid
