"""The whole application's routes × roles × own or another authority.

Every role a route allows succeeds on its own council's object (a page, or a form answered or done, never
403, 404 or a trip to sign-in) and gets 404 for another council's (its existence is not revealed), which
is recorded as a probe. A role the route does not allow gets 403 either way. Administrators are walked
like everyone else; the service operator belongs to no council, so every council's plan is closed to it
and only the councils pages (about councils, not plans) open, for any council.
"""

from datetime import date
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import func, select
from werkzeug.routing import AnyConverter

from tests.helpers.client import PageClient
from tests.helpers.data import committed
from tests.helpers.factories import make_user
from tests.helpers.paths import SEED_DOCUMENTS
from tests.helpers.route_objects import add_route_objects
from tests.test_route_access import _rules
from tracker.actions import operations as ops
from tracker.actions.uploads import CheckedFile
from tracker.extensions import db
from tracker.imports import operations as imports
from tracker.models import Action, AuditEvent, Role, User
from tracker.parsing import parse_file

# Refused on one's own authority by a rule of the plan, not by authority: a director does not answer the
# challenge they raised (only the owner does).
RULE_REFUSALS = {("oversight.answer", Role.DIRECTOR)}
# Who walks the routes for each role: someone of the home council (None: the operator, of no council).
WALKERS = {
    Role.DIRECTOR: "director",
    Role.SERVICE_MANAGER: "owner",
    Role.ADMINISTRATOR: "admin",
    Role.COMMITTEE_MEMBER: "committee",
    Role.OPERATOR: None,
}
# Committee members read published reports only; the rest are shown the draft. The operator's own imports are
# those still waiting for their council to be added; any council's is another's to them.
OBJECT_FOR = {
    Role.COMMITTEE_MEMBER: {"report_id": "published_report_id"},
    Role.OPERATOR: {"import_id": "filer_import_id"},
}
# Pages about councils themselves, which the operator opens for any council.
ABOUT_COUNCILS = {"councils.show", "councils.new_administrator", "councils.names"}


def _objects(action: Action, document: str, director: User, colleague: User) -> dict:
    milestone = action.milestones[0] if action.milestones else None
    evidence = ops.add_evidence(
        action,
        action.owner,
        kind="audit",
        description="An audit.",
        evidence_date=date(2026, 11, 1),
        shows_impact=False,
        file=CheckedFile("audit.pdf", ".pdf", "application/pdf", b"%PDF-1.4\n%%EOF\n"),
        upload_folder=Path(current_app.config["UPLOAD_FOLDER"]),
    )
    objects = add_route_objects(action, director, document=document)
    return {
        "past_id": objects.past_id,
        "action_id": action.id,
        "milestone_id": milestone.id if milestone else None,
        "evidence_id": evidence.id,
        "challenge_id": objects.challenge_id,
        "inspection_id": action.improvement_point.inspection_id,
        "point_id": action.improvement_point_id,
        "report_id": objects.report_id,
        "published_report_id": objects.published_report_id,
        "job_id": objects.job_id,  # a draft's PDF, made
        "import_id": objects.import_id,
        "user_id": colleague.id,
        "authority_id": action.improvement_point.inspection.authority_id,
    }


@pytest.fixture
def both(app, world):
    with committed(app):
        home_action = db.session.get(Action, world.action.id)
        away_action = db.session.get(Action, world.other_action.id)
        ops.add_milestone(away_action, away_action.owner, title="Leeds milestone", due_date=date(2027, 1, 1))
        db.session.flush()
        home = _objects(
            home_action,
            "000_fa815bd9a06c470f.txt",
            db.session.get(User, world.director.id),
            db.session.get(User, world.colleague.id),
        )
        away = _objects(
            away_action,
            "002_6621623bf4a0c081.txt",
            db.session.get(User, world.outsider_director.id),
            db.session.get(User, world.outsider.id),
        )
        # A document an operator imported for a council not yet on the service (filed under no council).
        filer = make_user(None, Role.OPERATOR)
        unfiled = imports.start(parse_file(SEED_DOCUMENTS / "004_ccc5be74032a3208.txt"), "letter.txt", filer, None)
        db.session.flush()
        home["filer_import_id"], away["filer_import_id"] = unfiled.id, away["import_id"]
    return home, away


@pytest.fixture
def operator(app):
    with committed(app):
        return make_user(None, Role.OPERATOR)


def _url(rule, objects, role) -> str:
    values = {}
    for argument in rule.arguments:
        converter = rule._converters[argument]
        key = OBJECT_FOR.get(role, {}).get(argument, argument)
        values[argument] = sorted(converter.items)[0] if isinstance(converter, AnyConverter) else objects[key]
    return rule.build(values, append_unknown=False)[1]


def _object_rules(app):
    """Each route about one object, as (rule, method): every GET first, then the POSTs, discarding an import
    (which ends it) last, so each route meets its objects as they were made."""
    walk = []
    for rule in _rules(app):
        if not rule.arguments or rule.endpoint in ("static", "auth.logout"):
            continue
        walk += [(rule, method) for method in ("GET", "POST") if method in rule.methods]
    return sorted(walk, key=lambda pair: (pair[1] == "POST", pair[0].endpoint == "imports.discard"))


def _succeeded(response) -> bool:
    if response.status_code == 200:
        return True
    return response.status_code == 302 and not response.location.startswith("/sign-in")


def test_the_matrix_covers_every_route_about_one_object(app):
    endpoints = {rule.endpoint for rule, _ in _object_rules(app)}
    expected = {"actions.show", "points.themes", "imports.review", "reports.download", "oversight.answer"}
    expected |= {"reports.download_appendix", "reports.job_appendix_file"}
    assert expected | {"accounts.edit_user", "accounts.reset_password", "councils.show"} <= endpoints
    assert len(endpoints) >= 25


def test_every_role_is_walked():
    assert set(WALKERS) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_every_route_about_an_object_answers_by_role_and_authority(client, world, both, operator, role):
    home, away = both
    walker = operator if role == Role.OPERATOR else getattr(world, WALKERS[role])
    client.sign_in(walker)
    expected_probes = 0
    for rule, method in _object_rules(client.app):
        allowed = role in client.app.view_functions[rule.endpoint].allowed_roles
        away_answer = client.http.open(_url(rule, away, role), method=method)
        home_answer = client.http.open(_url(rule, home, role), method=method)
        where = f"{role} {method} {rule.rule}"
        if not allowed:
            assert away_answer.status_code == home_answer.status_code == 403, where
        elif rule.endpoint in ABOUT_COUNCILS:
            assert _succeeded(away_answer) and _succeeded(home_answer), where
        else:
            assert away_answer.status_code == 404, f"{where} on another authority's: {away_answer.status_code}"
            expected_probes += 1
            if (rule.endpoint, role) in RULE_REFUSALS:
                assert home_answer.status_code == 403, where
            else:
                assert _succeeded(home_answer), f"{where} on their own: {home_answer.status_code}"
    with committed(client.app):
        probes = db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.event == "probed"))
    # Every 404 on another council's object is recorded, up to the limit per person.
    assert probes == min(expected_probes, 20), (probes, expected_probes)


# The time-out warning's routes are about no object: each answers any signed-in person about their own session.
SESSION_ROUTES = {"auth.time_left": "GET", "auth.stay_signed_in": "POST"}


@pytest.mark.parametrize("role", list(Role))
def test_the_session_routes_answer_every_role_about_their_own_session_and_no_one_signed_out(client, world, role):
    with committed(client.app):
        walker = make_user(None, Role.OPERATOR) if role == Role.OPERATOR else getattr(world, WALKERS[role])
    signed_out = PageClient(client.app)
    client.sign_in(walker)
    for endpoint, method in SESSION_ROUTES.items():
        url = client.url(endpoint)
        anonymous = signed_out.http.open(url, method=method)
        assert anonymous.status_code == 302 and anonymous.location.startswith("/sign-in"), endpoint
        answer = client.http.open(url, method=method)
        assert answer.status_code == 200 and set(answer.json) == {"seconds_left"}, f"{role} {endpoint}"
