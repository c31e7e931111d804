"""The changes as one list of rows, each saying what kind of change it is: the CSV download, in the page's order.

The kinds' names are written here once; the page's headings and the paper's use them too.
"""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, dataclass
from datetime import date

from tracker.changes.model import Changes, Subject
from tracker.changes.period import uk_date
from tracker.oversight.exports import safe_cell

RATING_MOVED = "Rating moved"
NEWLY_OVERDUE = "Newly overdue"
MILESTONE_MOVED = "Milestone moved"
PROPOSED = "Proposed as complete"
RETURNED = "Returned to owner"
SIGNED_OFF = "Signed off"
CHALLENGE_RAISED = "Challenge raised"
CHALLENGE_ANSWERED = "Challenge answered"

COLUMNS = [
    "Change",
    "Date",
    "Plan",
    "Theme",
    "Action",
    "Milestone",
    "From",
    "To",
    "Who",
    "Reason",
    "Recovery",
    "Question",
    "Answer",
]


@dataclass(frozen=True)
class ChangeRow:
    change: str
    on: date  # the UK date of the change; for an item newly overdue, the date it was due
    plan: str
    theme: str
    action: str
    milestone: str = ""
    from_: str = ""
    to: str = ""
    who: str = ""
    reason: str = ""
    recovery: str = ""
    question: str = ""
    answer: str = ""


def _about(subject: Subject) -> dict:
    return {"plan": subject.plan, "theme": subject.theme, "action": subject.action}


def change_rows(changes: Changes) -> list[ChangeRow]:
    """Every change, kind by kind in the page's order, each kind in time order."""
    rows = [
        ChangeRow(
            RATING_MOVED,
            uk_date(m.when),
            **_about(m.subject),
            from_=m.from_rag.label if m.from_rag else "",
            to=m.to_rag.label,
            who=m.who,
            reason=m.why,
            recovery=m.recovery or "",
        )
        for m in changes.rating_moves
    ]
    rows += [
        ChangeRow(NEWLY_OVERDUE, o.due, **_about(o.subject), milestone=o.milestone or "", who=o.owner)
        for o in changes.newly_overdue
    ]
    rows += [
        ChangeRow(
            MILESTONE_MOVED,
            uk_date(m.when),
            **_about(m.subject),
            milestone=m.milestone,
            from_=m.from_date.isoformat(),
            to=m.to_date.isoformat(),
            who=m.who,
            reason=m.reason,
        )
        for m in changes.milestones_moved
    ]
    decided = ((PROPOSED, changes.proposals), (RETURNED, changes.returns), (SIGNED_OFF, changes.sign_offs))
    for kind, decisions in decided:
        rows += [ChangeRow(kind, uk_date(d.when), **_about(d.subject), who=d.who, reason=d.reason) for d in decisions]
    rows += [
        ChangeRow(CHALLENGE_RAISED, uk_date(c.when), **_about(c.subject), who=c.who, question=c.question)
        for c in changes.challenges_raised
    ]
    rows += [
        ChangeRow(
            CHALLENGE_ANSWERED, uk_date(c.when), **_about(c.subject), who=c.who, question=c.question, answer=c.answer
        )
        for c in changes.challenges_answered
    ]
    return rows


def to_csv(rows: list[ChangeRow]) -> str:
    """One file, one row per change; text that a spreadsheet would run as a formula is made plain text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([v.isoformat() if isinstance(v, date) else safe_cell(v) for v in astuple(row)])
    return buffer.getvalue()
