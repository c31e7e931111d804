from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, column_property, deferred, mapped_column, relationship

from tracker.extensions import db
from tracker.timeutil import utcnow

if TYPE_CHECKING:
    from tracker.models.authority import Authority
    from tracker.models.user import User


# How a paper's appendix file is named: the paper's name with this before the extension.
APPENDIX_FILE_PART = " - The Whole Plan"


class CommitteeReport(db.Model):
    """A committee report: a draft holds what the director chose; publishing freezes what it said.

    Once published, the structure and the renderings (with the appendices' own files) are stored with their
    checksum and never change, whatever happens to the plan afterwards.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int] = mapped_column(ForeignKey("authority.id"), index=True)
    committee: Mapped[str] = mapped_column(String(200))
    meeting_date: Mapped[date]
    title: Mapped[str] = mapped_column(String(300))
    inputs: Mapped[dict] = mapped_column(JSON)  # ReportInputs, as chosen on the form
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    published_at: Mapped[datetime | None]
    structure: Mapped[dict | None] = mapped_column(JSON)
    html: Mapped[str | None] = deferred(mapped_column(Text))
    docx: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    # The appendices' own Word and PDF files (the paper's files above hold its body only); None on reports
    # published before the appendices were a document of their own.
    appendix_docx: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    appendix_pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    # Whether it has them, without loading them (the report's page offers their links).
    has_appendix_files: Mapped[bool] = column_property(appendix_pdf.columns[0].is_not(None))
    checksum: Mapped[str | None] = mapped_column(String(64))  # SHA-256 over structure and renderings

    authority: Mapped[Authority] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def file_name(self, extension: str, appendix: bool = False) -> str:
        """Named as council papers are: "2024-09-03 Children and Families … Committee - Ofsted inspection.docx";
        its appendices' file ends " - The Whole Plan.docx", which is what they are."""
        part = APPENDIX_FILE_PART if appendix else ""
        return f"{self.meeting_date:%Y-%m-%d} {self.committee} - {self.title}{part}.{extension}"
