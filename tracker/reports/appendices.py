"""The appendices the paper adds after its contacts: the completed actions, and the whole plan, as tables.

Tables, not narrative, and unnumbered: the body's paragraph numbers stop at the contacts, as in council
papers, and a plan of thousands of actions stays a list the reader can look things up in.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.reports.facts import AsAt
from tracker.reports.model import Paragraph, Section, Table
from tracker.reports.progress import has_a_plan
from tracker.timeutil import long_date

COMPLETED = "Completed Actions"
WHOLE_PLAN = "The Whole Plan"


@dataclass(frozen=True)
class Appendix:
    letter: str
    title: str

    @property
    def heading(self) -> str:
        return f"Appendix {self.letter} – {self.title}"


def letters(first: str) -> list[Appendix]:
    """The paper's own appendices, lettered after any that come before them (the Ofsted document)."""
    start = ord(first)
    return [Appendix(chr(start), COMPLETED), Appendix(chr(start + 1), WHOLE_PLAN)]


def appendix_sections(as_at: AsAt, appendices: list[Appendix]) -> list[Section]:
    completed, whole = appendices
    plans = [p for p in as_at.plans if has_a_plan(p)]
    many = len(plans) > 1
    done = Section(completed.heading, appendix=True)
    everything = Section(whole.heading, appendix=True)
    if not plans:
        done.blocks = [Paragraph("No plan covered by this report had any actions at its date.")]
        everything.blocks = [Paragraph("No plan covered by this report had any actions at its date.")]
        return [done, everything]
    for plan in plans:
        title = plan.inspection.title
        rows = [
            [point.label, a.title, long_date(a.signed_off_on) if a.signed_off_on else "Not recorded"]
            for point in plan.answered
            for a in point.actions
            if a.complete
        ]
        if many:
            done.blocks.append(Paragraph(title))
        done.blocks.append(
            Table(
                caption=f"Completed actions: {title}",
                header=["Point", "Action", "Signed off on"],
                rows=rows,
                widths=[20, 60, 20],
            )
            if rows
            else Paragraph("No action in this plan was complete.")
        )
        if many:
            everything.blocks.append(Paragraph(title))
        everything.blocks.append(
            Table(
                caption=f"The whole plan: {title}",
                header=["Point", "Action", "Owner", "Rating", "Status", "Target date"],
                rows=[
                    [point.label, a.title, a.owner, a.rag.label, a.status.label, long_date(a.target_date)]
                    for point in plan.answered
                    for a in point.actions
                ],
                widths=[13, 35, 18, 9, 11, 14],
            )
        )
    return [done, everything]
