"""The appendices the paper adds after its contacts: the completed actions, and the whole plan, as tables.

Tables, not narrative, and unnumbered: the body's paragraph numbers stop at the contacts, as in council
papers, and a plan of thousands of actions stays a list the reader can look things up in.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.reports.facts import AsAt
from tracker.reports.model import Paragraph, Section, Table
from tracker.reports.progress import has_a_plan

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
    return [Appendix(first, WHOLE_PLAN)]


def _short(day) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


def appendix_sections(as_at: AsAt, appendices: list[Appendix]) -> list[Section]:
    """The whole plan, every action a row: the completed (Blue) ones with the day a director signed them off.

    One table rather than a table of the completed actions and another of them all: a council's older plans are
    mostly complete, so two tables printed most actions twice (2,000 actions made 238 pages of appendix).
    """
    (whole,) = appendices
    plans = [p for p in as_at.plans if has_a_plan(p)]
    many = len(plans) > 1
    everything = Section(whole.heading, appendix=True)
    if not plans:
        everything.blocks = [Paragraph("No plan covered by this report had any actions at its date.")]
        return [everything]
    for plan in plans:
        title = plan.inspection.title
        if many:
            everything.blocks.append(Paragraph(title))
        everything.blocks.append(
            Table(
                caption=f"The whole plan: {title}",
                header=["Point", "Action", "Owner", "Rating", "Status", "Target date", "Signed off"],
                rows=[
                    [
                        point.label,
                        a.title,
                        a.owner,
                        a.rag.label,
                        a.status.label,
                        _short(a.target_date),
                        _short(a.signed_off_on) if a.complete else "",
                    ]
                    for point in plan.answered
                    for a in point.actions
                ],
                widths=[13, 33, 18, 8, 10, 9, 9],
                reference=True,
            )
        )
    return [everything]
