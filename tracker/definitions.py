"""The one definition of each word a user reads on many pages: open action, overdue, due soon and stale.

My actions, the dashboard, the overdue list and its exports, the reminders and the committee paper all use
these, so they cannot disagree. Each rule is written twice side by side, as a SQL expression for queries and
as a Python predicate for rows already read: change one, change the other on the next line.

The windows come from two settings (tracker/config.py): `STALE_DAYS` and `DUE_SOON_DAYS`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import and_

from tracker.models import Action, ActionStatus, Milestone


def stale_days() -> int:
    """How long an open action may go without an update before it is stale."""
    return current_app.config["STALE_DAYS"]


def due_soon_days() -> int:
    """How far ahead (today included) a milestone or target date counts as due soon."""
    return current_app.config["DUE_SOON_DAYS"]


# Open action: not yet complete (signed off). Action.is_open is already one hybrid rule for Python and SQL.
OPEN_ACTION = Action.is_open


def action_is_open(status: ActionStatus) -> bool:
    return status != ActionStatus.COMPLETE


# Overdue: a date before today on something not done. A milestone counts only while its action is open,
# so a signed-off action never leaves an overdue milestone behind on a list.
def overdue_sql(column, today):
    """`column` (a due or target date) has passed; `today` may be a date or a bound parameter."""
    return column < today


def is_overdue(due: date, today: date) -> bool:
    return due < today


def overdue_milestone_sql(today):
    """An open milestone of an open action, past its due date (the query must join the milestone's action)."""
    return and_(OPEN_ACTION, Milestone.completed_date.is_(None), overdue_sql(Milestone.due_date, today))


def milestone_is_overdue(completed_date: date | None, due_date: date, today: date, *, action_open: bool) -> bool:
    return action_open and completed_date is None and is_overdue(due_date, today)


# Due soon: from today to DUE_SOON_DAYS ahead, both ends included; what is overdue is not also due soon.
def due_soon_until(today: date, days: int) -> date:
    return today + timedelta(days=days)


def due_soon_sql(column, today, until):
    """`column` falls from today to `until` (due_soon_until), either a date or a bound parameter."""
    return and_(column >= today, column <= until)


def is_due_soon(due: date, today: date, days: int) -> bool:
    return today <= due <= due_soon_until(today, days)


def due_soon_milestone_sql(today, until):
    return and_(OPEN_ACTION, Milestone.completed_date.is_(None), due_soon_sql(Milestone.due_date, today, until))


# Stale: an action its owner is working on (not started or in progress) whose last update was before the start
# of the day STALE_DAYS ago. One waiting for sign-off waits on a director, not its owner: the sign-off queue
# and the dashboard show how long it has waited, so it is not also called neglected.
STALE_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


def stale_cutoff(today: date, days: int) -> datetime:
    return datetime.combine(today - timedelta(days=days), time())


def stale_sql(today: date, days: int):
    return and_(Action.status.in_(STALE_STATUSES), Action.updated_at < stale_cutoff(today, days))


def is_stale(status: ActionStatus, updated_at: datetime, today: date, days: int) -> bool:
    return status in STALE_STATUSES and updated_at < stale_cutoff(today, days)
