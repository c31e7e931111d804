"""The directors' dashboard, built in SQL: a fixed number of queries whatever the size of the plan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import DateTime, and_, case, exists, func, literal, or_, select, union_all
from sqlalchemy.orm import aliased, selectinload

from tracker.extensions import db
from tracker.models import (
    Action,
    AuditEvent,
    ImprovementPoint,
    Inspection,
    Milestone,
    Rag,
    User,
)

LIST_LIMIT = 10
PLAN_LIMIT = 6
BRAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE)


@dataclass
class BragCounts:
    label: str
    counts: dict[Rag, int] = field(default_factory=lambda: dict.fromkeys(BRAG_ORDER, 0))
    inspection_id: int | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ActionLine:
    id: int
    title: str
    owner: str
    rag: Rag
    target_date: date
    updated_at: datetime


def _actions_in(authority_id: int):
    return (
        select(Action)
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
        .where(Inspection.authority_id == authority_id)
    )


def recent_plans(authority_id: int) -> tuple[list[Inspection], int]:
    """The authority's PLAN_LIMIT newest documents with their points, and how many it has in all.

    The per-plan parts of the dashboard (BRAG by plan, RAG over time, statutory dates) are about the plans
    being worked on; a council with twenty years of documents would otherwise get a page twenty years long.
    """
    newest = list(
        db.session.scalars(
            select(Inspection)
            .where(Inspection.authority_id == authority_id)
            .order_by(Inspection.published.desc().nulls_last(), Inspection.id.desc())
            .limit(PLAN_LIMIT)
            .options(selectinload(Inspection.improvement_points))
        )
    )
    return newest, db.session.scalar(select(func.count(Inspection.id)).where(Inspection.authority_id == authority_id))


def brag_by_plan(authority_id: int, shown: list[Inspection], total: int) -> list[BragCounts]:
    """BRAG counts for each plan shown, and one row adding up the actions of all earlier documents."""
    shown_ids = [i.id for i in shown]
    plan = case((ImprovementPoint.inspection_id.in_(shown_ids), ImprovementPoint.inspection_id), else_=None)
    rows = db.session.execute(
        select(plan, Action.rag, func.count())
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
        .where(Inspection.authority_id == authority_id)
        .group_by(plan, Action.rag)
    ).all()
    by_id: dict[int | None, BragCounts] = {i.id: BragCounts(i.title, inspection_id=i.id) for i in shown}
    if total > len(shown):
        earlier = total - len(shown)
        by_id[None] = BragCounts(f"{earlier} earlier document{'s' if earlier != 1 else ''}")
    for inspection_id, rag, count in rows:
        by_id[inspection_id].counts[rag] = count
    return list(by_id.values())


def brag_by_theme(authority_id: int) -> list[BragCounts]:
    rows = db.session.execute(
        select(Action.theme, Action.rag, func.count())
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
        .where(Inspection.authority_id == authority_id)
        .group_by(Action.theme, Action.rag)
        .order_by(Action.theme)
    ).all()
    themes: dict[str, BragCounts] = {}
    for theme, rag, count in rows:
        themes.setdefault(theme, BragCounts(theme)).counts[rag] = count
    return list(themes.values())


def _first_lines(query) -> tuple[list[ActionLine], int]:
    """The first LIST_LIMIT actions of the query and how many there are, in one query (a window count)."""
    owner = aliased(User)
    query = query.join(owner, Action.owner_id == owner.id).with_only_columns(
        Action.id,
        Action.title,
        func.coalesce(owner.name, owner.job_title),
        Action.rag,
        Action.target_date,
        Action.updated_at,
        func.count().over(),
    )
    rows = db.session.execute(query.limit(LIST_LIMIT)).all()
    return [ActionLine(*row[:-1]) for row in rows], rows[0][-1] if rows else 0


def stale(authority_id: int, today: date, days: int) -> tuple[list[ActionLine], int]:
    """Open actions with no update for `days` days, longest-neglected first."""
    cutoff = datetime.combine(today - timedelta(days=days), time())
    query = _actions_in(authority_id).where(Action.is_open, Action.updated_at < cutoff)
    return _first_lines(query.order_by(Action.updated_at, Action.id))


def doubtful(authority_id: int, today: date) -> tuple[list[ActionLine], int]:
    """Rated Green or Amber while a milestone is overdue or the target date has passed."""
    overdue_milestone = exists().where(
        Milestone.action_id == Action.id, Milestone.completed_date.is_(None), Milestone.due_date < today
    )
    query = _actions_in(authority_id).where(
        Action.is_open,
        Action.rag.in_((Rag.GREEN, Rag.AMBER)),
        or_(Action.target_date < today, overdue_milestone),
    )
    return _first_lines(query.order_by(Action.target_date, Action.id))


def quarter_ends(first: date, last: date) -> list[date]:
    """The last day of every quarter from first's to last's."""
    ends = []
    year, quarter = first.year, (first.month - 1) // 3 + 1
    while True:
        month = quarter * 3
        end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        ends.append(end)
        if end >= last:
            return ends
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def rag_trend(inspection_ids: list[int], today: date) -> dict[int, list[tuple[date, dict[Rag, int]]]]:
    """For each plan, the count of its actions by RAG at the end of each quarter, from the recorded history.

    Each rating an action had is an interval in the audit trail (from its event to the next); the database
    counts the intervals that cover each quarter's end.
    """
    in_plans = (
        select(Action.id)
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .where(ImprovementPoint.inspection_id.in_(inspection_ids))
    )
    rating_events = and_(
        AuditEvent.plan_action_id.in_(in_plans), AuditEvent.entity_type == "action", AuditEvent.field == "rag"
    )
    first = db.session.scalar(select(func.min(AuditEvent.occurred_at)).where(rating_events))
    if first is None:
        return {}
    ratings = (
        select(
            AuditEvent.plan_action_id.label("action_id"),
            AuditEvent.occurred_at.label("start"),
            AuditEvent.after.label("rag"),
            func.lead(AuditEvent.occurred_at)
            .over(partition_by=AuditEvent.plan_action_id, order_by=(AuditEvent.occurred_at, AuditEvent.id))
            .label("until"),
        )
        .where(rating_events)
        .subquery()
    )
    first = first if isinstance(first, datetime) else datetime.fromisoformat(str(first))
    # Quarter ends up to today, then today itself: the last point is the plan as it stands.
    samples_dates = [d for d in quarter_ends(first.date(), today) if d < today] + [today]
    samples = union_all(
        *[select(literal(datetime.combine(d, time(23, 59, 59)), DateTime).label("at")) for d in samples_dates]
    ).subquery()
    rows = db.session.execute(
        select(ImprovementPoint.inspection_id, samples.c.at, ratings.c.rag, func.count())
        .select_from(ratings)
        .join(Action, Action.id == ratings.c.action_id)
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .join(
            samples,
            and_(ratings.c.start <= samples.c.at, or_(ratings.c.until.is_(None), ratings.c.until > samples.c.at)),
        )
        .group_by(ImprovementPoint.inspection_id, samples.c.at, ratings.c.rag)
    ).all()
    series: dict[int, dict[date, dict[Rag, int]]] = defaultdict(dict)
    for inspection_id, at, rag, count in rows:
        at = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
        series[inspection_id].setdefault(at.date(), dict.fromkeys(BRAG_ORDER, 0))[Rag(rag)] = count
    return {k: _while_active(sorted(v.items())) for k, v in series.items()}


def _while_active(points: list[tuple[date, dict[Rag, int]]]) -> list[tuple[date, dict[Rag, int]]]:
    """A plan's quarters up to the first in which every action was Blue (complete) — the rest is flat."""
    for n, (_, counts) in enumerate(points):
        if counts[Rag.BLUE] and not any(counts[r] for r in (Rag.RED, Rag.AMBER, Rag.GREEN)):
            return points[: n + 1]
    return points
