from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from tracker.extensions import db
from tracker.timeutil import utcnow

if TYPE_CHECKING:
    from tracker.models.authority import Authority
    from tracker.models.user import User


class ReportTemplate(db.Model):
    """A council's own Word template for its committee papers: one per council; none means the tracker's default.

    Kept in the database with the papers written into it, never as a file under the web root.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int] = mapped_column(ForeignKey("authority.id"), unique=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    authority: Mapped[Authority] = relationship()
    uploaded_by: Mapped[User] = relationship()

    @property
    def display_name(self) -> str:  # how the audit trail names it
        return self.file_name
