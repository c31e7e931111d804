"""The plans as a paper sees them: every fact as it stood at the paper's "as at" date.

A paper builder reads only these frozen values, never the live models, so that what it says about a date
is what was known on that date: which points and actions existed, each action's rating, reason, status,
owner and target, each milestone's due date and whether it was done. `plans_as_at` makes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Row, select

from tracker import definitions
from tracker.audit import as_text
from tracker.extensions import db
from tracker.history.moments import end_of_uk_day, uk_day
from tracker.history.values import Recorded, recorded_at
from tracker.models import ActionStatus, Inspection, PointKind, Rag, User
from tracker.reports.fact_rows import PlanRows, plan_rows


@dataclass(frozen=True)
class MoveFacts:
    """A milestone's due date moved, and why."""

    previous: date
    new: date
    reason: str
    on: date


@dataclass(frozen=True)
class MilestoneFacts:
    id: int
    title: str
    original_due_date: date
    due_date: date  # as at the date, after the moves made by then
    completed_date: date | None  # None if not done by the date
    moves: tuple[MoveFacts, ...] = ()  # made by the date, oldest first
    closed_reason: str | None = None  # closed as no longer needed by the date (then completed_date is the day)


@dataclass(frozen=True)
class EvidenceFacts:
    description: str
    evidence_date: date
    shows_impact: bool


@dataclass(frozen=True)
class ActionFacts:
    id: int
    title: str
    theme: str
    owner: str  # the owner's job title as at the date
    status: ActionStatus
    rag: Rag
    rag_reason: str
    recovery: str | None
    target_date: date
    signed_off_on: date | None
    milestones: tuple[MilestoneFacts, ...] = ()
    evidence: tuple[EvidenceFacts, ...] = ()  # dated by the date

    @property
    def complete(self) -> bool:
        return self.status == ActionStatus.COMPLETE

    def overdue_at(self, day: date) -> bool:
        """Not complete after its target date (tracker/definitions.py)."""
        return definitions.action_is_open(self.status) and definitions.is_overdue(self.target_date, day)

    def overdue_milestones(self, day: date) -> list[MilestoneFacts]:
        """Its overdue milestones as at the day: an open milestone of an open action (tracker/definitions.py)."""
        open_ = definitions.action_is_open(self.status)
        return [
            m
            for m in self.milestones
            if definitions.milestone_is_overdue(m.completed_date, m.due_date, day, action_open=open_)
        ]


@dataclass(frozen=True)
class PointFacts:
    id: int
    kind: PointKind
    number: int
    text: str
    answered_by_council: bool
    actions: tuple[ActionFacts, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.kind.label} {self.number}"


@dataclass(frozen=True)
class PlanFacts:
    """One inspection's plan as at the date. The inspection itself (its document, dates and grades) does
    not change after import, so it is the model; `known` says whether the tracker held it by the date."""

    inspection: Inspection
    known: bool
    points: tuple[PointFacts, ...] = ()  # all of the document's points, answered or not

    @property
    def answered(self) -> tuple[PointFacts, ...]:
        return tuple(p for p in self.points if p.answered_by_council)

    @property
    def actions(self) -> list[ActionFacts]:
        return [a for p in self.answered for a in p.actions]


@dataclass
class AsAt:
    """The plans covered by a paper, as at its date, in the order given (newest inspection first)."""

    day: date
    plans: list[PlanFacts] = field(default_factory=list)

    @property
    def actions(self) -> list[ActionFacts]:
        return [a for plan in self.plans for a in plan.actions]


@dataclass(frozen=True)
class _Then:
    """What the history says for one paper's date: the moment the UK day ended, the audit trail's values
    then, and who each recorded owner name was (a user's job title by their display name)."""

    day: date
    moment: datetime
    recorded: Recorded
    job_titles: dict[str, str]

    def value(self, obj, entity: str, name: str) -> str | None:
        """The field's recorded text at the moment, or (never recorded) its text now."""
        recorded = self.recorded.values.get((entity, obj.id, name), _NEVER)
        return as_text(getattr(obj, name)) if recorded is _NEVER else recorded

    def owner(self, action: Row) -> str:
        name = self.value(action, "action", "owner")
        if name == action.owner:
            return action.owner_job_title
        # Someone else owned it then; a name no user of the council now has (renamed, or two people of one
        # name) stays as recorded, which is still who owned it.
        return self.job_titles.get(name, name or "")


_NEVER = object()  # no event recorded the field


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _milestone(milestone: Row, replans: list[Row], then: _Then) -> MilestoneFacts:
    moves = tuple(
        MoveFacts(previous=r.previous_due_date, new=r.new_due_date, reason=r.reason, on=uk_day(r.replanned_at))
        for r in replans  # oldest first
        if r.replanned_at < then.moment
    )
    # Done by the date only if recorded by then: a completion entered later with an earlier date was not known.
    done = _date(then.value(milestone, "milestone", "completed_date"))
    return MilestoneFacts(
        id=milestone.id,
        title=then.value(milestone, "milestone", "title") or milestone.title,
        original_due_date=milestone.original_due_date,
        due_date=moves[-1].new if moves else milestone.original_due_date,
        completed_date=done if done and done <= then.day else None,
        moves=moves,
        closed_reason=then.value(milestone, "milestone", "closed_reason") if done and done <= then.day else None,
    )


def _action(action: Row, rows: PlanRows, then: _Then) -> ActionFacts:
    signed_off = then.value(action, "action", "signed_off_at")
    return ActionFacts(
        id=action.id,
        title=then.value(action, "action", "title") or action.title,
        theme=then.value(action, "action", "theme") or action.theme,
        owner=then.owner(action),
        status=ActionStatus(then.value(action, "action", "status")),
        rag=Rag(then.value(action, "action", "rag")),
        rag_reason=then.value(action, "action", "rag_reason") or "",
        recovery=then.value(action, "action", "recovery") or None,
        target_date=_date(then.value(action, "action", "target_date")) or action.target_date,
        signed_off_on=uk_day(datetime.fromisoformat(signed_off)) if signed_off else None,
        milestones=tuple(
            _milestone(m, rows.replans.get(m.id, []), then)
            for m in rows.milestones.get(action.id, [])
            if ("milestone", m.id) not in then.recorded.unborn
        ),
        evidence=tuple(
            EvidenceFacts(e.description, e.evidence_date, e.shows_impact)
            for e in rows.evidence.get(action.id, [])
            if e.evidence_date <= then.day and e.added_at < then.moment
        ),
    )


def _job_titles(inspections: list[Inspection]) -> dict[str, str]:
    """The job title of each display name among the councils' users, where the name is one person's."""
    users = db.session.execute(
        select(User.display_name, User.job_title).where(User.authority_id.in_({i.authority_id for i in inspections}))
    ).all()
    titles: dict[str, set[str]] = {}
    for name, job_title in users:
        titles.setdefault(name, set()).add(job_title)
    return {name: next(iter(jobs)) for name, jobs in titles.items() if len(jobs) == 1}


def plans_as_at(inspections: list[Inspection], day: date) -> AsAt:
    """The inspections' plans as at the end of the UK day `day`: their loaded points, actions and milestones,
    with each recorded field as the audit trail had it then (tracker/history). The points are the inspections'
    own (data.load loads them with the inspections); the rest is read as rows (fact_rows.py). Six queries,
    however large."""
    moment = end_of_uk_day(day)
    known = [i for i in inspections if i.created_at < moment]
    then = _Then(
        day=day,
        moment=moment,
        recorded=recorded_at([i.id for i in known], moment) if known else Recorded(),
        job_titles=_job_titles(known) if known else {},
    )
    rows = plan_rows([i.id for i in known]) if known else PlanRows()
    plans = []
    for inspection in inspections:
        if inspection not in known:
            # The tracker did not hold this document yet: the paper says so, and shows nothing of its plan.
            plans.append(PlanFacts(inspection=inspection, known=False))
            continue
        points = tuple(
            PointFacts(
                id=p.id,
                kind=p.kind,
                number=p.number,
                text=p.text,
                answered_by_council=then.value(p, "improvement_point", "answered_by_council") == as_text(True),
                actions=tuple(_action(a, rows, then) for a in rows.actions.get(p.id, []) if a.created_at < moment),
            )
            for p in inspection.improvement_points
        )
        plans.append(PlanFacts(inspection=inspection, known=True, points=points))
    return AsAt(day=day, plans=plans)
