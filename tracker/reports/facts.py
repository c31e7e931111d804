"""The plans as a paper sees them: every fact as it stood at the paper's "as at" date.

A paper builder reads only these frozen values, never the live models, so that what it says about a date
is what was known on that date: which points and actions existed, each action's rating, reason, status,
owner and target, each milestone's due date and whether it was done. `plans_as_at` makes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.models import ActionStatus, Inspection, PointKind, Rag


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

    def overdue_at(self, day: date) -> bool:
        """Open after its due date: the one definition of an overdue milestone for papers."""
        return self.completed_date is None and self.due_date < day


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
        """Not complete after its target date: the one definition of an overdue action for papers."""
        return not self.complete and self.target_date < day


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


def _day(moment) -> date:
    return moment.date() if hasattr(moment, "date") else moment


def _milestone(milestone, day: date) -> MilestoneFacts:
    moves = tuple(
        MoveFacts(previous=r.previous_due_date, new=r.new_due_date, reason=r.reason, on=_day(r.replanned_at))
        for r in sorted(milestone.replans, key=lambda r: r.replanned_at)
        if _day(r.replanned_at) <= day
    )
    done = milestone.completed_date if milestone.completed_date and milestone.completed_date <= day else None
    return MilestoneFacts(
        id=milestone.id,
        title=milestone.title,
        original_due_date=milestone.original_due_date,
        due_date=moves[-1].new if moves else milestone.original_due_date,
        completed_date=done,
        moves=moves,
    )


def _action(action, day: date) -> ActionFacts:
    # Ratings, reasons, status, owner and target are today's values here; the "as at" history replaces them.
    return ActionFacts(
        id=action.id,
        title=action.title,
        theme=action.theme,
        owner=action.owner.job_title,
        status=action.status,
        rag=action.rag,
        rag_reason=action.rag_reason,
        recovery=action.recovery,
        target_date=action.target_date,
        signed_off_on=_day(action.signed_off_at) if action.signed_off_at else None,
        milestones=tuple(_milestone(m, day) for m in action.milestones if _day(action.created_at) <= day),
        evidence=tuple(
            EvidenceFacts(e.description, e.evidence_date, e.shows_impact)
            for e in action.evidence
            if e.evidence_date <= day and _day(e.added_at) <= day
        ),
    )


def plans_as_at(inspections: list[Inspection], day: date) -> AsAt:
    """The inspections' plans as at the end of `day`, from their loaded points, actions and milestones."""
    plans = []
    for inspection in inspections:
        points = tuple(
            PointFacts(
                id=p.id,
                kind=p.kind,
                number=p.number,
                text=p.text,
                answered_by_council=p.answered_by_council,
                actions=tuple(_action(a, day) for a in p.actions if _day(a.created_at) <= day),
            )
            for p in inspection.improvement_points
        )
        plans.append(PlanFacts(inspection=inspection, known=True, points=points))
    return AsAt(day=day, plans=plans)
