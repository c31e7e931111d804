"""An authority's inspection history: the inspections the tracker holds (Inspection) and the earlier ones a
director records (PastInspection), as one list, newest first. Committee papers' Background reads it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.audit import change_fields, record, record_creation
from tracker.extensions import db
from tracker.models import DocumentKind, Inspection, PastInspection, User
from tracker.models.history import visit_months
from tracker.timeutil import long_date


@dataclass(frozen=True)
class HistoryEntry:
    kind: DocumentKind
    visit: str  # "15 April 2024 to 3 May 2024", "September/October 2019"
    published: date | None
    overall_effectiveness: str | None
    happened: date  # when the visit began (else its publication), to place it in time
    inspection_id: int | None = None  # tracked: the inspection's page
    past_id: int | None = None  # recorded by a director
    entered_by: str | None = None

    @property
    def is_full_inspection(self) -> bool:
        return self.kind == DocumentKind.INSPECTION_REPORT

    @property
    def visit_phrase(self) -> str:
        """How a sentence places it: "from 15 April 2024 to 3 May 2024", "in September/October 2019"."""
        if self.inspection_id is None:
            return f"in {self.visit}"
        return f"from {self.visit}" if " to " in self.visit else f"on {self.visit}"


def _visit_days(start: date | None, end: date | None) -> str:
    if start and end and start != end:
        return f"{long_date(start)} to {long_date(end)}"
    return long_date(start or end) if (start or end) else "dates not recorded"


def _tracked(inspection: Inspection) -> HistoryEntry | None:
    happened = inspection.visit_start or inspection.visit_end or inspection.published
    if happened is None:
        return None  # an undated document cannot be placed in a history
    return HistoryEntry(
        kind=inspection.doc_type,
        visit=_visit_days(inspection.visit_start, inspection.visit_end),
        published=inspection.published,
        overall_effectiveness=inspection.overall_effectiveness,
        happened=happened,
        inspection_id=inspection.id,
    )


def _recorded(past: PastInspection) -> HistoryEntry:
    return HistoryEntry(
        kind=past.doc_type,
        visit=visit_months(past.started_month, past.ended_month),
        published=past.published,
        overall_effectiveness=past.overall_effectiveness,
        happened=past.started_month,
        past_id=past.id,
        entered_by=past.entered_by.display_name if past.entered_by else None,
    )


def history_of(authority_id: int) -> list[HistoryEntry]:
    """Every inspection of the authority that can be placed in time, newest first."""
    tracked = db.session.scalars(select(Inspection).where(Inspection.authority_id == authority_id))
    past = db.session.scalars(
        select(PastInspection)
        .where(PastInspection.authority_id == authority_id)
        .options(joinedload(PastInspection.entered_by))
    )
    entries = [e for e in map(_tracked, tracked) if e is not None] + [_recorded(p) for p in past]
    return sorted(entries, key=lambda e: (e.happened, e.inspection_id or 0, e.past_id or 0), reverse=True)


def find_past(authority_id: int, past_id: int) -> PastInspection | None:
    return db.session.scalar(
        select(PastInspection).where(PastInspection.id == past_id, PastInspection.authority_id == authority_id)
    )


def add_past(
    authority_id: int,
    actor: User | None,
    *,
    doc_type: DocumentKind,
    started_month: date,
    ended_month: date | None,
    published: date | None,
    overall_effectiveness: str | None,
    at: datetime | None = None,
) -> PastInspection:
    """Record an earlier inspection; audited. The caller commits."""
    past = PastInspection(
        authority_id=authority_id,
        doc_type=doc_type,
        started_month=started_month,
        ended_month=ended_month,
        published=published,
        overall_effectiveness=overall_effectiveness,
        entered_by=actor,
    )
    if at:
        past.entered_at = at
    db.session.add(past)
    record_creation(
        past,
        actor,
        {
            "doc_type": doc_type,
            "started_month": started_month,
            "ended_month": ended_month,
            "published": published,
            "overall_effectiveness": overall_effectiveness,
        },
        at=at,
    )
    return past


def correct_past(past: PastInspection, actor: User, **fields) -> dict[str, tuple]:
    """Correct a recorded inspection: each changed field audited. The caller commits."""
    return change_fields(past, actor, **fields)


def remove_past(past: PastInspection, actor: User) -> None:
    """Remove a recorded inspection (entered in error), keeping what it said in the audit trail."""
    record(past, "deleted", actor, field="record", before=past.display_name)
    db.session.delete(past)
