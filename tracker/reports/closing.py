"""The paper's closing sections: the recommendation, background papers, the appendices listed and the
officers to contact."""

from __future__ import annotations

from tracker.models import Inspection
from tracker.reports.background import appendix as appendix_section
from tracker.reports.background import background_papers
from tracker.reports.data import ReportData
from tracker.reports.inputs import ReportInputs
from tracker.reports.model import Numberer, Paragraph, Section
from tracker.reports.words import _WORDS


def _closing(
    n: Numberer, data: ReportData, inputs: ReportInputs, main: Inspection | None, appended: list[str]
) -> list[Section]:
    """`appended`: the headings of the paper's own appendices (appendices.py), listed after Ofsted's document."""
    recommendation = Section(
        "Recommendation",
        blocks=[
            n.paragraph(
                f"The Committee is asked to note the outcome of the {_WORDS[main.doc_type].event} and the progress "
                "made against the improvement plan."
                if main
                else "The Committee is asked to note the progress made against the improvement plans."
            )
        ],
    )
    papers = background_papers(data, inputs)
    appendix = appendix_section(data, main, appended)
    officers = Section("Officers to Contact")
    officers.blocks = [
        Paragraph("\n".join(line for line in (o.name, o.job_title, o.telephone, o.email) if line))
        for o in inputs.officers
    ] or [Paragraph("No officers have been named for this report.")]
    return [recommendation, papers, appendix, officers]
