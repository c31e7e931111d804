"""The whole application's routes × roles × own or another authority: a role a route allows gets 404 for
another authority's object (its existence is not revealed) and is never refused its own; a role it does
not allow gets 403 either way."""

from datetime import date

import pytest
from werkzeug.routing import AnyConverter

from tests.helpers.data import committed
from tests.helpers.paths import SEED_DOCUMENTS
from tests.test_route_access import _rules
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.imports import operations as imports
from tracker.models import Action, Role, User
from tracker.parsing import parse_file
from tracker.reports import operations as reports
from tracker.reports.defaults import default_inputs

# Accounts belong to no one authority: administrators manage everyone's (see docs/decisions.md).
GLOBAL = {"accounts.edit_user", "accounts.reset_password", "accounts.reset_two_factor"}
# Refused on one's own authority by a rule of the plan, not by authority: a director does not answer the
# challenge they raised (only the owner does).
RULE_REFUSALS = {("oversight.answer", Role.DIRECTOR)}
ROLES = {
    Role.DIRECTOR: ("director", "outsider_director"),
    Role.SERVICE_MANAGER: ("owner", "outsider"),
    Role.ADMINISTRATOR: ("admin", None),
    Role.COMMITTEE_MEMBER: ("committee", None),
}


def _objects(action: Action, document: str, director: User) -> dict:
    milestone = action.milestones[0] if action.milestones else None
    evidence = ops.add_evidence(
        action,
        action.owner,
        kind="audit",
        description="An audit.",
        evidence_date=date(2026, 11, 1),
        shows_impact=False,
        link="https://intranet.example.org/audit",
    )
    challenge = ops.raise_challenge(action, director, question="Why?")
    authority = action.improvement_point.inspection.authority
    report = reports.save_draft(
        None, default_inputs(authority, "Scrutiny", date(2026, 12, 1), date(2026, 11, 22)), director
    )
    pending = imports.start(parse_file(SEED_DOCUMENTS / document), document, director)
    db.session.flush()
    return {
        "action_id": action.id,
        "milestone_id": milestone.id if milestone else None,
        "evidence_id": evidence.id,
        "challenge_id": challenge.id,
        "inspection_id": action.improvement_point.inspection_id,
        "point_id": action.improvement_point_id,
        "report_id": report.id,
        "import_id": pending.id,
    }


@pytest.fixture
def both(app, world):
    with committed(app):
        home_action = db.session.get(Action, world.action.id)
        away_action = db.session.get(Action, world.other_action.id)
        ops.add_milestone(away_action, away_action.owner, title="Leeds milestone", due_date=date(2027, 1, 1))
        db.session.flush()
        home = _objects(home_action, "000_fa815bd9a06c470f.txt", db.session.get(User, world.director.id))
        away = _objects(away_action, "002_6621623bf4a0c081.txt", db.session.get(User, world.outsider_director.id))
    return home, away


def _url(rule, objects) -> str:
    values = {}
    for argument in rule.arguments:
        converter = rule._converters[argument]
        values[argument] = sorted(converter.items)[0] if isinstance(converter, AnyConverter) else objects[argument]
    return rule.build(values, append_unknown=False)[1]


def _object_rules(app):
    return [r for r in _rules(app) if r.arguments and r.endpoint != "static" and r.endpoint not in GLOBAL]


def test_the_matrix_covers_every_route_about_one_object(app):
    endpoints = {r.endpoint for r in _object_rules(app)}
    assert {"actions.show", "points.themes", "imports.review", "reports.download", "oversight.answer"} <= endpoints
    assert len(endpoints) >= 20


@pytest.mark.parametrize("role", list(ROLES))
def test_every_route_about_an_object_answers_by_role_and_authority(client, world, both, role):
    home, away = both
    inside, _ = ROLES[role]
    client.sign_in(getattr(world, inside))
    for rule in _object_rules(client.app):
        allowed = role in client.app.view_functions[rule.endpoint].allowed_roles
        method = "GET" if "GET" in rule.methods else "POST"
        if rule.endpoint == "auth.logout":
            continue
        away_answer = client.http.open(_url(rule, away), method=method).status_code
        home_answer = client.http.open(_url(rule, home), method=method).status_code
        if allowed:
            assert away_answer == 404, f"{role} {method} {rule.rule} on another authority's: {away_answer}"
            if (rule.endpoint, role) not in RULE_REFUSALS:
                assert home_answer != 403, f"{role} {method} {rule.rule} on their own: {home_answer}"
        else:
            assert away_answer == home_answer == 403, f"{role} {method} {rule.rule}: {home_answer}, {away_answer}"
