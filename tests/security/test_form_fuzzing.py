"""Property-based fuzzing of every form (Hypothesis): random and hostile input never gives a 500, and a
refused form changes no data.

Each form is fetched as its user would see it; Hypothesis then posts any subset of its fields (and some
it does not have) filled with hostile values: very long text, control characters, impossible dates,
numbers out of range, the wrong types, markup and formulas. Under TESTING an unhandled exception
reaches the test, so "no 500" is checked by the request itself.
"""

from __future__ import annotations

from datetime import date

import pyotp
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.client import PageClient
from tests.helpers.data import committed, snapshot
from tests.helpers.factories import make_action, make_user
from tests.helpers.paths import SEED_DOCUMENTS
from tests.test_route_access import _rules
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.imports import operations as imports
from tracker.inspections.history import add_past
from tracker.models import Action, DocumentKind, Role, User
from tracker.parsing import parse_file
from tracker.parsing.limits import Limits
from tracker.reports import council_template
from tracker.reports import operations as reports
from tracker.reports.defaults import default_inputs
from tracker.reports.docx_template import default_template
from tracker.timeutil import utcnow

CONTROL = "".join(chr(c) for c in range(32)) + "\x7f\u200b\u202e\ufeff\u2028"
AWKWARD = [
    "",
    " ",
    "0",
    "-1",
    "99999999999999999999",
    "1e308",
    "NaN",
    "31",
    "29",
    "0000",
    "²",
    "١٢",
    "2026-13-45",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "../../etc/passwd",
    "javascript:alert(1)",
    "[]",
    "{}",
    "None",
    "on",
]
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=CONTROL, max_size=12),
    st.sampled_from(AWKWARD),
    st.integers().map(str),
    st.just("x" * 60_000),
)

# Every form: who fills it in, and the objects its URL names (built by the `objects` fixture).
FORMS = {
    "actions.progress": ("owner", ["action_id"]),
    "actions.add_milestone": ("owner", ["action_id"]),
    "actions.complete_milestone": ("owner", ["action_id", "milestone_id"]),
    "actions.replan_milestone": ("owner", ["action_id", "milestone_id"]),
    "actions.close_milestone": ("owner", ["action_id", "milestone_id"]),
    "actions.add_evidence": ("owner", ["action_id"]),
    "actions.propose_completion": ("owner", ["action_id"]),
    "oversight.challenge": ("director", ["action_id"]),
    "oversight.answer": ("owner", ["action_id", "challenge_id"]),
    "oversight.accept_answer": ("director", ["action_id", ("challenge_id", "answered_challenge_id")]),
    "oversight.review": ("director", [("action_id", "review_action_id")]),
    "inspections.plan_sent": ("director", ["inspection_id"]),
    "inspections.add_past": ("director", []),
    "inspections.correct_past": ("director", ["past_id"]),
    "inspections.remove_past": ("director", ["past_id"]),
    "points.themes": ("director", ["point_id"]),
    "points.answered": ("director", ["point_id"]),
    "reports.new": ("director", []),
    "reports.edit": ("director", ["report_id"]),
    "reports.publish": ("director", ["report_id"]),
    "reports.template": ("director", []),
    "reports.template_default": ("admin", []),
    "reports.make_file": ("director", ["report_id", ("fmt", "file_format")]),
    "imports.new": ("director", []),
    "imports.review": ("director", ["import_id"]),
    "imports.discard": ("director", ["import_id"]),
    "imports.add_council": ("operator", [("import_id", "unfiled_import_id")]),
    "inspections.published": ("director", ["inspection_id"]),
    "accounts.new_user": ("admin", []),
    "accounts.edit_user": ("admin", ["user_id"]),
    "accounts.reset_password": ("admin", ["user_id"]),
    "accounts.reset_two_factor": ("admin", ["user_id"]),
    "accounts.change_password": ("owner", []),
    "accounts.choose_password": ("temporary", []),
    "councils.new": ("operator", []),
    "councils.new_administrator": ("operator", [("authority_id", "council_without_administrator")]),
    "councils.names": ("operator", [("authority_id", "council_without_administrator")]),
    "councils.own_names": ("admin", []),
    "accounts.set_up_two_factor": ("owner", []),
    "auth.login": (None, []),
    "auth.code": ("pending", []),
    "auth.first_two_factor": ("pending-first", []),
}
PENDING = ("pending", "pending-first")
# Signing out and staying signed in have no fields to fuzz; they are tested in tests/security/test_sessions.py and
# tests/auth/test_time_out.py.
NOT_FUZZED = {"auth.logout", "auth.stay_signed_in"}
# Forms whose refusal is itself recorded (a failed sign-in is an audit event), or that keep what was typed.
RECORDS_REFUSALS = {
    "auth.login",
    "auth.code",
    "auth.first_two_factor",
    "accounts.set_up_two_factor",
    "accounts.change_password",
    "accounts.choose_password",
}


def test_every_form_is_fuzzed(app):
    posting = {r.endpoint for r in _rules(app) if "POST" in r.methods}
    assert posting - NOT_FUZZED == set(FORMS)


@pytest.fixture
def objects(app, world):
    with committed(app):
        action = db.session.get(Action, world.action.id)
        director = db.session.get(User, world.director.id)
        challenge = ops.raise_challenge(action, director, question="What is the agency plan?")
        answered = ops.raise_challenge(action, director, question="Who chairs the audit?")
        ops.answer_challenge(answered, action.owner, answer="The principal social worker.")
        report = reports.save_draft(
            None,
            default_inputs(
                action.improvement_point.inspection.authority, "Scrutiny", date(2026, 12, 1), date(2026, 11, 22)
            ),
            director,
        )
        pending = imports.start(
            parse_file(SEED_DOCUMENTS / "000_fa815bd9a06c470f.txt"), "letter.txt", director, director.authority
        )
        proposed = make_action(action.improvement_point, action.owner, director, title="Ready for sign-off")
        ops.add_evidence(
            proposed,
            action.owner,
            kind="audit",
            description="Re-audit shows the change.",
            evidence_date=date(2026, 11, 1),
            shows_impact=True,
            link="https://intranet.example.org/re-audit",
        )
        ops.propose_completion(proposed, action.owner)
        db.session.get(User, world.admin.id).totp_secret = pyotp.random_base32()  # for the code step
        db.session.get(User, world.colleague.id).totp_secret = pyotp.random_base32()  # for the reset button
        temporary = make_user(action.owner.authority, Role.SERVICE_MANAGER, must_change_password=True)
        operator = make_user(None, Role.OPERATOR)
        # A document the operator imported for a council not yet on the service: it waits for no council.
        unfiled = imports.start(parse_file(SEED_DOCUMENTS / "002_6621623bf4a0c081.txt"), "letter.txt", operator, None)
        first_admin = make_user(action.owner.authority, Role.ADMINISTRATOR)  # two-factor not yet set up
        # The council's own Word template, so that the button going back to the default is shown.
        council_template.replace(action.owner.authority, "council.docx", default_template(), director, Limits())
        past = add_past(
            action.owner.authority_id,
            director,
            doc_type=DocumentKind.INSPECTION_REPORT,
            started_month=date(2019, 9, 1),
            ended_month=date(2019, 10, 1),
            published=None,
            overall_effectiveness="Requires improvement to be good",
        )
        db.session.flush()
        return {
            "past_id": past.id,
            "review_action_id": proposed.id,
            "action_id": action.id,
            "milestone_id": world.milestone.id,
            "challenge_id": challenge.id,
            "answered_challenge_id": answered.id,
            "inspection_id": action.improvement_point.inspection_id,
            "point_id": action.improvement_point_id,
            "report_id": report.id,
            "file_format": "pdf",
            "import_id": pending.id,
            "unfiled_import_id": unfiled.id,
            "user_id": world.colleague.id,
            "council_without_administrator": world.outsider.authority_id,
            "temporary": temporary,
            "operator": operator,
            "pending-first": first_admin,
        }


def _url_values(arguments, objects) -> dict:
    """Each URL argument's value: ("action_id", "review_action_id") takes another object for the argument."""
    pairs = [a if isinstance(a, tuple) else (a, a) for a in arguments]
    return {parameter: objects[key] for parameter, key in pairs}


def _person(world, objects, who) -> User:
    return objects[who] if who in ("temporary", "operator") else getattr(world, who)


def _client_for(app, world, objects, who) -> PageClient:
    client = PageClient(app)
    if who in PENDING:
        # Half signed in: the password was right, the code step is next (for the admin with a phone set up, or
        # the one who has yet to set it up).
        pending = world.admin if who == "pending" else objects[who]
        with client.http.session_transaction() as session:
            session.update(pending_user=pending.id, pending_at=utcnow().isoformat())
    elif who is not None:
        client.sign_in(_person(world, objects, who))
    return client


def _field_names(client, url) -> list[str] | None:
    """The form's own fields, as its user is shown them; None when the page shows no form to post."""
    response = client.http.get(url)
    if response.status_code != 200:
        return None
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    forms = [f for f in page.select("main form") if f.get("method", "get").lower() == "post"]
    if not forms:
        return None
    return sorted({f["name"] for form in forms for f in form.select("[name]") if f["name"] != "csrf_token"})


# A confirmation page: one button, nothing to fill in.
NO_FIELDS = {"imports.discard", "inspections.remove_past"}


# Forms posted from a button on another page: they have no page of their own, and at most a button's field.
BUTTONS = {
    "accounts.reset_two_factor": "accounts.edit_user",
    "reports.template_default": "reports.template",
    "reports.make_file": "reports.show",
    "oversight.accept_answer": "oversight.dashboard",
}


@pytest.mark.parametrize("endpoint", sorted(FORMS))
def test_hostile_input_never_breaks_a_form_or_changes_data_when_refused(app, world, objects, endpoint):
    who, arguments = FORMS[endpoint]
    client = _client_for(app, world, objects, who)
    url = client.url(endpoint, **_url_values(arguments, objects))
    if endpoint in BUTTONS:
        shown_on = client.get_page(client.url(BUTTONS[endpoint], **_url_values(arguments, objects)))
        form = shown_on.select_one(f'form[action="{url}"]')
        assert form is not None, f"{endpoint}'s button is not shown on {BUTTONS[endpoint]}"
        fields = sorted({f["name"] for f in form.select("[name]") if f["name"] != "csrf_token"})
    else:
        # A form the fuzzing cannot reach fails the test: posting nothing but made-up fields would pass
        # whatever the form does.
        fields = _field_names(client, url)
        assert fields is not None, f"the fuzzing cannot reach {endpoint} at {url}: its page shows no form"
        assert fields or endpoint in NO_FIELDS, f"the fuzzing found none of {endpoint}'s fields at {url}"
    names = [*fields, "unexpected", "operation"]
    forms = st.dictionaries(st.sampled_from(names), st.lists(HOSTILE, min_size=1, max_size=2), max_size=len(names))

    @settings(
        max_examples=20,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=forms)
    def post(data):
        if who in PENDING:  # the code step lasts five minutes; keep it open for every example
            with client.http.session_transaction() as session:
                session["pending_at"] = utcnow().isoformat()
        before = snapshot(app)
        response = client.http.post(url, data=data)
        assert response.status_code < 500, response.status_code
        refused = response.status_code == 200 and b"govuk-error-summary" in response.data
        if refused:
            after = snapshot(app)
            if endpoint in RECORDS_REFUSALS:
                before["counts"].pop("AuditEvent"), after["counts"].pop("AuditEvent")
            assert after == before, f"a refused {endpoint} changed data"
        if who is not None and who not in PENDING and response.status_code == 302 and "/sign-in" in response.location:
            client.sign_in(_person(world, objects, who))  # the form signed them out (a new password): carry on

    post()
