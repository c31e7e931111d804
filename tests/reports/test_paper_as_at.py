"""The Leicestershire paper as at 3 September 2024 (the date of the council's own paper) reads only what was
known then: no action added later, and no rating, reason, date or evidence recorded later.

The paper's builders read only these facts (tracker/reports/facts.py), so checking them checks the paper.
Each day is also checked against the audit trail read here, event by event, without the history's query.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

import pytest
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Action, AuditEvent, Authority, Inspection
from tracker.reports import data
from tracker.reports.defaults import default_inputs

COUNCIL = "Leicestershire County Council"
# Each day with the UTC moment its UK day ends (summer time ends it an hour early).
DAYS = {
    date(2024, 9, 3): datetime(2024, 9, 3, 23),
    date(2025, 6, 30): datetime(2025, 6, 30, 23),
    date(2026, 1, 31): datetime(2026, 2, 1, 0),
}
MONTHS = list(calendar.month_name)[1:]
MONTH_YEAR = re.compile(rf"\b({'|'.join(MONTHS)}) (\d{{4}})\b")
QUARTER = re.compile(r"\bQ([1-4]) (\d{4})-\d{2}\b")  # a council's financial quarter: Q1 is April to June


def periods_mentioned(text: str) -> list[date]:
    """The first day of each month or financial quarter the text names."""
    found = [date(int(year), MONTHS.index(month) + 1, 1) for month, year in MONTH_YEAR.findall(text)]
    for quarter, year in QUARTER.findall(text):
        month = 4 + 3 * (int(quarter) - 1)
        found.append(date(int(year) + (month > 12), (month - 1) % 12 + 1, 1))
    return found


def recorded_then(action_id: int, moment: datetime) -> dict[str, str | None]:
    """Each field of the action as its latest event before the moment left it."""
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity_type == "action", AuditEvent.entity_id == action_id)
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )
    values: dict[str, str | None] = {}
    for event in events:
        if event.occurred_at < moment:
            values[event.field] = event.after
    return values


def _as_at(day: date):
    authority = db.session.scalar(select(Authority).where(Authority.name == COUNCIL))
    inputs = default_inputs(authority, "Children and Families Overview and Scrutiny Committee", None, day)
    return data.load(inputs).as_at


@pytest.mark.parametrize("day", list(DAYS), ids=str)
def test_the_leicestershire_paper_reads_only_what_was_known_at_its_date(seeded_app, day):
    moment = DAYS[day]
    with seeded_app.app_context():
        as_at = _as_at(day)
        for plan in as_at.plans:
            assert plan.known == (plan.inspection.created_at < moment)
            assert plan.known or not plan.points  # nothing of a plan the tracker did not hold
        for fact in as_at.actions:
            action = db.session.get(Action, fact.id)
            assert action.created_at < moment, fact.title
            then = recorded_then(fact.id, moment)
            assert (fact.rag.value, fact.status.value, fact.rag_reason) == (
                then["rag"],
                then["status"],
                then["rag_reason"] or "",
            ), fact.title
            assert fact.recovery == then.get("recovery"), fact.title
            assert fact.target_date.isoformat() == then["target_date"], fact.title
            assert fact.signed_off_on is None or fact.signed_off_on <= day
            for text in (fact.rag_reason, fact.recovery or ""):
                # A reason reports on a month or quarter that has begun: none written by then names a later one.
                assert all(period <= day for period in periods_mentioned(text)), text
            for milestone in fact.milestones:
                assert all(move.on <= day for move in milestone.moves), milestone.title
                assert milestone.completed_date is None or milestone.completed_date <= day
            assert all(evidence.evidence_date <= day for evidence in fact.evidence)


def test_the_seeded_history_gives_the_as_at_check_something_to_check(seeded_app):
    """Not vacuous: the council's plan is held, with actions, at one of the days, and some action then had a
    rating or reason it no longer has (so the live values would be caught)."""
    with seeded_app.app_context():
        changed = 0
        for day in DAYS:
            for fact in _as_at(day).actions:
                live = db.session.get(Action, fact.id)
                changed += (fact.rag, fact.rag_reason) != (live.rag, live.rag_reason)
        assert changed
        assert db.session.scalar(select(Inspection).join(Authority).where(Authority.name == COUNCIL))


def test_periods_mentioned_reads_months_and_financial_quarters():
    assert periods_mentioned("Q2 2026-27 timeliness fell; agreed in November 2026, and Q4 2024-25") == [
        date(2026, 11, 1),
        date(2026, 7, 1),
        date(2025, 1, 1),
    ]


def test_a_weakness_is_raised_again_only_by_inspections_held_at_the_papers_date(seeded_app):
    """Leicester's 2017 plan as at 2019: the 2023 focused visit that raised one of its points again had not happened."""
    from sqlalchemy import extract

    from tracker.models import Authority, DocumentKind, Inspection
    from tracker.reports import committee, data
    from tracker.reports.defaults import default_inputs

    def text(as_at):
        with seeded_app.app_context():
            authority = db.session.scalar(select(Authority).where(Authority.name == "Leicester City Council"))
            plan = db.session.scalar(
                select(Inspection).where(
                    Inspection.authority_id == authority.id,
                    Inspection.doc_type == DocumentKind.INSPECTION_REPORT,
                    extract("year", Inspection.published) == 2017,
                )
            )
            inputs = default_inputs(authority, "Scrutiny", date(2026, 12, 8), as_at)
            inputs.inspection_ids = [plan.id]
            report = committee.build(inputs, data.load(inputs))
            return " ".join(" ".join([p.text, *p.bullets]) for p in report.numbered())

    said = text(date(2019, 6, 1))
    assert "Weaknesses raised in more than one inspection" not in said and "2023" not in said
