from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput
from wtforms import RadioField, SelectField, SubmitField
from wtforms.validators import InputRequired

from tracker.forms import Form, VersionedForm, choices, required_text


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
