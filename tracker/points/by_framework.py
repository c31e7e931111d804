"""The plan read by the National Framework's outcomes, enablers and principles, built in SQL: a fixed number of
queries whatever the plan's size.

A point Ofsted cross-references with two areas is counted under both; a point with none is grouped as "Not
cross-referenced". Only the points the plan answers are counted (tracker.points.answering).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import contains_eager

from tracker.extensions import db
from tracker.models import Action, FrameworkArea, ImprovementPoint, Inspection, PointFrameworkArea, Rag
from tracker.points.answering import ANSWERED

BRAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE)
# The query-string value of the group of points with no cross-reference.
NOT_REFERENCED = "none"
NOT_REFERENCED_LABEL = "Not cross-referenced"


@dataclass
class AreaCounts:
    """One row of the summary: an area (or none), its points and their actions by rating."""

    area: FrameworkArea | None
    points: int = 0
    counts: dict[Rag, int] = field(default_factory=lambda: dict.fromkeys(BRAG_ORDER, 0))

    @property
    def key(self) -> str:
        return self.area.value if self.area else NOT_REFERENCED

    @property
    def label(self) -> str:
        return self.area.full_label if self.area else NOT_REFERENCED_LABEL

    @property
    def actions(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class PointRow:
    point: ImprovementPoint  # with its inspection
    actions: int


def choices() -> list[tuple[str, str]]:
    """Every area, then the points with none, as a filter's options."""
    return [*((a.value, a.full_label) for a in FrameworkArea), (NOT_REFERENCED, NOT_REFERENCED_LABEL)]


def _in_plan(authority_id: int, inspection_id: int | None):
    """The points the authority's plan answers (of one document, if given), each with its areas: one row per
    point and area, or one with no area."""
    query = (
        select(ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
        .outerjoin(PointFrameworkArea, PointFrameworkArea.improvement_point_id == ImprovementPoint.id)
        .where(Inspection.authority_id == authority_id, ANSWERED)
    )
    if inspection_id is not None:
        query = query.where(ImprovementPoint.inspection_id == inspection_id)
    return query


def summary(authority_id: int, inspection_id: int | None = None) -> dict[str, list[AreaCounts]]:
    """Every area, grouped by part ("Outcome", "Enabler", "Principle", then the points with none), with how many
    of the plan's points it has and their actions by rating: one grouped query."""
    rated = [func.count(case((Action.rag == rag, Action.id))) for rag in BRAG_ORDER]
    query = (
        _in_plan(authority_id, inspection_id)
        .outerjoin(Action, Action.improvement_point_id == ImprovementPoint.id)
        .with_only_columns(PointFrameworkArea.area, func.count(ImprovementPoint.id.distinct()), *rated)
        .group_by(PointFrameworkArea.area)
    )
    rows = {area: AreaCounts(area) for area in (*FrameworkArea, None)}
    for area, points, *counts in db.session.execute(query):
        rows[area].points = points
        rows[area].counts = dict(zip(BRAG_ORDER, counts, strict=True))
    parts: dict[str, list[AreaCounts]] = {}
    for area, row in rows.items():
        parts.setdefault(area.part if area else NOT_REFERENCED_LABEL, []).append(row)
    return parts


def points_in_area(
    authority_id: int, area: FrameworkArea | None, inspection_id: int | None, *, page: int, per_page: int
) -> tuple[list[PointRow], int]:
    """One page of the plan's points under an area (or with none), newest document first: (rows, total)."""
    query = _in_plan(authority_id, inspection_id).where(
        PointFrameworkArea.area == area if area else PointFrameworkArea.area.is_(None)
    )
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    actions = select(func.count(Action.id)).where(Action.improvement_point_id == ImprovementPoint.id).scalar_subquery()
    rows = db.session.execute(
        query.with_only_columns(ImprovementPoint, actions)
        .options(contains_eager(ImprovementPoint.inspection))
        .order_by(Inspection.named_on.desc().nulls_last(), Inspection.id.desc(), ImprovementPoint.position)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return [PointRow(point, count) for point, count in rows], total


def is_area(value: str) -> bool:
    return value == NOT_REFERENCED or value in {a.value for a in FrameworkArea}


def area_of(value: str) -> FrameworkArea | None:
    """The area a query-string value names (None for the points with no reference)."""
    return None if value == NOT_REFERENCED else FrameworkArea(value)
