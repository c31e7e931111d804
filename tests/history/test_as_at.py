"""A plan's actions as at a date, from the audit trail: built through the real operations at set times,
and compared with what the test works out from its own list of those operations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest

from tests.helpers.data import committed
from tests.helpers.factories import make_authority, make_inspection, make_point, make_user
from tests.helpers.queries import count_queries
from tracker.actions import operations as ops
from tracker.audit import change_fields
from tracker.extensions import db
from tracker.models import ActionStatus, Authority, EvidenceKind, Inspection, Rag, Role, Theme
from tracker.oversight.dashboard import rag_trend
from tracker.reports import data
from tracker.reports.defaults import default_inputs
from tracker.reports.facts import plans_as_at


def uk_day_of(moment: datetime) -> date:
    """The UK date of a UTC moment, for the test's dates only: none falls in March or October, so British
    Summer Time is simply April to September (an hour ahead)."""
    assert moment.month not in (3, 10)
    return (moment + timedelta(hours=1 if 4 <= moment.month <= 9 else 0)).date()


@dataclass
class Ledger:
    """What the test did, when (UTC), to which action: the independent account of the plan's history."""

    entries: list[tuple[datetime, str, dict]] = field(default_factory=list)

    def note(self, at: datetime, name: str, **values) -> None:
        self.entries.append((at, name, values))

    def as_at(self, day: date) -> dict[str, dict]:
        actions: dict[str, dict] = {}
        for at, name, values in sorted(self.entries, key=lambda entry: entry[0]):
            if uk_day_of(at) <= day:
                actions.setdefault(name, {}).update(values)
        return actions


@dataclass
class Built:
    plan_id: int
    ids: dict[str, int]
    ledger: Ledger
    later_point: int = 0  # answered from 1 August 2024


PLAN_ADDED = datetime(2024, 4, 30, 10)


def _build(app) -> Built:
    ledger = Ledger()
    with committed(app):
        authority = make_authority()
        first_owner = make_user(authority, job_title="Head of Service, Front Door")
        second_owner = make_user(authority, job_title="Head of Service, Safeguarding")
        director = make_user(authority, Role.DIRECTOR, job_title="Director of Children's Services")
        deputy = make_user(authority, Role.DIRECTOR, job_title="Assistant Director")
        plan = make_inspection(authority, created_at=PLAN_ADDED)
        point = make_point(plan)

        def create(name, at, owner, target, rag=Rag.GREEN, reason="Agreed in the plan."):
            action = ops.create_action(
                point, director, title=name, description="", owner=owner, lead_director=director,
                theme=Theme.FRONT_DOOR, target_date=target, rag=rag, rag_reason=reason, at=at,
            )  # fmt: skip
            db.session.flush()
            ledger.note(
                at, name, created=True, status=ActionStatus.NOT_STARTED, rag=rag, rag_reason=reason,
                recovery=None, owner=owner.job_title, target_date=target, signed_off_on=None, milestones=0,
                evidence=0,
            )  # fmt: skip
            return action

        a = create("A", datetime(2024, 5, 1, 9), first_owner, date(2024, 12, 31))
        b = create("B", datetime(2024, 5, 1, 9, 5), first_owner, date(2025, 3, 31), Rag.AMBER, "Staff short.")

        at = datetime(2024, 6, 10, 10)
        ops.record_progress(
            a, first_owner, rag=Rag.AMBER, rag_reason="Recruitment is late.", narrative="Late.",
            recovery="Agency staff from July.", at=at,
        )  # fmt: skip
        ledger.note(
            at, "A", status=ActionStatus.IN_PROGRESS, rag=Rag.AMBER, rag_reason="Recruitment is late.",
            recovery="Agency staff from July.",
        )  # fmt: skip
        # 23:30 on 15 July in the UK (summer time): that day's, though in UTC it is 22:30.
        at = datetime(2024, 7, 15, 22, 30)
        ops.set_rating(a, first_owner, rag=Rag.RED, rag_reason="Still short of staff.", at=at)
        ledger.note(at, "A", rag=Rag.RED, rag_reason="Still short of staff.")
        # 00:30 on 1 August in the UK, still 31 July in UTC: not July's.
        at = datetime(2024, 7, 31, 23, 30)
        ops.set_rating(b, first_owner, rag=Rag.GREEN, rag_reason="Staff in post.", at=at)
        ledger.note(at, "B", rag=Rag.GREEN, rag_reason="Staff in post.")
        # No screen edits an action's owner or target yet; any that does writes them through change_fields.
        at = datetime(2024, 8, 1, 10)
        change_fields(a, director, at=at, owner=second_owner, target_date=date(2025, 3, 31))
        ledger.note(at, "A", owner=second_owner.job_title, target_date=date(2025, 3, 31))
        # The council takes a second point into its plan (tracker.points.answering records it so).
        later_point = make_point(plan)
        later_point.answered_by_council = False  # as imported: a point the council did not answer at first
        change_fields(later_point, director, at=datetime(2024, 8, 1, 11), answered_by_council=True)
        at = datetime(2024, 8, 5, 10)
        ops.add_milestone(a, second_owner, title="Recruit five social workers", due_date=date(2024, 11, 30), at=at)
        ledger.note(at, "A", milestones=1)
        at = datetime(2024, 8, 5, 11)
        ops.add_evidence(
            a, second_owner, kind=EvidenceKind.AUDIT, description="Audit of case files", evidence_date=date(2024, 8, 5),
            shows_impact=True, link="https://example.org/audit", at=at,
        )  # fmt: skip
        ledger.note(at, "A", evidence=1)
        # Proposed only once its milestone is done and it is no longer Red (the rule for completion).
        at = datetime(2024, 8, 8, 10)
        ops.complete_milestone(a.milestones[0], second_owner, completed_date=date(2024, 8, 8), at=at)
        ops.set_rating(a, second_owner, rag=Rag.AMBER, rag_reason="Four of five recruited.", at=at)
        ledger.note(at, "A", rag=Rag.AMBER, rag_reason="Four of five recruited.")
        at = datetime(2024, 8, 10, 10)
        ops.propose_completion(a, second_owner, at=at)
        ledger.note(at, "A", status=ActionStatus.AWAITING_SIGN_OFF)
        at = datetime(2024, 8, 20, 10)
        ops.return_proposal(a, director, reason="Show the caseloads.", at=at)
        ledger.note(at, "A", status=ActionStatus.IN_PROGRESS)
        at = datetime(2024, 9, 1, 10)
        ops.record_progress(a, second_owner, rag=Rag.GREEN, rag_reason="Recovered.", narrative="Done.", at=at)
        ledger.note(at, "A", rag=Rag.GREEN, rag_reason="Recovered.", recovery=None)
        at = datetime(2024, 9, 2, 10)
        ops.propose_completion(a, second_owner, at=at)
        ledger.note(at, "A", status=ActionStatus.AWAITING_SIGN_OFF)
        at = datetime(2024, 9, 3, 15)
        ops.sign_off(a, deputy, reason="Caseloads are down.", at=at)
        ledger.note(
            at, "A", status=ActionStatus.COMPLETE, rag=Rag.BLUE, rag_reason="Caseloads are down.",
            signed_off_on=date(2024, 9, 3),
        )  # fmt: skip
        create("C", datetime(2024, 9, 20, 9), second_owner, date(2025, 6, 30), Rag.RED, "Not yet funded.")
        # 00:30 on 1 October in the UK: the last quarter's, not the third (whose end is 23:00 UTC).
        at = datetime(2024, 9, 30, 23, 30)
        ops.set_rating(b, first_owner, rag=Rag.RED, rag_reason="Two leavers.", at=at)
        ledger.note(at, "B", rag=Rag.RED, rag_reason="Two leavers.")
        # 23:30 on 30 November in the UK (Greenwich time): that day's.
        at = datetime(2024, 11, 30, 23, 30)
        ops.set_rating(b, first_owner, rag=Rag.AMBER, rag_reason="A leaver.", at=at)
        ledger.note(at, "B", rag=Rag.AMBER, rag_reason="A leaver.")
        db.session.flush()
        built = Built(plan_id=plan.id, ids={action.title: action.id for action in (a, b)}, ledger=ledger)
        built.later_point = later_point.id
    return built


DAYS = [
    date(2024, 5, 1),
    date(2024, 6, 9),
    date(2024, 6, 10),
    date(2024, 7, 14),
    date(2024, 7, 15),
    date(2024, 7, 31),
    date(2024, 8, 1),
    date(2024, 8, 12),
    date(2024, 8, 25),
    date(2024, 9, 2),
    date(2024, 9, 3),
    date(2024, 9, 30),
    date(2024, 10, 1),
    date(2024, 11, 29),
    date(2024, 11, 30),
    date(2025, 1, 15),
]


def _facts(app, plan_id: int, day: date):
    with app.app_context():
        inspection = db.session.get(Inspection, plan_id)
        return plans_as_at([inspection], day)


@pytest.fixture
def built(app) -> Built:
    return _build(app)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_each_action_is_as_the_operations_left_it_at_the_end_of_the_uk_day(app, built, day):
    (plan,) = _facts(app, built.plan_id, day).plans
    assert plan.known
    found = {
        a.title: {
            "status": a.status,
            "rag": a.rag,
            "rag_reason": a.rag_reason,
            "recovery": a.recovery,
            "owner": a.owner,
            "target_date": a.target_date,
            "signed_off_on": a.signed_off_on,
            "milestones": len(a.milestones),
            "evidence": len(a.evidence),
        }
        for a in plan.actions
    }
    expected = {
        name: {key: value for key, value in values.items() if key != "created"}
        for name, values in built.ledger.as_at(day).items()
    }
    assert found == expected


@pytest.mark.parametrize("day", [date(2024, 7, 31), date(2024, 8, 1)], ids=str)
def test_a_point_is_in_the_plan_from_the_day_the_council_took_it_in(app, built, day):
    (plan,) = _facts(app, built.plan_id, day).plans
    (point,) = [p for p in plan.points if p.id == built.later_point]
    assert point.answered_by_council == (day >= date(2024, 8, 1))


def test_a_plan_the_tracker_did_not_hold_yet_is_known_as_not_known_and_empty(app, built):
    (before,) = _facts(app, built.plan_id, date(2024, 4, 29)).plans
    (added,) = _facts(app, built.plan_id, PLAN_ADDED.date()).plans
    assert (before.known, before.points) == (False, ())
    assert added.known and added.points and not added.actions


def test_the_dashboards_rag_over_time_agrees_with_the_plan_as_at_each_quarter_end(app, built):
    with app.app_context():
        trend = rag_trend([built.plan_id], date(2025, 1, 15))[built.plan_id]
    assert [day for day, _ in trend] == [date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31), date(2025, 1, 15)]
    for day, counts in trend:
        actions = _facts(app, built.plan_id, day).actions
        assert counts == {rag: sum(a.rag == rag for a in actions) for rag in counts}, day


def _plan_of(size: int) -> tuple[int, int]:
    """A plan of `size` actions made through the operations, each re-rated once and given a milestone."""
    authority = make_authority()
    owner = make_user(authority)
    director = make_user(authority, Role.DIRECTOR)
    plan = make_inspection(authority, created_at=datetime(2024, 1, 10))
    point = make_point(plan)
    for n in range(size):
        action = ops.create_action(
            point, director, title=f"Action {n}", description="", owner=owner, lead_director=director,
            theme=Theme.FRONT_DOOR, target_date=date(2025, 3, 31), rag=Rag.GREEN, at=datetime(2024, 2, 1),
        )  # fmt: skip
        ops.add_milestone(action, owner, title="First step", due_date=date(2024, 6, 30), at=datetime(2024, 2, 1))
        ops.set_rating(action, owner, rag=Rag.AMBER, rag_reason="Slipping.", at=datetime(2024, 5, 1))
    db.session.flush()
    return authority.id, plan.id


def test_the_plan_as_at_a_date_takes_the_same_number_of_queries_for_2_and_20_actions(app):
    counts = []
    for size in (2, 20):
        with committed(app):
            authority_id, plan_id = _plan_of(size)
        with app.app_context():
            inputs = default_inputs(db.session.get(Authority, authority_id), "Scrutiny", None, date(2024, 4, 1))
            assert inputs.inspection_ids == [plan_id]
            db.session.expunge_all()
            with count_queries(db.engine) as counter:
                loaded = data.load(inputs)
            assert len(loaded.as_at.actions) == size
            assert {a.rag for a in loaded.as_at.actions} == {Rag.GREEN}
            counts.append(counter.count)
    assert counts[0] == counts[1]
