"""The appendices the paper adds after its contacts: the whole plan, as a table.

Tables, not narrative, and unnumbered: the body's paragraph numbers stop at the contacts, as in council
papers, and a plan of thousands of actions stays a list the reader can look things up in.

The Word and PDF files carry the appendices as a document of their own (`split`), as councils publish an
"Appendix B – Improvement plan" next to the covering report: a 2,000-action plan is some ninety pages of
table, which took nine tenths of the PDF's time. The web page keeps them inline (HTML is quick to make).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tracker.reports.facts import AsAt
from tracker.reports.model import Paragraph, Report, Section, Table
from tracker.reports.progress import has_a_plan

WHOLE_PLAN = "The Whole Plan"
SEPARATE = "a separate document"


@dataclass(frozen=True)
class Appendix:
    letter: str
    title: str

    @property
    def heading(self) -> str:
        return f"Appendix {self.letter} – {self.title}"

    @property
    def listed(self) -> str:
        """How the paper's Appendix section lists it: its Word and PDF files do not contain it."""
        return f"{self.heading} ({SEPARATE})"


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


def split(report: Report) -> tuple[Report, Report | None]:
    """The paper without its appendices, and its appendices as a document of their own (None: it has none).

    The appendices' document is titled by them and the paper ("Appendix B – The Whole Plan: <title>") under the
    paper's committee line; its first appendix does not start a new page, as it would after the paper's body.
    """
    body = [s for s in report.sections if not s.appendix]
    appended = [s for s in report.sections if s.appendix]
    paper = Report(report.heading_lines, report.title, body)
    if not appended:
        return paper, None
    title = f"{appended_headings(report)}: {report.title}"
    first, *rest = appended
    document = Report(
        heading_lines=[*report.heading_lines[:1], title.upper()],
        title=title,
        sections=[replace(first, appendix=False), *rest],
    )
    return paper, document


def appended_headings(report: Report | dict) -> str:
    """The appendices' headings, as their own document's title and links name it ("Appendix B – The Whole Plan"),
    from a report or a published one's stored structure (`Report.to_dict`)."""
    if isinstance(report, Report):
        return "; ".join(s.heading for s in report.sections if s.appendix)
    return "; ".join(s["heading"] for s in report["sections"] if s.get("appendix"))
