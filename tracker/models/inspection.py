from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from tracker.extensions import db
from tracker.models.enums import DocumentKind, FrameworkArea, LabelledEnum, PointKind, Theme, enum_column_type
from tracker.timeutil import utcnow

if TYPE_CHECKING:
    from tracker.models.authority import Authority
    from tracker.models.plan import Action


class SourceKind(LabelledEnum):
    """What an inspection's findings were read from: Ofsted's own document, or the council's committee paper
    that reports it (the paper is not an inspection: it is where the tracker read one)."""

    OFSTED = "ofsted", "Ofsted’s own document"
    COMMITTEE_REPORT = "committee_report", "The council’s committee report on the inspection"


class Inspection(db.Model):
    """One inspection or visit Ofsted made, and what it found, read from Ofsted's document or from the
    council's committee paper about it (source_kind)."""

    __table_args__ = (UniqueConstraint("authority_id", "source_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int] = mapped_column(ForeignKey("authority.id"), index=True)
    doc_type: Mapped[DocumentKind] = mapped_column(enum_column_type(DocumentKind))
    visit_start: Mapped[date | None] = mapped_column()
    visit_end: Mapped[date | None] = mapped_column()
    # When Ofsted published its findings; empty when the source does not say (a committee paper's meeting
    # date is not the publication date: that is source_dated).
    published: Mapped[date | None] = mapped_column()
    overall_effectiveness: Mapped[str | None] = mapped_column(String(100))
    source_filename: Mapped[str] = mapped_column(String(255))
    source_kind: Mapped[SourceKind] = mapped_column(
        enum_column_type(SourceKind), default=SourceKind.OFSTED, server_default=SourceKind.OFSTED.value
    )
    # The source document's own date where it is not Ofsted's: a committee paper's meeting date.
    source_dated: Mapped[date | None]
    # The document as read, kept verbatim; its checksum recognises the same document imported twice by one
    # council. Only within the council: reports are public, so another council may import the same one, and
    # a refusal would tell it what this council had imported.
    # Deferred: it is tens of kilobytes, and only the document's own page shows it.
    source_text: Mapped[str] = mapped_column(Text, deferred=True)
    source_sha256: Mapped[str] = mapped_column(String(64))
    # When the council sent its action plan to Ofsted, to judge the statutory deadline.
    plan_submitted_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The date an inspection is named and ordered by: its publication, else the end (or start) of the visit.
    # A column expression, so lists that select columns and sort in SQL name it the same way.
    named_on: Mapped[date | None] = column_property(sa.func.coalesce(published, visit_end, visit_start, type_=sa.Date))

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
    supporting_paragraphs: Mapped[list[SupportingParagraph]] = relationship(
        back_populates="inspection", order_by="SupportingParagraph.position", cascade="all, delete-orphan"
    )

    @property
    def title(self) -> str:
        return document_title(self.doc_type, self.named_on)

    @property
    def read_from_committee_report(self) -> bool:
        return self.source_kind == SourceKind.COMMITTEE_REPORT

    @property
    def occasion(self) -> str:
        """How people refer to it in a sentence: "the 2017 inspection", "the 2022 focused visit"."""
        return occasion(self.doc_type, self.published or self.visit_start)


def document_title(doc_type: DocumentKind, named_on: date | None) -> str:
    """How an inspection is named in lists: "Focused visit letter, March 2023", by Inspection.named_on. Lists
    that select columns, not whole inspections, name them with this too."""
    when = named_on.strftime("%B %Y") if named_on else "undated"
    return f"{doc_type.label}, {when}"


_OCCASIONS = {
    DocumentKind.INSPECTION_REPORT: "inspection",
    DocumentKind.FOCUSED_VISIT: "focused visit",
    DocumentKind.MONITORING_VISIT: "monitoring visit",
    DocumentKind.JTAI: "joint targeted area inspection",
    DocumentKind.UNANNOUNCED_INSPECTION: "unannounced inspection",
    # Only the parser's word for a council's paper: no inspection is of this kind (it is read as the
    # inspection the paper reports), but a past record or an old row named this way still reads sensibly.
    DocumentKind.COMMITTEE_REPORT: "inspection",
}


def occasion(doc_type: DocumentKind, when: date | None) -> str:
    kind = _OCCASIONS[doc_type]
    return f"the {when.year} {kind}" if when else f"an undated {kind}"


class Judgement(db.Model):
    """A graded judgement ("Requires improvement to be good"), in Ofsted's words."""

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    position: Mapped[int]
    area: Mapped[str] = mapped_column(String(300))
    grade: Mapped[str] = mapped_column(String(100))

    inspection: Mapped[Inspection] = relationship(back_populates="judgements")


def _answered_by_default(kind: PointKind | str) -> bool:
    return PointKind(kind).answered_by_council


class ImprovementPoint(db.Model):
    """A recommendation, area for improvement or similar: what the plan's actions answer."""

    __table_args__ = (UniqueConstraint("inspection_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    kind: Mapped[PointKind] = mapped_column(enum_column_type(PointKind))
    number: Mapped[int]  # its number within its own list in the document
    position: Mapped[int]  # its order among all the document's points
    text: Mapped[str] = mapped_column(Text)
    # False for a point the council is not answering in its plan (by default, a recommendation to the
    # safeguarding partnership): shown with the document, left out of the plan's work. Unless given, it is the
    # kind's default, for whoever makes the point: the ORM (__init__) or a bulk insert (the column's default).
    answered_by_council: Mapped[bool] = mapped_column(
        default=lambda context: _answered_by_default(context.get_current_parameters()["kind"]),
        server_default=sa.true(),
    )

    def __init__(self, **kwargs):
        if "answered_by_council" not in kwargs and kwargs.get("kind") is not None:
            kwargs["answered_by_council"] = _answered_by_default(kwargs["kind"])
        super().__init__(**kwargs)

    inspection: Mapped[Inspection] = relationship(back_populates="improvement_points")
    actions: Mapped[list[Action]] = relationship(back_populates="improvement_point", order_by="Action.id")
    theme_rows: Mapped[list[PointTheme]] = relationship(
        back_populates="point", order_by="PointTheme.theme", cascade="all, delete-orphan"
    )
    supporting_paragraphs: Mapped[list[SupportingParagraph]] = relationship(
        back_populates="improvement_point", order_by="SupportingParagraph.position"
    )
    framework_rows: Mapped[list[PointFrameworkArea]] = relationship(
        back_populates="point", order_by="PointFrameworkArea.position", cascade="all, delete-orphan"
    )

    @property
    def framework_areas(self) -> list[FrameworkArea]:
        """The National Framework areas the document cross-references, in its order."""
        return [row.area for row in self.framework_rows]

    @property
    def themes(self) -> list[Theme]:
        """In the fixed list's order."""
        order = list(Theme)
        return sorted((row.theme for row in self.theme_rows), key=order.index)

    @property
    def label(self) -> str:
        """ "Recommendation 9", "What needs to improve 1"."""
        return f"{self.kind.label} {self.number}"


class PointFrameworkArea(db.Model):
    """A National Framework outcome, enabler or principle that the document cross-references a point with."""

    improvement_point_id: Mapped[int] = mapped_column(ForeignKey("improvement_point.id"), primary_key=True)
    area: Mapped[FrameworkArea] = mapped_column(enum_column_type(FrameworkArea), primary_key=True, index=True)
    position: Mapped[int]  # its order in the document's reference

    point: Mapped[ImprovementPoint] = relationship(back_populates="framework_rows")


class PointTheme(db.Model):
    """A theme from the fixed list that an improvement point is filed under (one or more per point)."""

    improvement_point_id: Mapped[int] = mapped_column(ForeignKey("improvement_point.id"), primary_key=True)
    theme: Mapped[Theme] = mapped_column(enum_column_type(Theme), primary_key=True)

    point: Mapped[ImprovementPoint] = relationship(back_populates="theme_rows")


class PointRecurrence(db.Model):
    """The same weakness raised again: an earlier inspection's point and a later one of the same authority.

    One row links both ways; `similarity` (0 to 1) is how alike their texts are.
    """

    __table_args__ = (
        UniqueConstraint("earlier_point_id", "later_point_id"),
        Index("ix_point_recurrence_later_point_id", "later_point_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    earlier_point_id: Mapped[int] = mapped_column(ForeignKey("improvement_point.id"))
    later_point_id: Mapped[int] = mapped_column(ForeignKey("improvement_point.id"))
    similarity: Mapped[float]

    earlier: Mapped[ImprovementPoint] = relationship(foreign_keys=[earlier_point_id])
    later: Mapped[ImprovementPoint] = relationship(foreign_keys=[later_point_id])


class SupportingParagraph(db.Model):
    """A paragraph of findings the report marks as lying behind a recommendation ("(Recommendation)")."""

    __table_args__ = (UniqueConstraint("inspection_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    # The recommendation it supports, found by text similarity; empty if the report has no points.
    improvement_point_id: Mapped[int | None] = mapped_column(ForeignKey("improvement_point.id"), index=True)
    position: Mapped[int]
    number: Mapped[int | None]  # its paragraph number in the report
    text: Mapped[str] = mapped_column(Text)
    similarity: Mapped[float | None]

    inspection: Mapped[Inspection] = relationship(back_populates="supporting_paragraphs")
    improvement_point: Mapped[ImprovementPoint | None] = relationship(back_populates="supporting_paragraphs")


class Strength(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

    inspection: Mapped[Inspection] = relationship(back_populates="strengths")
