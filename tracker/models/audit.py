from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.timeutil import utcnow

if TYPE_CHECKING:
    from tracker.models.user import User


class AuditEvent(db.Model):
    """One recorded change: who, when, what (entity and event), which field, the value before and after.

    Written in the same transaction as the change it records (see tracker.audit). Nothing in the
    application updates or deletes these rows.
    """

    # The history "as at" a date (tracker/history) asks, for a plan's actions, each field's events in time
    # order on either side of a moment: this index finds them without reading the rest of the trail. It
    # replaced the index on plan_action_id alone, which it serves as well (PostgreSQL chose that one, and then
    # filtered each action's events by field and time).
    __table_args__ = (Index("ix_audit_event_action_field_time", "plan_action_id", "field", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id"), index=True)
    # The plan action the change belongs to (its own fields, or its milestones, evidence and updates),
    # so an action's history is one indexed query (the history index below leads with it).
    plan_action_id: Mapped[int | None]
    entity_type: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None]
    event: Mapped[str] = mapped_column(String(50))  # created, changed, signed_in …
    field: Mapped[str | None] = mapped_column(String(100))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)

    actor: Mapped[User | None] = relationship()
