"""A day in a paper is a UK date; the audit trail stores naive UTC. These convert between the two."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def end_of_uk_day(day: date) -> datetime:
    """The first moment after `day` in the UK, as naive UTC: whatever happened before it happened by that day.

    In summer a change at 23:30 UK time is 22:30 UTC and belongs to the day; a UTC day would give it to the
    next one."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=UK).astimezone(UTC).replace(tzinfo=None)


def uk_day(moment: datetime) -> date:
    """The UK date of a naive UTC moment from the database."""
    return moment.replace(tzinfo=UTC).astimezone(UK).date()
