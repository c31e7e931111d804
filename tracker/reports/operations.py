"""Saving drafts and publishing: publishing freezes the report as it stands."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date

from sqlalchemy import update

from tracker.audit import change_fields, record_creation
from tracker.extensions import db
from tracker.models import CommitteeReport, User
from tracker.reports import committee, council_template, data, render
from tracker.reports.inputs import Officer, ReportInputs
from tracker.reports.model import Report
from tracker.timeutil import utcnow

DATE_FIELDS = ("meeting_date", "as_at", "previous_report")


class ReportRuleError(ValueError):
    """The message is for the user."""


def inputs_to_json(inputs: ReportInputs) -> dict:
    values = asdict(inputs)
    for name in DATE_FIELDS:
        values[name] = values[name].isoformat() if values[name] else None
    return values


def inputs_from_json(values: dict) -> ReportInputs:
    values = dict(values)
    for name in DATE_FIELDS:
        values[name] = date.fromisoformat(values[name]) if values.get(name) else None
    values["officers"] = [Officer(**officer) for officer in values.get("officers", [])]
    return ReportInputs(**values)


def build(report: CommitteeReport) -> Report:
    """The report from the current data (a draft's preview)."""
    inputs = inputs_from_json(report.inputs)
    return committee.build(inputs, data.load(inputs))


def render_draft(report: CommitteeReport, fmt: str) -> bytes:
    """A draft's Word or PDF file from the current data (the job worker makes these, never a request)."""
    built = build(report)
    if fmt == "docx":
        return render.to_docx(built, **council_template.word_options(report.authority))
    return render.to_pdf(built)


def save_draft(report: CommitteeReport | None, inputs: ReportInputs, actor: User) -> CommitteeReport:
    fields = {
        "committee": inputs.committee,
        "meeting_date": inputs.meeting_date,
        "title": inputs.title,
        "inputs": inputs_to_json(inputs),
    }
    if report is None:
        report = CommitteeReport(authority_id=inputs.authority_id, created_by=actor, **fields)
        db.session.add(report)
        record_creation(report, actor, {k: v for k, v in fields.items() if k != "inputs"})
        return report
    if report.is_published or not _still_draft(report):
        raise ReportRuleError("A published report cannot be changed")
    change_fields(report, actor, **fields)
    return report


def _still_draft(report: CommitteeReport) -> bool:
    """Lock the row as a draft for this transaction (another request may have published it meanwhile)."""
    claimed = db.session.execute(
        update(CommitteeReport)
        .where(CommitteeReport.id == report.id, CommitteeReport.published_at.is_(None))
        .values(id=CommitteeReport.id)
    )
    return claimed.rowcount == 1


def publish(report: CommitteeReport, actor: User) -> None:
    """Freeze the report: its structure and three renderings, with a checksum over them all."""
    if report.is_published or not _still_draft(report):
        raise ReportRuleError("This report has already been published")
    built = build(report)
    structure = built.to_dict()
    html, docx, pdf = (
        render.to_html(built),
        render.to_docx(built, **council_template.word_options(report.authority)),
        render.to_pdf(built),
    )
    digest = hashlib.sha256()
    digest.update(json.dumps(structure, sort_keys=True).encode())
    for part in (html.encode(), docx, pdf):
        digest.update(part)
    report.structure, report.html, report.docx, report.pdf = structure, html, docx, pdf
    change_fields(report, actor, checksum=digest.hexdigest(), published_by=actor, published_at=utcnow())


def checksum_matches(report: CommitteeReport) -> bool:
    digest = hashlib.sha256()
    digest.update(json.dumps(report.structure, sort_keys=True).encode())
    for part in (report.html.encode(), report.docx, report.pdf):
        digest.update(part)
    return digest.hexdigest() == report.checksum
