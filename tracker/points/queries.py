"""Loading an improvement point with what its page shows, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from tracker.extensions import db
from tracker.models import Action, ImprovementPoint, Inspection, PointRecurrence
from tracker.points.analysis import when_raised
from tracker.points.answering import ANSWERED


@dataclass(frozen=True)
class Recurrence:
    """The other end of a recurrence link, as a sentence needs it."""

    point: ImprovementPoint
    earlier: bool  # True: the other point was raised before this one


def point_in_authority(point_id: int, authority_id: int) -> ImprovementPoint | None:
    return db.session.scalar(
        select(ImprovementPoint)
        .join(Inspection)
        .where(ImprovementPoint.id == point_id, Inspection.authority_id == authority_id)
        .options(
            joinedload(ImprovementPoint.inspection),
            selectinload(ImprovementPoint.theme_rows),
            selectinload(ImprovementPoint.framework_rows),
            selectinload(ImprovementPoint.supporting_paragraphs),
            selectinload(ImprovementPoint.actions).joinedload(Action.owner),
        )
    )


def recurrences_of(point_ids: list[int]) -> dict[int, list[Recurrence]]:
    """For each of these points, the alike points raised before and after it, oldest first."""
    if not point_ids:
        return {}
    other = aliased(ImprovementPoint)
    rows = db.session.execute(
        select(PointRecurrence, other)
        .join(
            other,
            (other.id == PointRecurrence.earlier_point_id) & PointRecurrence.later_point_id.in_(point_ids)
            | (other.id == PointRecurrence.later_point_id) & PointRecurrence.earlier_point_id.in_(point_ids),
        )
        .options(joinedload(other.inspection))
    ).all()
    found: dict[int, list[Recurrence]] = {}
    for link, point in rows:
        earlier = point.id == link.earlier_point_id
        this_id = link.later_point_id if earlier else link.earlier_point_id
        found.setdefault(this_id, []).append(Recurrence(point, earlier))
    for links in found.values():
        links.sort(key=lambda r: (when_raised(r.point), r.point.position))
    return found


def recurring_in_authority(authority_id: int, limit: int) -> tuple[list[PointRecurrence], int]:
    """The authority's weaknesses raised more than once, latest first: (up to limit links, how many)."""
    later = aliased(ImprovementPoint)
    later_inspection = aliased(Inspection)
    query = (
        select(PointRecurrence)
        .join(later, later.id == PointRecurrence.later_point_id)
        .join(later_inspection, later_inspection.id == later.inspection_id)
        .where(later_inspection.authority_id == authority_id)
    )
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    links = db.session.scalars(
        query.options(
            joinedload(PointRecurrence.later).joinedload(ImprovementPoint.inspection),
            joinedload(PointRecurrence.earlier).joinedload(ImprovementPoint.inspection),
        )
        .order_by(later_inspection.published.desc().nulls_last(), later.position, PointRecurrence.id)
        .limit(limit)
    ).all()
    return list(links), total


def unanswered_in_authority(authority_id: int, limit: int) -> tuple[list[ImprovementPoint], int]:
    """The authority's points its plan answers that no action answers yet, newest inspection first: (up to limit,
    how many)."""
    query = (
        select(ImprovementPoint)
        .join(Inspection)
        .where(Inspection.authority_id == authority_id, ANSWERED, ~ImprovementPoint.actions.any())
    )
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    points = db.session.scalars(
        query.options(joinedload(ImprovementPoint.inspection))
        .order_by(Inspection.named_on.desc().nulls_last(), Inspection.id, ImprovementPoint.position)
        .limit(limit)
    ).all()
    return list(points), total
