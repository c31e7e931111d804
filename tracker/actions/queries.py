"""Reading the plan for the actions pages, in SQL, with a fixed number of queries whatever its size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from tracker import definitions
from tracker.extensions import db
from tracker.models import (
    Action,
    ActionStatus,
    AuditEvent,
    Challenge,
    Evidence,
    ImprovementPoint,
    Inspection,
    Milestone,
    MilestoneReplan,
    ProgressUpdate,
    Rag,
    User,
)

# A service manager owns tens of actions; this only guards the page against a pathological plan.
MY_ACTIONS_LIMIT = 200
HISTORY_LIMIT = 500


@dataclass(frozen=True)
class MyActionRow:
    id: int
    title: str
    rag: Rag
    status: ActionStatus
    target_date: date
    updated_at: datetime
    next_milestone: str | None
    next_milestone_due: date | None
    overdue_milestones: int
    point_id: int
    point_label: str
    point_text: str
    inspection_id: int
    # A proposal a director sent back, while the owner has not acted on it (see returned_waiting).
    returned_reason: str | None = None
    returned_by: str | None = None
    returned_at: datetime | None = None

    def days_to_next(self, today: date) -> int | None:
        return (self.next_milestone_due - today).days if self.next_milestone_due else None

    def is_overdue(self, today: date) -> bool:
        return self.overdue_milestones > 0 or definitions.is_overdue(self.target_date, today)

    def is_due_soon(self, today: date, days: int) -> bool:
        due = self.next_milestone_due
        return due is not None and definitions.is_due_soon(due, today, days)

    def is_stale(self, today: date, days: int) -> bool:
        return definitions.is_stale(self.status, self.updated_at, today, days)


@dataclass
class PointGroup:
    point_id: int
    label: str
    text: str
    inspection_id: int
    rows: list[MyActionRow] = field(default_factory=list)


@dataclass
class MyActions:
    groups: list[PointGroup]
    returned: list[MyActionRow]
    overdue: list[MyActionRow]
    due_soon: list[MyActionRow]
    stale: list[MyActionRow]
    completed_count: int
    truncated: bool


def next_milestone(action_id):
    """The title and due date of the action's earliest milestone not yet done (ties broken by id).

    Correlated lookups on the milestone's action index: put them on a page of actions already chosen, so the
    database looks up only those actions' milestones rather than ranking every milestone in the plan.
    """
    earliest = (
        select(Milestone)
        .where(Milestone.action_id == action_id, Milestone.completed_date.is_(None))
        .order_by(Milestone.due_date, Milestone.id)
        .limit(1)
    )
    return (
        earliest.with_only_columns(Milestone.title).scalar_subquery(),
        earliest.with_only_columns(Milestone.due_date).scalar_subquery(),
    )


def overdue_milestone_count(action_id, today: date):
    """How many of the (open) action's milestones are overdue, by the one definition."""
    return (
        select(func.count())
        .where(Milestone.action_id == action_id, Milestone.completed_date.is_(None))
        .where(definitions.overdue_sql(Milestone.due_date, today))
        .scalar_subquery()
    )


def returned_waiting():
    """The returned proposal's reason while the owner has not acted on it, else NULL.

    Acting on it is proposing again (which clears the reason) or posting a progress update after the return:
    the update is where the owner says what they are doing about what the director found missing.
    """
    acted = (
        select(ProgressUpdate.id)
        .where(ProgressUpdate.action_id == Action.id, ProgressUpdate.created_at > Action.returned_at)
        .exists()
    )
    return case((acted, None), else_=Action.returned_reason)


def point_label(doc_type, published: date | None, kind, number: int) -> str:
    when = f", {published:%B %Y}" if published else ""
    return f"{doc_type.label}{when}: {kind.label.lower()} {number}"


def my_actions(owner_id: int, today: date, *, due_soon_days: int, stale_days: int) -> MyActions:
    """The open actions a user owns, grouped by improvement point, and what needs their attention first:
    proposals returned to them (latest first), then what is overdue, due soon and stale."""
    is_open = Action.is_open
    # The owner's actions are chosen first (bounded), and only those rows are filled in.
    mine = (
        select(Action.id, Inspection.named_on.label("published"), ImprovementPoint.position)
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
        .where(Action.owner_id == owner_id, is_open)
        .subquery()
    )
    mine = (
        select(mine)
        .order_by(mine.c.published.desc(), mine.c.position, mine.c.id)
        .limit(MY_ACTIONS_LIMIT + 1)
        .subquery()
    )
    next_title, next_due = next_milestone(Action.id)
    returned_by = aliased(User)
    rows_query = (
        select(
            Action.id,
            Action.title,
            Action.rag,
            Action.status,
            Action.target_date,
            Action.updated_at,
            next_title,
            next_due,
            overdue_milestone_count(Action.id, today),
            ImprovementPoint.id,
            Inspection.doc_type,
            Inspection.named_on.label("published"),
            ImprovementPoint.kind,
            ImprovementPoint.number,
            ImprovementPoint.text,
            Inspection.id,
            returned_waiting(),
            returned_by.display_name,
            Action.returned_at,
        )
        .select_from(mine)
        .join(Action, Action.id == mine.c.id)
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
        .outerjoin(returned_by, Action.returned_by_id == returned_by.id)
        .order_by(mine.c.published.desc(), mine.c.position, mine.c.id)
    )
    rows = [
        MyActionRow(
            id=r[0],
            title=r[1],
            rag=r[2],
            status=r[3],
            target_date=r[4],
            updated_at=r[5],
            next_milestone=r[6],
            next_milestone_due=r[7],
            overdue_milestones=r[8],
            point_id=r[9],
            point_label=point_label(r[10], r[11], r[12], r[13]),
            point_text=r[14],
            inspection_id=r[15],
            returned_reason=r[16],
            returned_by=r[17],
            returned_at=r[18],
        )
        for r in db.session.execute(rows_query)
    ]
    truncated = len(rows) > MY_ACTIONS_LIMIT
    rows = rows[:MY_ACTIONS_LIMIT]
    groups: dict[int, PointGroup] = {}
    for row in rows:
        group = groups.setdefault(
            row.point_id, PointGroup(row.point_id, row.point_label, row.point_text, row.inspection_id)
        )
        group.rows.append(row)
    completed = db.session.scalar(select(func.count()).select_from(Action).where(Action.owner_id == owner_id, ~is_open))
    return MyActions(
        groups=list(groups.values()),
        returned=sorted((r for r in rows if r.returned_reason), key=lambda r: r.returned_at, reverse=True),
        overdue=sorted((r for r in rows if r.is_overdue(today)), key=lambda r: r.next_milestone_due or r.target_date),
        due_soon=[r for r in rows if r.is_due_soon(today, due_soon_days) and not r.is_overdue(today)],
        stale=[r for r in rows if r.is_stale(today, stale_days)],
        completed_count=completed,
        truncated=truncated,
    )


def action_page(action_id: int, authority_id: int) -> Action | None:
    """The action with everything its page shows, loaded in a fixed number of queries."""
    return db.session.scalar(
        select(Action)
        .where(Action.id == action_id, Action.authority_id == authority_id)
        .options(
            joinedload(Action.owner),
            joinedload(Action.lead_director),
            joinedload(Action.signed_off_by),
            joinedload(Action.improvement_point).joinedload(ImprovementPoint.inspection),
            selectinload(Action.milestones).selectinload(Milestone.replans).joinedload(MilestoneReplan.replanned_by),
            selectinload(Action.evidence).joinedload(Evidence.added_by),
            selectinload(Action.updates).joinedload(ProgressUpdate.author),
            selectinload(Action.challenges).joinedload(Challenge.raised_by),
            joinedload(Action.returned_by),
        )
    )


def history_events(action_id: int, *, after_event: int | None = None) -> list[AuditEvent]:
    """The action's audit events, newest first (bounded), optionally only those after a given event."""
    query = (
        select(AuditEvent)
        .options(joinedload(AuditEvent.actor))
        .where(AuditEvent.plan_action_id == action_id)
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(HISTORY_LIMIT)
    )
    if after_event is not None:
        query = query.where(AuditEvent.id > after_event)
    return list(db.session.scalars(query))


def latest_event_id(action_id: int) -> int:
    return db.session.scalar(
        select(func.coalesce(func.max(AuditEvent.id), 0)).where(AuditEvent.plan_action_id == action_id)
    )


def history_count(action_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.plan_action_id == action_id))
