"""Recording changes. Operations call these in the same transaction as the change, never after it."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from tracker.extensions import db
from tracker.models import Action, AuditEvent, Authority, User
from tracker.timeutil import utcnow


def as_text(value: Any) -> str | None:
    """A value as the audit trail writes it: enums by value, dates ISO, yes/no, a record by its display name."""
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, db.Model):
        return getattr(value, "display_name", None) or str(value.id)
    return str(value)


def _context(obj: Any) -> tuple[int | None, int | None]:
    """The authority and plan action an object belongs to, for scoping the audit trail."""
    action = obj if isinstance(obj, Action) else getattr(obj, "action", None)
    if action is None and hasattr(obj, "milestone"):
        action = obj.milestone.action
    if isinstance(action, Action):
        return action.improvement_point.inspection.authority_id, action.id
    if isinstance(obj, Authority):
        return obj.id, None
    authority_id = getattr(obj, "authority_id", None)
    if authority_id is None and hasattr(obj, "inspection"):
        authority_id = obj.inspection.authority_id
    return authority_id, None


def record(
    obj: Any,
    event: str,
    actor: User | None,
    *,
    field: str | None = None,
    before: Any = None,
    after: Any = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Add one audit event about obj to the session (flushing first only if obj has no id yet)."""
    if obj.id is None:
        db.session.flush()
    authority_id, action_id = _context(obj)
    entry = AuditEvent(
        occurred_at=at or utcnow(),
        actor_id=actor.id if actor else None,
        authority_id=authority_id,
        plan_action_id=action_id,
        entity_type=obj.__tablename__,
        entity_id=obj.id,
        event=event,
        field=field,
        before=as_text(before),
        after=as_text(after),
    )
    db.session.add(entry)
    return entry


def record_creation(obj: Any, actor: User | None, fields: Mapping[str, Any], at: datetime | None = None) -> None:
    """Record a new object: one event per field given, before empty."""
    for name, value in fields.items():
        record(obj, "created", actor, field=name, after=value, at=at)


def change_fields(obj: Any, actor: User | None, at: datetime | None = None, **values: Any) -> dict[str, tuple]:
    """Set fields on obj, recording each that actually changes. Returns {field: (before, after)}."""
    changed = {}
    for name, new in values.items():
        old = getattr(obj, name)
        if old == new:
            continue
        setattr(obj, name, new)
        changed[name] = (old, new)
        record(obj, "changed", actor, field=name, before=old, after=new, at=at)
    return changed
