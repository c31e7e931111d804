"""The plans' RAG counts at the end of each UK quarter, by the rule of tracker/history/values.py.

An action's rating at a quarter's end is the latest rating recorded before that end (its last rating in
the quarter, or else the one it carried into it); an action with no rating recorded counts from when it was
made with the rating it has now. The database takes each action's last rating in each quarter, the rating
it replaced (the one it held at the end of the quarter before), and adds up those moves by plan, quarter and
rating with a running total: the history is read once, whatever the number of quarters or actions.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, and_, case, cast, exists, extract, func, literal, or_, select, union_all

from tracker.extensions import db
from tracker.models import Action, AuditEvent, ImprovementPoint


def uk_quarter(moment):
    """SQL: the UK quarter (year * 4 + 0 to 3) of a naive UTC moment.

    A quarter ends in British Summer Time in March, June and September (its last hour in UTC, 23:00, is
    already the next UK day) and in Greenwich Mean Time in December, so only those three last hours move."""
    month = cast(extract("month", moment), Integer)
    day = cast(extract("day", moment), Integer)
    last_bst_hour = and_(
        cast(extract("hour", moment), Integer) == 23,
        or_(and_(month == 3, day == 31), and_(month.in_((6, 9)), day == 30)),
    )
    return cast(extract("year", moment), Integer) * 4 + (month - 1) // 3 + case((last_bst_hour, 1), else_=0)


def running_counts(inspection_ids: list[int], until: datetime) -> list[tuple[int, int, str, int]]:
    """(plan, quarter, rating, actions with that rating at the quarter's end) for each quarter in which the
    count changed, in plan and quarter order, from what was recorded before `until` (naive UTC)."""
    plan = ImprovementPoint.inspection_id
    of_plans = and_(Action.improvement_point_id == ImprovementPoint.id, plan.in_(inspection_ids))
    rated = and_(AuditEvent.entity_type == "action", AuditEvent.field == "rag")
    recorded = (
        select(
            plan.label("plan"),
            Action.id.label("action"),
            AuditEvent.occurred_at.label("at"),
            AuditEvent.id.label("seq"),
            AuditEvent.after.label("rag"),
        )
        .join(Action, Action.id == AuditEvent.plan_action_id)
        .join(ImprovementPoint, of_plans)
        .where(rated)
    )
    unrecorded = (
        select(plan, Action.id, Action.created_at, literal(0), Action.rag)
        .join(ImprovementPoint, of_plans)
        .where(~exists().where(AuditEvent.plan_action_id == Action.id, rated))
    )
    timeline = union_all(recorded, unrecorded).subquery()
    quarter = uk_quarter(timeline.c.at)
    last_in_quarter = (
        select(
            timeline.c.plan,
            timeline.c.action,
            quarter.label("quarter"),
            timeline.c.rag,
            func.row_number()
            .over(partition_by=(timeline.c.action, quarter), order_by=(timeline.c.at.desc(), timeline.c.seq.desc()))
            .label("n"),
        )
        .where(timeline.c.at < until)
        .subquery()
    )
    held = (
        select(
            last_in_quarter.c.plan,
            last_in_quarter.c.quarter,
            last_in_quarter.c.rag,
            func.lag(last_in_quarter.c.rag)
            .over(partition_by=last_in_quarter.c.action, order_by=last_in_quarter.c.quarter)
            .label("replaced"),
        )
        .where(last_in_quarter.c.n == 1)
        .subquery()
    )
    moves = union_all(
        select(held.c.plan, held.c.quarter, held.c.rag, literal(1).label("move")),
        select(held.c.plan, held.c.quarter, held.c.replaced, literal(-1)).where(held.c.replaced.is_not(None)),
    ).subquery()
    net = (
        select(moves.c.plan, moves.c.quarter, moves.c.rag, func.sum(moves.c.move).label("net"))
        .group_by(moves.c.plan, moves.c.quarter, moves.c.rag)
        .subquery()
    )
    # PostgreSQL adds up integers as wider numbers: cast back to integers.
    running = cast(func.sum(net.c.net).over(partition_by=(net.c.plan, net.c.rag), order_by=net.c.quarter), Integer)
    rows = db.session.execute(
        select(net.c.plan, net.c.quarter, net.c.rag, running).order_by(net.c.plan, net.c.quarter)
    ).all()
    return [tuple(row) for row in rows]
