from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from tracker.extensions import db
from tracker.timeutil import utcnow

if TYPE_CHECKING:
    from tracker.models.user import User


class DocumentImport(db.Model):
    """An uploaded document being reviewed before it becomes an inspection.

    What the parser found is kept as it is edited on the review page (`draft`), so nothing typed is
    lost between visits. Confirming turns it into an inspection and removes it; so does discarding.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    # The council it is filed under: its importer's own, or for the service operator the council it names.
    # None only while the operator confirms a council not yet on the service (tracker/imports/filing.py);
    # no council's people can see it then.
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id"), index=True)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    source_filename: Mapped[str] = mapped_column(String(255))
    source_text: Mapped[str] = deferred(mapped_column(Text, nullable=False))
    source_sha256: Mapped[str] = mapped_column(String(64), index=True)
    draft: Mapped[dict] = mapped_column(JSON)  # see tracker/imports/draft.py

    uploaded_by: Mapped[User] = relationship()
