"""Creating an inspection, with its judgements, points and strengths, from a parsed document."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select

from tracker.audit import record_creation
from tracker.extensions import db
from tracker.inspections.sources import as_inspection
from tracker.models import (
    Authority,
    DocumentKind,
    FrameworkArea,
    ImprovementPoint,
    Inspection,
    Judgement,
    PointFrameworkArea,
    PointKind,
    SourceKind,
    Strength,
    SupportingParagraph,
    User,
)
from tracker.parsing import ParsedDocument
from tracker.points.analysis import analyse_inspection


def checksum(text: str) -> str:
    """Identifies a document by its text, so the same document imported twice is recognised."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def find_duplicate(text: str, authority_id: int) -> Inspection | None:
    """The council's own inspection of this document, if it has one (another council's is none of its business)."""
    return db.session.scalar(
        select(Inspection).where(Inspection.authority_id == authority_id, Inspection.source_sha256 == checksum(text))
    )


def create_inspection(
    parsed: ParsedDocument,
    authority: Authority,
    *,
    source_filename: str,
    actor: User | None,
    at: datetime | None = None,
) -> Inspection:
    doc_type, source_kind = as_inspection(DocumentKind(parsed.doc_type), parsed.source_text)
    # A committee paper's date is its meeting's, not Ofsted's publication: kept as the source's date. Ofsted's
    # is the one given for it (typed on the import's review page), never guessed from the meeting's.
    from_paper = source_kind == SourceKind.COMMITTEE_REPORT
    inspection = Inspection(
        authority=authority,
        doc_type=doc_type,
        visit_start=parsed.visit_start,
        visit_end=parsed.visit_end,
        published=parsed.ofsted_published if from_paper else parsed.published,
        source_dated=parsed.published if from_paper else None,
        overall_effectiveness=parsed.overall_effectiveness,
        source_filename=source_filename,
        source_kind=source_kind,
        source_text=parsed.source_text,
        source_sha256=checksum(parsed.source_text),
    )
    if at:
        inspection.created_at = at
    inspection.judgements = [
        Judgement(position=i, area=j.area, grade=j.grade) for i, j in enumerate(parsed.judgements, start=1)
    ]
    inspection.improvement_points = [
        ImprovementPoint(
            kind=PointKind(p.kind),
            number=p.number,
            position=i,
            text=p.text,
            framework_rows=[
                PointFrameworkArea(area=FrameworkArea(area), position=n) for n, area in enumerate(p.framework, start=1)
            ],
        )
        for i, p in enumerate(parsed.improvement_points, start=1)
    ]
    inspection.strengths = [Strength(position=i, text=s) for i, s in enumerate(parsed.strengths, start=1)]
    inspection.supporting_paragraphs = [
        SupportingParagraph(position=i, number=p.number, text=p.text)
        for i, p in enumerate(parsed.supporting_paragraphs, start=1)
    ]
    db.session.add(inspection)
    record_creation(
        inspection,
        actor,
        {
            "doc_type": inspection.doc_type,
            "published": inspection.published,
            "source_filename": source_filename,
            "source_kind": inspection.source_kind,
            "improvement_points": len(inspection.improvement_points),
        },
        at=at,
    )
    for point in inspection.improvement_points:
        record_creation(
            point,
            actor,
            {
                "kind": point.kind,
                "number": point.number,
                "text": point.text,
                "framework": [area.value for area in point.framework_areas],
                "answered_by_council": point.answered_by_council,
            },
            at=at,
        )
    analyse_inspection(inspection, actor, at=at)
    return inspection
