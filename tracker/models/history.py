"""An authority's inspections from before the tracker, as a director records them."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models.enums import DocumentKind, enum_column_type
from tracker.timeutil import utcnow

if TYPE_CHECKING:
    from tracker.models.authority import Authority
    from tracker.models.user import User

# Ofsted's grades for overall effectiveness under ILACS (from 2018) and the single inspection framework.
OVERALL_GRADES = ("Outstanding", "Good", "Requires improvement to be good", "Inadequate")

# The Ofsted events a past record may be: a council's committee paper is a source, never an inspection.
EVENT_KINDS = tuple(kind for kind in DocumentKind if kind != DocumentKind.COMMITTEE_REPORT)


class PastInspection(db.Model):
    """An inspection or visit the tracker holds no document for, entered by a director.

    Papers often say only the months ("September/October 2019"), so the visit is kept to the month (the
    first of the month is stored) and the publication, if known, to the day: nothing is invented.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int] = mapped_column(ForeignKey("authority.id"), index=True)
    doc_type: Mapped[DocumentKind] = mapped_column(enum_column_type(DocumentKind))
    started_month: Mapped[date]
    ended_month: Mapped[date | None]
    published: Mapped[date | None]
    overall_effectiveness: Mapped[str | None] = mapped_column(String(100))
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)

    authority: Mapped[Authority] = relationship()
    entered_by: Mapped[User | None] = relationship()

    @property
    def display_name(self) -> str:  # how the audit trail names it
        return f"{self.doc_type.label}, {visit_months(self.started_month, self.ended_month)}"


def visit_months(start: date, end: date | None) -> str:
    """ "September 2019", "September/October 2019", "December 2018/January 2019", as papers write them."""
    if end is None or (end.year, end.month) == (start.year, start.month):
        return f"{start:%B %Y}"
    if end.year == start.year:
        return f"{start:%B}/{end:%B %Y}"
    return f"{start:%B %Y}/{end:%B %Y}"
