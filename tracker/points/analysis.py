"""What the tracker works out about an inspection's points once they exist: their themes, the
recommendation each marked paragraph of findings supports, and the weaknesses raised before.

Called when an inspection is created (import and seed); the caller commits.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import selectinload

from tracker.audit import record
from tracker.extensions import db
from tracker.models import (
    ImprovementPoint,
    Inspection,
    PointKind,
    PointRecurrence,
    PointTheme,
    SourceKind,
    Theme,
    User,
)
from tracker.points import linking
from tracker.points.themes import classify


def analyse_inspection(inspection: Inspection, actor: User | None, at: datetime | None = None) -> None:
    db.session.flush()
    for point in inspection.improvement_points:
        set_themes(point, classify(point.text, point.framework_areas), actor, at=at)
    link_supporting_paragraphs(inspection)
    db.session.flush()
    link_recurrences(inspection.improvement_points)


def set_themes(point: ImprovementPoint, themes: list[Theme], actor: User | None, at: datetime | None = None) -> bool:
    """Give the point exactly these themes, recording the change; False if they were already so."""
    before = point.themes
    after = sorted(set(themes), key=list(Theme).index)
    if before == after:
        return False
    point.theme_rows = [PointTheme(theme=t) for t in after]
    record(
        point,
        "changed" if before else "created",
        actor,
        field="themes",
        before="; ".join(t.label for t in before) or None,
        after="; ".join(t.label for t in after),
        at=at,
    )
    return True


def link_supporting_paragraphs(inspection: Inspection) -> None:
    """Link each marked paragraph to the recommendation it most resembles; to nothing if it resembles none."""
    paragraphs = inspection.supporting_paragraphs
    # The paragraphs are marked "(Recommendation)": only recommendations are candidates, if there are any.
    points = [p for p in inspection.improvement_points if p.kind == PointKind.RECOMMENDATION]
    points = points or inspection.improvement_points
    matches = linking.best_matches([p.text for p in paragraphs], [p.text for p in points])
    for paragraph, match in zip(paragraphs, matches, strict=True):
        if match is None:
            paragraph.improvement_point, paragraph.similarity = None, None
        else:
            paragraph.improvement_point, paragraph.similarity = points[match[0]], match[1]


def link_recurrences(points: list[ImprovementPoint]) -> None:
    """Link these points (of one authority) with alike points of the authority's other inspections.

    Replaces the links these points had, so it can be run again after their themes change.
    """
    # A council's committee report restates its inspection's points (which the council may also have imported
    # from Ofsted's report): that is not the weakness raised again.
    if not points or points[0].inspection.source_kind == SourceKind.COMMITTEE_REPORT:
        return
    authority_id = points[0].inspection.authority_id
    ids = [p.id for p in points]
    db.session.execute(
        delete(PointRecurrence).where(
            or_(PointRecurrence.earlier_point_id.in_(ids), PointRecurrence.later_point_id.in_(ids))
        )
    )
    others = db.session.scalars(
        select(ImprovementPoint)
        .join(Inspection)
        .where(Inspection.authority_id == authority_id, ImprovementPoint.id.not_in(ids))
        .options(selectinload(ImprovementPoint.theme_rows), selectinload(ImprovementPoint.inspection))
    ).all()
    by_id = {p.id: p for p in (*points, *others)}
    elsewhere = [
        p
        for p in others
        if p.inspection_id != points[0].inspection_id and p.inspection.source_kind != SourceKind.COMMITTEE_REPORT
    ]
    pairs = linking.recurrences([_point_text(p) for p in points], [_point_text(p) for p in elsewhere])
    for new_id, other_id, score in pairs:
        earlier, later = sorted((by_id[new_id], by_id[other_id]), key=when_raised)
        db.session.add(PointRecurrence(earlier_point_id=earlier.id, later_point_id=later.id, similarity=score))


def _point_text(point: ImprovementPoint) -> linking.PointText:
    return linking.PointText(point.id, point.text, frozenset(point.themes))


def when_raised(point: ImprovementPoint) -> tuple[bool, date, int]:
    """A point's place in time: by its document's date, undated documents last, then as created."""
    inspection = point.inspection
    day = inspection.published or inspection.visit_start
    return (day is None, day or date.min, inspection.id)
