from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea
from wtforms import RadioField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from tracker.forms import VersionedForm, choices

TEXT_LIMIT = 2000


class SignOffForm(VersionedForm):
    decision = RadioField(
        "Your decision",
        choices=choices([("approve", "Sign off as complete"), ("return", "Return it to the owner")]),
        widget=GovRadioInput(),
        validators=[InputRequired("Select whether to sign the action off or return it")],
    )
    reason = TextAreaField(
        "Your reasons",
        description="If you sign it off, say how the evidence shows the difference made for children. "
        "If you return it, say what is missing.",
        widget=GovTextArea(),
        validators=[
            DataRequired("Enter your reasons"),
            Length(max=TEXT_LIMIT, message=f"Your reasons must be {TEXT_LIMIT} characters or fewer"),
        ],
    )
    submit = SubmitField("Confirm decision", widget=GovSubmitInput())


class ChallengeForm(FlaskForm):
    question = TextAreaField(
        "Your challenge",
        description="The owner will be asked to answer it. It shows on their list and your dashboard until they do.",
        widget=GovTextArea(),
        validators=[
            DataRequired("Enter your challenge"),
            Length(max=TEXT_LIMIT, message=f"The challenge must be {TEXT_LIMIT} characters or fewer"),
        ],
    )
    submit = SubmitField("Send challenge", widget=GovSubmitInput())


class AnswerForm(FlaskForm):
    answer = TextAreaField(
        "Your answer",
        widget=GovTextArea(),
        validators=[
            DataRequired("Enter your answer"),
            Length(max=TEXT_LIMIT, message=f"Your answer must be {TEXT_LIMIT} characters or fewer"),
        ],
    )
    submit = SubmitField("Send answer", widget=GovSubmitInput())


class AuthorityForm(FlaskForm):
    """Administrators choose which authority's plan to look at."""

    class Meta:
        csrf = False  # a GET filter that changes nothing

    authority = SelectField("Authority", widget=GovSelect(), coerce=int)
    submit = SubmitField("Show", widget=GovSubmitInput())
