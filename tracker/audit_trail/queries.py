"""The audit trail of one authority, filtered in SQL, newest first."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from tracker.extensions import db
from tracker.models import AuditEvent, User


@dataclass(frozen=True)
class AuditFilters:
    actor_id: int | None = None
    event: str | None = None
    plan_action_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    def as_args(self) -> dict:
        args = {
            "actor": self.actor_id,
            "event": self.event,
            "action": self.plan_action_id,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
        }
        return {k: v for k, v in args.items() if v is not None}


@dataclass(frozen=True)
class AuditRow:
    id: int
    occurred_at: datetime
    actor: str | None
    actor_email: str | None
    event: str
    entity_type: str
    entity_id: int | None
    plan_action_id: int | None
    field: str | None
    before: str | None
    after: str | None


def _query(authority_id: int, filters: AuditFilters) -> Select:
    actor = aliased(User)
    query = (
        select(
            AuditEvent.id,
            AuditEvent.occurred_at,
            actor.display_name,
            actor.email,
            AuditEvent.event,
            AuditEvent.entity_type,
            AuditEvent.entity_id,
            AuditEvent.plan_action_id,
            AuditEvent.field,
            AuditEvent.before,
            AuditEvent.after,
        )
        .outerjoin(actor, actor.id == AuditEvent.actor_id)
        .where(AuditEvent.authority_id == authority_id)
    )
    if filters.actor_id is not None:
        query = query.where(AuditEvent.actor_id == filters.actor_id)
    if filters.event:
        query = query.where(AuditEvent.event == filters.event)
    if filters.plan_action_id is not None:
        query = query.where(AuditEvent.plan_action_id == filters.plan_action_id)
    if filters.date_from:
        query = query.where(AuditEvent.occurred_at >= datetime.combine(filters.date_from, time.min))
    if filters.date_to:
        query = query.where(AuditEvent.occurred_at < datetime.combine(filters.date_to + timedelta(days=1), time.min))
    return query


def events_page(authority_id: int, filters: AuditFilters, page: int, per_page: int) -> tuple[list[AuditRow], int]:
    query = _query(authority_id, filters)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.execute(
        query.order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return [AuditRow(*r) for r in rows], total


def events_all(authority_id: int, filters: AuditFilters) -> Iterator[AuditRow]:
    """Every matching event, streamed from the database in batches (an export can be large)."""
    query = _query(authority_id, filters).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    for row in db.session.execute(query.execution_options(yield_per=1000)):
        yield AuditRow(*row)


def filter_options(authority_id: int) -> dict:
    users = db.session.execute(
        select(User.id, User.display_name, User.email)
        .where(User.authority_id == authority_id)
        .order_by(User.job_title, User.id)
    ).all()
    events = db.session.scalars(
        select(AuditEvent.event).where(AuditEvent.authority_id == authority_id).distinct().order_by(AuditEvent.event)
    ).all()
    return {
        "users": [(u.id, f"{u[1]} ({u.email})") for u in users],
        "events": [(e, e.replace("_", " ").capitalize()) for e in events],
    }
