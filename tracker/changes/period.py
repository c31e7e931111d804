"""The period a "changes since" covers, in UK days.

Timestamps are naive UTC in the database; the dates a director types and a paper prints are UK dates. So
the period "since 3 September up to 1 October" is every moment whose UK date is after 3 September and on or
before 1 October: from UK midnight starting 4 September to UK midnight starting 2 October, as UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def uk_midnight(day: date) -> datetime:
    """The moment UK day `day` begins, as naive UTC (the database's timestamps)."""
    return datetime.combine(day, time(), tzinfo=UK).astimezone(UTC).replace(tzinfo=None)


def uk_date(moment: datetime) -> date:
    """The UK date of a naive UTC timestamp."""
    return moment.replace(tzinfo=UTC).astimezone(UK).date()


@dataclass(frozen=True)
class Period:
    since: date  # the period begins after the end of this UK day
    until: date  # and ends at the end of this one

    @property
    def first_day(self) -> date:
        return self.since + timedelta(days=1)

    @property
    def start(self) -> datetime:
        return uk_midnight(self.first_day)

    @property
    def end(self) -> datetime:
        """The first moment after the period (half-open: start <= moment < end)."""
        return uk_midnight(self.until + timedelta(days=1))

    def holds_date(self, day: date) -> bool:
        return self.since < day <= self.until
