"""The directors' dashboard, built in SQL: a fixed number of queries whatever the size of the plan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import groupby

from sqlalchemy import Integer, case, cast, exists, func, literal, null, or_, select, union_all
from sqlalchemy.orm import aliased, selectinload

from tracker import definitions
from tracker.extensions import db
from tracker.history.moments import end_of_uk_day
from tracker.history.ratings import running_counts
from tracker.models import (
    Action,
    ImprovementPoint,
    Inspection,
    Milestone,
    Rag,
    User,
)
from tracker.points.answering import ANSWERED

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


def recent_plans(authority_id: int) -> tuple[list[Inspection], int]:
    """The authority's PLAN_LIMIT newest documents with their points, and how many it has in all.

    The per-plan parts of the dashboard (BRAG by plan, RAG over time, statutory dates) are about the plans
    being worked on; a council with twenty years of documents would otherwise get a page twenty years long.
    """
    newest = list(
        db.session.scalars(
            select(Inspection)
            .where(Inspection.authority_id == authority_id)
            .order_by(Inspection.named_on.desc().nulls_last(), Inspection.id.desc())
            .limit(PLAN_LIMIT)
            .options(selectinload(Inspection.improvement_points))
        )
    )
    return newest, db.session.scalar(select(func.count(Inspection.id)).where(Inspection.authority_id == authority_id))


def brag_counts(authority_id: int, shown: list[Inspection], total: int) -> tuple[list[BragCounts], list[BragCounts]]:
    """BRAG counts by plan (each plan shown, and one row adding up the actions of all earlier documents) and by
    theme, of the actions of the points the plan answers, from one pass over the authority's actions: the
    database groups them once by plan, theme and rating, then adds that table up both ways."""
    shown_ids = [i.id for i in shown]
    in_authority = (
        select(ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
        .where(Inspection.authority_id == authority_id, ANSWERED)
    )
    # Counted per improvement point first, grouped in the order of the index on action (point, status, rating,
    # theme), so the database counts as it reads the index instead of sorting every action; those counts
    # (a point's actions mostly share a status, rating and theme) are then added up by plan.
    per_point = (
        select(Action.improvement_point_id, Action.theme, Action.rag, func.count().label("n"))
        .where(Action.improvement_point_id.in_(in_authority))
        .group_by(Action.improvement_point_id, Action.status, Action.rag, Action.theme)
        .subquery()
    )
    plan = case((ImprovementPoint.inspection_id.in_(shown_ids), ImprovementPoint.inspection_id), else_=None)
    grouped = (
        select(plan.label("plan"), per_point.c.theme, per_point.c.rag, func.sum(per_point.c.n).label("n"))
        .join(ImprovementPoint, per_point.c.improvement_point_id == ImprovementPoint.id)
        .group_by(plan, per_point.c.theme, per_point.c.rag)
        .cte("brag")
    )
    by_plan_rows = select(
        literal("plan").label("dimension"),
        grouped.c.plan,
        null().label("theme"),
        grouped.c.rag,
        cast(func.sum(grouped.c.n), Integer),
    ).group_by(grouped.c.plan, grouped.c.rag)
    by_theme_rows = select(
        literal("theme"), null(), grouped.c.theme, grouped.c.rag, cast(func.sum(grouped.c.n), Integer)
    ).group_by(grouped.c.theme, grouped.c.rag)
    by_plan: dict[int | None, BragCounts] = {i.id: BragCounts(i.title, inspection_id=i.id) for i in shown}
    if total > len(shown):
        earlier = total - len(shown)
        by_plan[None] = BragCounts(f"{earlier} earlier document{'s' if earlier != 1 else ''}")
    by_theme: dict[str, BragCounts] = {}
    rows = db.session.execute(union_all(by_plan_rows, by_theme_rows).order_by("dimension", "theme"))
    for dimension, inspection_id, theme, rag, count in rows:
        if dimension == "plan":
            by_plan[inspection_id].counts[Rag(rag)] = count
        else:
            by_theme.setdefault(theme, BragCounts(theme)).counts[Rag(rag)] = count
    return list(by_plan.values()), list(by_theme.values())


def _first_lines(query) -> tuple[list[ActionLine], int]:
    """The first LIST_LIMIT actions of the query and how many there are, in one query (a window count)."""
    owner = aliased(User)
    query = query.join(owner, Action.owner_id == owner.id).with_only_columns(
        Action.id,
        Action.title,
        owner.display_name,
        Action.rag,
        Action.target_date,
        Action.updated_at,
        func.count().over(),
    )
    rows = db.session.execute(query.limit(LIST_LIMIT)).all()
    return [ActionLine(*row[:-1]) for row in rows], rows[0][-1] if rows else 0


def stale(authority_id: int, today: date, days: int) -> tuple[list[ActionLine], int]:
    """Open actions with no update for `days` days (STALE_DAYS), longest-neglected first."""
    query = select(Action).where(Action.authority_id == authority_id, definitions.stale_sql(today, days))
    return _first_lines(query.order_by(Action.updated_at, Action.id))


def doubtful(authority_id: int, today: date) -> tuple[list[ActionLine], int]:
    """Rated Green or Amber while a milestone is overdue or the target date has passed."""
    overdue_milestone = exists().where(Milestone.action_id == Action.id, definitions.overdue_milestone_sql(today))
    query = select(Action).where(
        Action.authority_id == authority_id,
        definitions.OPEN_ACTION,
        Action.rag.in_((Rag.GREEN, Rag.AMBER)),
        or_(definitions.overdue_sql(Action.target_date, today), overdue_milestone),
    )
    return _first_lines(query.order_by(Action.target_date, Action.id))


def rag_trend(inspection_ids: list[int], today: date) -> dict[int, list[tuple[date, dict[Rag, int]]]]:
    """For each plan, the count of its actions by RAG at the end of each UK quarter, from the recorded
    history (tracker/history/ratings.py, by the same rule as a paper's "as at"); the last point is today,
    the plan as it stands at the end of the day."""
    rows = running_counts(inspection_ids, end_of_uk_day(today))
    this_quarter = today.year * 4 + (today.month - 1) // 3
    series: dict[int, list[tuple[date, dict[Rag, int]]]] = {}
    for plan, plan_rows in groupby(rows, key=lambda row: row[0]):
        # A quarter with no change keeps the counts of the one before it.
        changes = defaultdict(dict)
        for _, at, rag, total in plan_rows:
            changes[at][Rag(rag)] = total
        counts = dict.fromkeys(BRAG_ORDER, 0)
        points = []
        for at in range(min(changes), this_quarter + 1):
            counts = {**counts, **changes.get(at, {})}
            points.append((today if at == this_quarter else _quarter_end(at), counts))
        series[plan] = _while_active(points)
    return series


def _quarter_end(quarter: int) -> date:
    """The last day of a quarter numbered year * 4 + 0 to 3, as rag_trend numbers them."""
    year, index = divmod(quarter, 4)
    month = index * 3 + 3
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _while_active(points: list[tuple[date, dict[Rag, int]]]) -> list[tuple[date, dict[Rag, int]]]:
    """A plan's quarters up to the first in which every action was Blue (complete) — the rest is flat."""
    for n, (_, counts) in enumerate(points):
        if counts[Rag.BLUE] and not any(counts[r] for r in (Rag.RED, Rag.AMBER, Rag.GREEN)):
            return points[: n + 1]
    return points
