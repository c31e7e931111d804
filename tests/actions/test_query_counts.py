"""My actions and an action's page issue the same number of queries at ten times the seed's size."""

from datetime import date

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_milestone, make_point, make_user
from tests.helpers.queries import count_queries
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import EvidenceKind, Rag, Role

SEED_ACTIONS = 34


def _plan(app, actions: int, per_action: int):
    """An owner with `actions` actions, each with `per_action` milestones, evidence items and updates."""
    with committed(app):
        authority = make_authority()
        owner = make_user(authority, Role.SERVICE_MANAGER)
        director = make_user(authority, Role.DIRECTOR)
        points = [make_point(make_inspection(authority)) for _ in range(5)]
        first = None
        for i in range(actions):
            action = make_action(points[i % 5], owner, director, rag=Rag.GREEN)
            first = first or action
            for n in range(per_action):
                make_milestone(action, date(2026, 1 + n % 12, 1 + i % 28), completed_date=None)
                ops.add_evidence(
                    action,
                    owner,
                    kind=EvidenceKind.AUDIT,
                    description=f"Evidence {n}",
                    evidence_date=date(2026, 1, 1),
                    shows_impact=n % 2 == 0,
                    link="https://intranet.example.org/x",
                )
                ops.record_progress(action, owner, rag=Rag.GREEN, rag_reason="On track.", narrative=f"Update {n}")
        engine = db.engine
    return owner, first, engine


def _count(client, engine, endpoint, **values) -> int:
    with count_queries(engine) as counter:
        client.get_page(endpoint, **values)
    return counter.count


def test_my_actions_and_the_action_page_do_not_grow_with_the_plan(client, app):
    small_owner, small_action, engine = _plan(app, actions=3, per_action=1)
    big_owner, big_action, _ = _plan(app, actions=SEED_ACTIONS * 10, per_action=4)

    client.sign_in(small_owner)
    small = (
        _count(client, engine, "actions.my_actions"),
        _count(client, engine, "actions.show", action_id=small_action.id),
    )
    client.sign_in(big_owner)
    big = (
        _count(client, engine, "actions.my_actions"),
        _count(client, engine, "actions.show", action_id=big_action.id),
    )
    print(f"queries (my actions, action page): {small} at 3 actions, {big} at {SEED_ACTIONS * 10}")
    assert small == big
    assert big[0] <= 6 and big[1] <= 12, big
