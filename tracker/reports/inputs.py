"""What a director chooses for a committee report (the form and the command both fill this in)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Officer:
    name: str
    job_title: str
    telephone: str = ""
    email: str = ""


@dataclass
class ReportInputs:
    authority_id: int
    committee: str
    meeting_date: date
    title: str
    report_of: str  # the director's job title: "Director of Children and Family Services"
    inspection_ids: list[int]  # the inspections covered; the newest is "the inspection" of the report
    as_at: date  # the date the figures are taken at
    previous_report: date | None = None  # for "since the last report"
    officers: list[Officer] = field(default_factory=list)
    policy_paragraphs: list[str] = field(default_factory=list)  # written by hand, e.g. previous decisions
