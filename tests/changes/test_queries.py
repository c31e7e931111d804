"""changes_between returns exactly the changes made in the period, worked out from the operations performed
(tests/changes/scenario.py), in time order, with plan and theme filters, in a fixed number of queries."""

from datetime import date

from tests.changes.scenario import DIRECTOR, SINCE, UNTIL, Expected, build, busy_council
from tests.helpers.queries import count_queries
from tracker.changes.model import Changes
from tracker.changes.queries import changes_between
from tracker.extensions import db
from tracker.models import Rag, Theme


def _found(changes: Changes) -> Expected:
    """The changes in the shape the scenario notes them in."""
    return Expected(
        rating_moves=[
            (m.when, m.subject.action, m.from_rag, m.to_rag, m.who, m.why, m.recovery) for m in changes.rating_moves
        ],
        milestones_moved=[
            (m.when, m.milestone, m.from_date, m.to_date, m.reason, m.who, m.subject.action)
            for m in changes.milestones_moved
        ],
        proposals=[(d.when, d.subject.action, d.who) for d in changes.proposals],
        returns=[(d.when, d.subject.action, d.who, d.reason) for d in changes.returns],
        sign_offs=[(d.when, d.subject.action, d.who, d.reason) for d in changes.sign_offs],
        challenges_raised=[(c.when, c.subject.action, c.question, c.who) for c in changes.challenges_raised],
        challenges_answered=[
            (c.when, c.subject.action, c.question, c.answer, c.who) for c in changes.challenges_answered
        ],
    )


def _assert_same(changes: Changes, expected: Expected) -> None:
    found = _found(changes)
    for name in (
        "rating_moves",
        "milestones_moved",
        "proposals",
        "returns",
        "sign_offs",
        "challenges_raised",
        "challenges_answered",
    ):
        assert getattr(found, name) == sorted(getattr(expected, name), key=lambda row: row[0]), name
    overdue = [(o.due, o.subject.action, o.kind, o.milestone or "") for o in changes.newly_overdue]
    assert overdue == expected.newly_overdue()


def test_the_changes_are_exactly_those_made_in_the_period(app):
    scenario = build(app)
    expected = scenario.expected
    with app.app_context():
        changes = changes_between(scenario.authority_id, SINCE, UNTIL)
    _assert_same(changes, expected)
    # The scenario is not empty where it matters: every kind of change is there, edges included.
    assert len(expected.rating_moves) == 6 and len(expected.newly_overdue()) == 7
    assert all(getattr(expected, n) for n in ("milestones_moved", "proposals", "returns", "sign_offs"))
    assert len(expected.challenges_raised) == 2 and len(expected.challenges_answered) == 2
    first = changes.rating_moves[0]
    assert (first.from_rag, first.to_rag, first.why) == (Rag.AMBER, Rag.RED, "Two social workers left")
    assert first.recovery == "Agency staff from May" and first.subject.plan.startswith("Focused visit")


def test_the_plan_and_theme_filters_keep_only_their_actions(app):
    scenario = build(app)
    plan2 = {title for title, plan in scenario.plans.items() if plan == scenario.plan2.id}
    front_door = {title for title, theme in scenario.themes.items() if theme == Theme.FRONT_DOOR.label}
    with app.app_context():
        by_plan = changes_between(scenario.authority_id, SINCE, UNTIL, inspection_ids=[scenario.plan2.id])
        by_theme = changes_between(scenario.authority_id, SINCE, UNTIL, theme=Theme.FRONT_DOOR.label)
        nothing = changes_between(scenario.authority_id, SINCE, UNTIL, inspection_ids=[])
    _assert_same(by_plan, scenario.expected.filtered(plan2))
    _assert_same(by_theme, scenario.expected.filtered(front_door))
    assert by_plan.rating_moves and by_theme.sign_offs and nothing.nothing


def test_another_period_has_its_own_changes(app):
    """The same history seen over a period ending the day before: the last day's changes drop out."""
    scenario = build(app)
    with app.app_context():
        changes = changes_between(scenario.authority_id, SINCE, date(2026, 6, 29))
    assert "Care leavers offer" not in {c.subject.action for c in changes.challenges_raised}
    assert [m.to_rag for m in changes.rating_moves if m.subject.action == "Front door audits"] == [Rag.RED, Rag.AMBER]
    assert not changes.challenges_raised or all(c.who == DIRECTOR for c in changes.challenges_raised)


def test_the_number_of_queries_does_not_grow_with_the_plan(app):
    small, large = busy_council(app, 2), busy_council(app, 20)
    counts = []
    with app.app_context():
        for authority_id, size in ((small, 2), (large, 20)):
            db.session.expire_all()
            with count_queries(db.engine) as counter:
                changes = changes_between(authority_id, SINCE, UNTIL)
            assert len(changes.rating_moves) == 2 * size and len(changes.challenges_answered) == size
            assert len(changes.newly_overdue) == len(changes.milestones_moved) == size
            counts.append(counter.count)
    assert counts[0] == counts[1], counts
