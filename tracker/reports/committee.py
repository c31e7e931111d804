"""The committee report's content, in the order and words of the council's own papers (see the
September 2024 Leicestershire report in seed/documents). Every section says something: one with
nothing to report says so in a sentence.

This module puts the paper together; its parts are written by intro.py (purpose to report headlines),
progress.py (the plans, exception-led), closing.py (recommendation to contacts) and appendices.py.
"""

from __future__ import annotations

from tracker.reports.appendices import appendix_sections, letters
from tracker.reports.background import background
from tracker.reports.changes_section import changes_sections
from tracker.reports.closing import _closing
from tracker.reports.data import ReportData
from tracker.reports.inputs import ReportInputs
from tracker.reports.intro import _findings, _headlines, _policy, _purpose, _the_inspection
from tracker.reports.model import Numberer, Report
from tracker.reports.progress import plan_sections, summary_sections
from tracker.timeutil import long_date


def build(inputs: ReportInputs, data: ReportData) -> Report:
    n = Numberer()
    place = data.authority
    main = data.inspections[0] if data.inspections else None
    sections = [
        _purpose(n, place, main, inputs),
        _policy(n, inputs, main),
        background(n, data, main),
    ]
    if main is not None:
        sections += [
            _the_inspection(n, place, main),
            _findings(n, place, main),
            *_headlines(n, place, main, data.as_at.plans[0]),
        ]
    sections += summary_sections(n, data.as_at)
    if data.changes is not None:
        sections += changes_sections(n, data.changes, inputs.previous_report, inputs.as_at)
    sections += plan_sections(n, data.as_at, inputs, data.recurrences)
    appendices = letters("B" if main else "A")  # Appendix A is Ofsted's own document, when there is one
    sections += _closing(n, data, inputs, main, [a.listed for a in appendices])
    sections += appendix_sections(data.as_at, appendices)
    heading = [
        f"{inputs.committee.upper()} - {long_date(inputs.meeting_date).upper()}",
        inputs.title.upper(),
        f"REPORT OF THE {inputs.report_of.upper()}",
    ]
    return Report(heading_lines=heading, title=inputs.title, sections=sections)
