from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.timeutil import utcnow


class ReminderSent(db.Model):
    """One reminder email to one user for one day: running the command twice a day sends nothing twice."""

    __table_args__ = (UniqueConstraint("user_id", "reminder_date", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    reminder_date: Mapped[date]
    kind: Mapped[str] = mapped_column(String(20))  # owner or director
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    message_id: Mapped[str] = mapped_column(String(255))
