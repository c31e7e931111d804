"""Every page issues the same number of queries on a small plan and on one twenty times its size.

Walks the URL map: each GET route, as each role it allows, on two databases made by `demo generate` (so
with milestones, evidence, updates and audit history in the generator's proportions), plus the pages'
filters and later pages. A new route fails the test until it is given the objects it needs below.
Timings belong to `make bench`; this test only counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import product
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.routing import AnyConverter

from tests.conftest import _app_on
from tests.helpers.client import PageClient
from tests.helpers.data import committed
from tests.helpers.factories import make_user
from tests.helpers.queries import count_queries
from tests.helpers.route_objects import add_route_objects
from tests.test_route_access import _rules
from tracker.demo.generate import generate
from tracker.extensions import db
from tracker.models import (
    COUNCIL_ROLES,
    Action,
    ActionStatus,
    Evidence,
    Milestone,
    Role,
    User,
)
from tracker.security import PUBLIC_ENDPOINTS

SMALL, LARGE = 48, 960
# The pages' own filters and later pages, which take other paths through the same queries.
VARIANTS = {
    "oversight.overdue": ["?rag=red", "?sort=owner&page=2", "?theme=Front+door&sort=rag", "?framework=outcome_4"],
    "oversight.overdue_csv": ["?rag=amber"],
    "oversight.changes": ["?since=1&since=1&since=2020&theme=Front+door", "?since=1&since=1&since=2020"],
    "oversight.changes_csv": ["?since=1&since=1&since=2020"],
    "actions.plan": ["?page=2", "?q=audit+plan&theme=Front+door&status=in_progress&rag=amber&owner=1&page=2"],
    "points.framework": ["?area=outcome_4", "?area=none&page=2"],
    "audit.search": ["?page=2", "?field=rag"],
}


@dataclass
class World:
    app: object
    users: dict[Role, int]
    values: dict[str, int]
    for_role: dict[Role, dict[str, int]]
    lifetime: Iterator  # the app fixture's generator: finishing it drops the database

    def values_for(self, role: Role) -> dict[str, int]:
        return self.values | self.for_role.get(role, {})


def _world(databases, folder: Path, actions: int) -> World:
    folder.mkdir()
    app = _app_on(databases, "empty", folder)
    flask_app = next(app)
    with committed(flask_app):
        generate(1, actions)
        action = db.session.scalar(
            select(Action).where(Action.status == ActionStatus.IN_PROGRESS).order_by(Action.id).limit(1)
        )
        authority = action.improvement_point.inspection.authority
        people = {
            role: db.session.scalar(
                select(User).where(User.authority_id == authority.id, User.role == role).order_by(User.id).limit(1)
            )
            for role in COUNCIL_ROLES
        }
        people[Role.SERVICE_MANAGER] = action.owner
        people[Role.OPERATOR] = make_user(None, Role.OPERATOR)
        director = people[Role.DIRECTOR]
        # Reports on the newest fifth of the plans: one on the small plan, eight on the large.
        objects = add_route_objects(action, director, past_month=date(2012, 9, 1), newest_fifth=True)
        values = {
            "past_id": objects.past_id,
            "action_id": action.id,
            "milestone_id": db.session.scalar(select(Milestone.id).where(Milestone.action_id == action.id).limit(1)),
            "evidence_id": db.session.scalar(select(Evidence.id).where(Evidence.action_id == action.id).limit(1)),
            "challenge_id": objects.challenge_id,
            "inspection_id": action.improvement_point.inspection_id,
            "point_id": action.improvement_point_id,
            "report_id": objects.report_id,
            "job_id": objects.job_id,
            "import_id": objects.import_id,
            "user_id": action.owner_id,
            "authority_id": authority.id,
        }
        # The committee sees published reports only.
        for_role = {Role.COMMITTEE_MEMBER: {"report_id": objects.published_report_id}}
        users = {role: user.id for role, user in people.items()}
    return World(flask_app, users, values, for_role, app)


@pytest.fixture(scope="module")
def worlds(databases, tmp_path_factory):
    folder = tmp_path_factory.mktemp("query-counts")
    small, large = _world(databases, folder / "small", SMALL), _world(databases, folder / "large", LARGE)
    yield small, large
    for world in (small, large):
        next(world.lifetime, None)


def _pages(app):
    """(endpoint, rule, choices, query string) for every GET route that needs signing in, in every format."""
    for rule in _rules(app):
        if "GET" not in rule.methods or rule.endpoint in PUBLIC_ENDPOINTS or rule.endpoint == "static":
            continue
        options = {a: sorted(c.items) for a, c in rule._converters.items() if isinstance(c, AnyConverter)}
        for choices in [dict(zip(options, combination, strict=True)) for combination in product(*options.values())]:
            for query in ["", *VARIANTS.get(rule.endpoint, [])]:
                yield rule.endpoint, rule, choices, query


def _url(rule, choices: dict[str, str], values: dict[str, int]) -> str:
    missing = set(rule.arguments) - set(choices) - set(values)
    assert not missing, f"{rule.rule}: give the test a {', '.join(sorted(missing))} for this route"
    return rule.build({a: choices.get(a, values.get(a)) for a in rule.arguments}, append_unknown=False)[1]


def _measure(world: World, role: Role, path: str) -> tuple[int, int]:
    client = PageClient(world.app)
    with world.app.app_context():
        client.sign_in(db.session.get(User, world.users[role]))
        engine = db.engine
    with count_queries(engine) as counter:
        response = client.http.get(path)
    return response.status_code, counter.count


def test_every_page_issues_the_same_number_of_queries_at_twenty_times_the_size(worlds):
    small, large = worlds
    with large.app.app_context():
        assert db.session.scalar(select(db.func.count(Action.id))) == LARGE
    measured, grew, failed = 0, [], []
    for endpoint, rule, choices, query in _pages(small.app):
        for role in sorted(small.app.view_functions[endpoint].allowed_roles, key=lambda r: r.value):
            small_status, small_count = _measure(small, role, _url(rule, choices, small.values_for(role)) + query)
            large_status, large_count = _measure(large, role, _url(rule, choices, large.values_for(role)) + query)
            where = f"{role.value} GET {_url(rule, choices, large.values_for(role))}{query}"
            if small_status >= 500 or small_status != large_status:
                failed.append(f"{where}: answered {small_status} on the small plan, {large_status} on the large")
            elif large_count != small_count:
                grew.append(f"{where}: {small_count} queries on {SMALL} actions, {large_count} on {LARGE}")
            measured += 1
    assert not failed, "\n".join(failed)
    assert not grew, "\n".join(grew)
    assert measured > 80  # every GET route, as every role it allows, with the variants
