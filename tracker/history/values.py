"""The value each recorded field of a plan's actions and milestones had at a moment, from the audit trail.

The rule, defined here once (the dashboard's RAG over time follows it too, tracker/history/ratings.py): a
field's value at a moment is the `after` of the latest event recording it before the moment; failing that,
the `before` of the earliest change after it (what it was changed from); failing that, its value now, since
it has not changed (or the data was made without events, as bulk test data is). Nothing is written twice:
the audit trail that every change already goes through (tracker/audit.py) is the history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, and_, func, literal, or_, select, union_all

from tracker.extensions import db
from tracker.models import Action, AuditEvent, ImprovementPoint

# What a paper says about an action, about a milestone beyond its dated re-plans, and about a point.
ACTION_FIELDS = ("title", "theme", "owner", "status", "rag", "rag_reason", "recovery", "target_date", "signed_off_at")
MILESTONE_FIELDS = ("title", "completed_date", "closed_reason")
POINT_FIELDS = ("answered_by_council",)

Key = tuple[str, int, str]  # entity type ("action", "milestone", "improvement_point"), its id, the field


@dataclass
class Recorded:
    """The audit trail's answer for one moment: values as the trail writes them (text), and what was not made yet."""

    values: dict[Key, str | None] = field(default_factory=dict)
    unborn: set[tuple[str, int]] = field(default_factory=set)  # created after the moment

    def has(self, entity: str, entity_id: int, name: str) -> bool:
        return (entity, entity_id, name) in self.values

    def get(self, entity: str, entity_id: int, name: str) -> str | None:
        return self.values[(entity, entity_id, name)]


def history_query(inspection_ids: list[int], moment: datetime) -> Select:
    """For each recorded field of the plans' actions, milestones and points: its latest event before `moment`
    and its earliest after it, as (entity_type, entity_id, field, event, value, later).

    The composite index on (plan_action_id, field, occurred_at) finds each action's events for a field in
    time order, on either side of the moment, without reading the rest of the trail; a point's events
    belong to no action, and are the few under (NULL, "answered_by_council") in the same index.
    """
    event = AuditEvent
    points = select(ImprovementPoint.id).where(ImprovementPoint.inspection_id.in_(inspection_ids))
    actions = select(Action.id).where(Action.improvement_point_id.in_(points))
    of_actions = and_(
        event.plan_action_id.in_(actions),
        or_(
            and_(event.entity_type == "action", event.field.in_(ACTION_FIELDS)),
            and_(event.entity_type == "milestone", event.field.in_(MILESTONE_FIELDS)),
        ),
    )
    of_points = and_(
        event.plan_action_id.is_(None),
        event.field.in_(POINT_FIELDS),
        event.entity_type == "improvement_point",
        event.entity_id.in_(points),
    )
    partition = (event.entity_type, event.entity_id, event.field)

    def nearest(scope, later: bool):
        order = (event.occurred_at, event.id) if later else (event.occurred_at.desc(), event.id.desc())
        when = event.occurred_at >= moment if later else event.occurred_at < moment
        return select(
            event.entity_type,
            event.entity_id,
            event.field,
            event.event,
            (event.before if later else event.after).label("value"),
            literal(later).label("later"),
            func.row_number().over(partition_by=partition, order_by=order).label("n"),
        ).where(scope, when)

    both = union_all(*(nearest(scope, later) for scope in (of_actions, of_points) for later in (False, True)))
    found = both.subquery()
    return select(
        found.c.entity_type, found.c.entity_id, found.c.field, found.c.event, found.c.value, found.c.later
    ).where(found.c.n == 1)


def recorded_at(inspection_ids: list[int], moment: datetime) -> Recorded:
    """The recorded fields of the plans' actions, milestones and points at `moment` (naive UTC), in one query.

    A key absent from the answer has no event: its value now is its value then."""
    rows = db.session.execute(history_query(inspection_ids, moment)).all()
    recorded = Recorded()
    # The latest event before the moment wins over the earliest after it, so those are applied last.
    for entity, entity_id, name, what, value, later in sorted(rows, key=lambda row: not row.later):
        if later and what == "created":
            recorded.unborn.add((entity, entity_id))
        else:
            recorded.values[(entity, entity_id, name)] = value
    return recorded
