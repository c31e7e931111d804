"""Saving drafts and publishing: publishing freezes the report as it stands."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date

from sqlalchemy import update

from tracker.audit import change_fields, record_creation
from tracker.extensions import db
from tracker.models import CommitteeReport, ReportJob, User
from tracker.reports import committee, council_template, data, render
from tracker.reports.appendices import split
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


def files(report: CommitteeReport, built: Report, fmt: str) -> tuple[bytes, bytes | None]:
    """The paper's Word or PDF file and its appendices' own file (None: it has no appendices)."""
    options = council_template.word_options(report.authority) if fmt == "docx" else {}

    def rendered(document: Report) -> bytes:
        return render.to_docx(document, **options) if fmt == "docx" else render.to_pdf(document)

    paper, appended = split(built)
    return rendered(paper), rendered(appended) if appended is not None else None


def render_draft(report: CommitteeReport, fmt: str) -> tuple[bytes, bytes | None]:
    """A draft's Word or PDF file and its appendices' file, from the current data (the job worker makes these,
    never a request)."""
    return files(report, build(report), fmt)


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
    if change_fields(report, actor, **fields):
        forget_draft_files(report.id)
    return report


def forget_draft_files(report_id: int) -> None:
    """A draft changed or published: the files made from it are out of date, and are no longer kept."""
    db.session.execute(
        update(ReportJob)
        .where(ReportJob.report_id == report_id, ReportJob.file.is_not(None))
        .values(file=None, appendix_file=None)
    )


def _still_draft(report: CommitteeReport) -> bool:
    """Lock the row as a draft for this transaction (another request may have published it meanwhile)."""
    claimed = db.session.execute(
        update(CommitteeReport)
        .where(CommitteeReport.id == report.id, CommitteeReport.published_at.is_(None))
        .values(id=CommitteeReport.id)
    )
    return claimed.rowcount == 1


def publish(report: CommitteeReport, actor: User) -> None:
    """Freeze the report: its structure and renderings (the web page with its appendices inline; the paper's Word
    and PDF files and its appendices' own), with a checksum over them all."""
    if report.is_published or not _still_draft(report):
        raise ReportRuleError("This report has already been published")
    built = build(report)
    report.structure, report.html = built.to_dict(), render.to_html(built)
    report.docx, report.appendix_docx = files(report, built, "docx")
    report.pdf, report.appendix_pdf = files(report, built, "pdf")
    change_fields(report, actor, checksum=_checksum(report), published_by=actor, published_at=utcnow())
    forget_draft_files(report.id)


def _checksum(report: CommitteeReport) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps(report.structure, sort_keys=True).encode())
    for part in (report.html.encode(), report.docx, report.pdf):
        digest.update(part)
    # Reports published before the appendices had files of their own have none, and a checksum without them.
    for part in (report.appendix_docx, report.appendix_pdf):
        if part is not None:
            digest.update(part)
    return digest.hexdigest()


def checksum_matches(report: CommitteeReport) -> bool:
    return _checksum(report) == report.checksum
