from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models.enums import DocumentKind, PointKind, enum_column_type
from tracker.timeutil import utcnow

if TYPE_CHECKING:
    from tracker.models.authority import Authority
    from tracker.models.plan import Action


class Inspection(db.Model):
    """One Ofsted document (or the council's committee report on one) and what it found."""

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int] = mapped_column(ForeignKey("authority.id"), index=True)
    doc_type: Mapped[DocumentKind] = mapped_column(enum_column_type(DocumentKind))
    visit_start: Mapped[date | None]
    visit_end: Mapped[date | None]
    published: Mapped[date | None]
    overall_effectiveness: Mapped[str | None] = mapped_column(String(100))
    source_filename: Mapped[str] = mapped_column(String(255))
    # The document as read, kept verbatim; its checksum recognises the same document imported twice.
    source_text: Mapped[str] = mapped_column(Text)
    source_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # When the council sent its action plan to Ofsted, to judge the statutory deadline.
    plan_submitted_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    authority: Mapped[Authority] = relationship(back_populates="inspections")
    judgements: Mapped[list[Judgement]] = relationship(
        back_populates="inspection", order_by="Judgement.position", cascade="all, delete-orphan"
    )
    improvement_points: Mapped[list[ImprovementPoint]] = relationship(
        back_populates="inspection", order_by="ImprovementPoint.position", cascade="all, delete-orphan"
    )
    strengths: Mapped[list[Strength]] = relationship(
        back_populates="inspection", order_by="Strength.position", cascade="all, delete-orphan"
    )

    @property
    def title(self) -> str:
        when = self.published.strftime("%B %Y").lstrip("0") if self.published else "undated"
        return f"{self.doc_type.label}, {when}"


class Judgement(db.Model):
    """A graded judgement ("Requires improvement to be good"), in Ofsted's words."""

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    position: Mapped[int]
    area: Mapped[str] = mapped_column(String(300))
    grade: Mapped[str] = mapped_column(String(100))

    inspection: Mapped[Inspection] = relationship(back_populates="judgements")


class ImprovementPoint(db.Model):
    """A recommendation, area for improvement or similar: what the plan's actions answer."""

    __table_args__ = (UniqueConstraint("inspection_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    kind: Mapped[PointKind] = mapped_column(enum_column_type(PointKind))
    number: Mapped[int]  # its number within its own list in the document
    position: Mapped[int]  # its order among all the document's points
    text: Mapped[str] = mapped_column(Text)

    inspection: Mapped[Inspection] = relationship(back_populates="improvement_points")
    actions: Mapped[list[Action]] = relationship(back_populates="improvement_point", order_by="Action.id")


class Strength(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

    inspection: Mapped[Inspection] = relationship(back_populates="strengths")
