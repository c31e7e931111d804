"""Ofsted's clock: an action plan is due 70 working days after a full report's publication, and a first
plan 20 working days after a document with areas for priority action. Working days are England's:
no weekends, no bank holidays (from the `holidays` package, which works offline)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays

from tracker.models import DocumentKind, Inspection

FULL_REPORT_DAYS = 70
PRIORITY_ACTION_DAYS = 20


@cache
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


@dataclass(frozen=True)
class Deadline:
    label: str
    due: date
    submitted: date | None

    def state(self, today: date) -> str:
        if self.submitted is not None:
            return "Met" if self.submitted <= self.due else "Missed"
        return "Overdue" if today > self.due else "Not yet due"


def statutory_deadlines(inspection: Inspection) -> list[Deadline]:
    """The action plan deadlines a document sets, if any (none for an undated document)."""
    if inspection.published is None:
        return []
    deadlines = []
    if any(p.kind.urgent for p in inspection.improvement_points):
        due = add_working_days(inspection.published, PRIORITY_ACTION_DAYS)
        deadlines.append(Deadline("First action plan (areas for priority action)", due, inspection.plan_submitted_on))
    if inspection.doc_type == DocumentKind.INSPECTION_REPORT:
        due = add_working_days(inspection.published, FULL_REPORT_DAYS)
        deadlines.append(Deadline("Action plan to Ofsted", due, inspection.plan_submitted_on))
    return deadlines
