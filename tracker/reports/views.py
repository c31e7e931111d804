"""Committee reports on the web: directors draft, preview and publish; committee members read."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from tracker.changes.last_paper import last_paper_as_at
from tracker.extensions import db
from tracker.models import CommitteeReport, Inspection, JobKind, JobState, ReportJob, Role
from tracker.reports import guards, render
from tracker.reports import jobs as report_jobs
from tracker.reports import operations as ops
from tracker.reports.appendices import appended_headings
from tracker.reports.defaults import default_inputs
from tracker.reports.forms import PublishForm, ReportForm
from tracker.reports.inputs import Officer, ReportInputs
from tracker.security import authority_scoped, requires_role
from tracker.text import attachment
from tracker.timeutil import today

bp = Blueprint("reports", __name__)

READERS = (Role.DIRECTOR, Role.COMMITTEE_MEMBER)
DEFAULT_COMMITTEE = "Children and Families Overview and Scrutiny Committee"
FILE_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _report(report_id: int) -> CommitteeReport:
    """A report of the user's authority; committee members see only published ones (404 for drafts)."""
    report = db.session.get(CommitteeReport, report_id)
    authority_scoped(report, report.authority_id if report else None, entity="committee_report", object_id=report_id)
    if current_user.role == Role.COMMITTEE_MEMBER and not report.is_published:
        abort(404)
    return report


@bp.route("/reports")
@requires_role(*READERS)
def index():
    query = select(CommitteeReport).where(CommitteeReport.authority_id == current_user.authority_id)
    if current_user.role == Role.COMMITTEE_MEMBER:
        query = query.where(CommitteeReport.published_at.is_not(None))
    reports = db.session.scalars(
        query.order_by(CommitteeReport.meeting_date.desc(), CommitteeReport.id.desc()).limit(200)
    ).all()
    return render_template("reports/index.html", title="Committee reports", reports=reports)


def _inspection_choices() -> list[tuple[int, str]]:
    inspections = db.session.scalars(
        select(Inspection)
        .where(Inspection.authority_id == current_user.authority_id)
        .order_by(Inspection.named_on.desc().nulls_last(), Inspection.id.desc())
    )
    return [(i.id, i.title) for i in inspections]


def _fill(form: ReportForm, inputs: ReportInputs) -> None:
    form.committee.data = inputs.committee
    form.meeting_date.data = inputs.meeting_date
    form.title.data = inputs.title
    form.report_of.data = inputs.report_of
    form.inspections.data = inputs.inspection_ids
    form.as_at.data = inputs.as_at
    form.previous_report.data = inputs.previous_report
    form.policy.data = "\n\n".join(inputs.policy_paragraphs)
    for n, officer in enumerate(inputs.officers[:2], start=1):
        for part in ("name", "job_title", "telephone", "email"):
            getattr(form, f"officer_{n}_{part}").data = getattr(officer, part)


def _inputs(form: ReportForm) -> ReportInputs:
    officers = []
    for n in (1, 2):
        parts = {
            p: (getattr(form, f"officer_{n}_{p}").data or "").strip()
            for p in ("name", "job_title", "telephone", "email")
        }
        if any(parts.values()):
            officers.append(Officer(**parts))
    paragraphs = [p.strip() for p in (form.policy.data or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
    return ReportInputs(
        authority_id=current_user.authority_id,
        committee=form.committee.data.strip(),
        meeting_date=form.meeting_date.data,
        title=form.title.data.strip(),
        report_of=form.report_of.data.strip(),
        inspection_ids=list(form.inspections.data),
        as_at=form.as_at.data,
        previous_report=form.previous_report.data,
        officers=officers,
        policy_paragraphs=paragraphs,
    )


def _edit(report: CommitteeReport | None):
    form = ReportForm()
    form.inspections.choices = _inspection_choices()
    if request.method == "GET":
        if report is None:
            inputs = default_inputs(current_user.authority, DEFAULT_COMMITTEE, None, today())
            last = db.session.scalar(
                select(CommitteeReport)
                .where(
                    CommitteeReport.authority_id == current_user.authority_id, CommitteeReport.published_at.is_not(None)
                )
                .order_by(CommitteeReport.meeting_date.desc())
            )
            if last is not None:  # the previous report and its committee, as a director would start from
                # "Since the last report" means since the figures it gave: its own "as at" date.
                inputs.previous_report, inputs.committee = last_paper_as_at(last.authority_id), last.committee
        else:
            inputs = ops.inputs_from_json(report.inputs)
        _fill(form, inputs)
    elif _valid(form):
        try:
            report = ops.save_draft(report, _inputs(form), current_user)
            db.session.commit()
            return redirect(url_for("reports.show", report_id=report.id))
        except ops.ReportRuleError as refused:
            db.session.rollback()
            flash(str(refused))
            return redirect(url_for("reports.show", report_id=report.id))
    title = "New committee report" if report is None else "Change the report"
    return render_template("reports/form.html", title=title, form=form, report=report, **_odd_dates(form))


def _odd_dates(form: ReportForm) -> dict:
    """What the form's dates mean when they are odd, and the value a tick confirming them carries."""
    meeting_date, as_at = form.meeting_date.data, form.as_at.data
    if meeting_date is None or as_at is None:
        return {"odd_dates": [], "dates_confirmation": None}
    return {
        "odd_dates": guards.odd_dates(meeting_date, as_at, today()),
        "dates_confirmation": guards.confirmation(meeting_date, as_at),
    }


def _valid(form: ReportForm) -> bool:
    """The form's own checks, then the dates' confirmation (after them: validating clears the tick's errors)."""
    valid = form.validate_on_submit()
    return _dates_confirmed(form) and valid  # both always run, so every problem is shown at once


def _dates_confirmed(form: ReportForm) -> bool:
    """False, with the message on the tick, when odd dates are posted without the tick confirming them."""
    odd = _odd_dates(form)
    if odd["odd_dates"] and form.confirm_dates.data != odd["dates_confirmation"]:
        form.confirm_dates.errors = [guards.refusal(odd["odd_dates"])]
        return False
    return True


@bp.route("/reports/new", methods=["GET", "POST"])
@requires_role(Role.DIRECTOR)
def new():
    return _edit(None)


@bp.route("/reports/<int:report_id>/edit", methods=["GET", "POST"])
@requires_role(Role.DIRECTOR)
def edit(report_id: int):
    report = _report(report_id)
    if report.is_published:
        flash("A published report cannot be changed.")
        return redirect(url_for("reports.show", report_id=report.id))
    return _edit(report)


@bp.route("/reports/<int:report_id>")
@requires_role(*READERS)
def show(report_id: int):
    report = _report(report_id)
    # A draft's HTML preview stays in the request: it takes a fraction of a second (docs/decisions.md);
    # its Word and PDF files are made by the job worker.
    if report.is_published:
        body, appended = report.html, appended_headings(report.structure)
    else:
        built = ops.build(report)
        body, appended = render.to_html(built), appended_headings(built)
    files = {}
    publishing = None
    if not report.is_published:
        report_jobs.fail_abandoned(report)  # the record catching up with a worker that was killed
        db.session.commit()
        files = {kind: report_jobs.latest(report, kind) for kind in (JobKind.DOCX, JobKind.PDF)}
        publishing = report_jobs.latest(report, JobKind.PUBLISH)
    return render_template(
        "reports/show.html",
        title=report.title,
        report=report,
        files=files,
        publishing=publishing,
        appended=appended,
        body=Markup(body),  # rendered by our own template, with autoescaping, when it was built
    )


@bp.route("/reports/<int:report_id>/publish", methods=["GET", "POST"])
@requires_role(Role.DIRECTOR)
def publish(report_id: int):
    """Publishing cannot be undone, so it takes a confirmation page; only that page's form publishes.

    The worker publishes (rendering a large plan's paper takes longer than a request may); the request
    queues the job, or finds the one already queued, and sends the director to its progress page."""
    report = _report(report_id)
    if report.is_published:
        flash("This report has already been published")
        return redirect(url_for("reports.show", report_id=report.id))
    form = PublishForm()
    if request.method == "GET" or not form.validate_on_submit():
        # A post from anywhere but the confirmation page (an old page's button) is shown the page, not obeyed.
        return render_template("reports/publish.html", title="Publish this report?", report=report, form=None)
    job = report_jobs.start(report, JobKind.PUBLISH, current_user)
    return redirect(url_for("reports.job", report_id=report.id, job_id=job.id))


@bp.route("/reports/<int:report_id>/files/<any(docx, pdf):fmt>", methods=["POST"])
@requires_role(Role.DIRECTOR)
def make_file(report_id: int, fmt: str):
    """Ask the worker for a draft's Word or PDF file, made from the data as it is now."""
    report = _report(report_id)
    if report.is_published:  # its files were frozen when it was published
        return redirect(url_for("reports.download", report_id=report.id, fmt=fmt))
    job = report_jobs.start(report, JobKind(fmt), current_user)
    return redirect(url_for("reports.job", report_id=report.id, job_id=job.id))


def _job(report: CommitteeReport, job_id: int) -> ReportJob:
    job = db.session.get(ReportJob, job_id)
    if job is None or job.report_id != report.id:
        abort(404)
    return job


@bp.route("/reports/<int:report_id>/jobs/<int:job_id>")
@requires_role(Role.DIRECTOR)
def job(report_id: int, job_id: int):
    """A job's progress, and its outcome once finished. The page's script asks job_status until then; without
    script its "Check again" link does (an automatic refresh is a barrier to some readers: WCAG 2.2.1)."""
    report = _report(report_id)
    report_jobs.fail_abandoned(report)
    db.session.commit()
    job = _job(report, job_id)
    if job.kind == JobKind.PUBLISH and job.state == JobState.DONE:
        flash("Published. Committee members can now read and download it.", "success")
        return redirect(url_for("reports.show", report_id=report.id))
    return render_template("reports/job.html", title=_JOB_TITLES[job.kind][job.state], report=report, job=job)


@bp.route("/reports/<int:report_id>/jobs/<int:job_id>/status")
@requires_role(Role.DIRECTOR)
def job_status(report_id: int, job_id: int):
    job = _job(_report(report_id), job_id)
    return {"state": job.state.value, "finished": job.finished}


_JOB_TITLES = {
    JobKind.PUBLISH: {
        JobState.QUEUED: "Publishing the report",
        JobState.RUNNING: "Publishing the report",
        JobState.FAILED: "The report was not published",
    },
    **{
        kind: {
            JobState.QUEUED: f"Making the {kind.label}",
            JobState.RUNNING: f"Making the {kind.label}",
            JobState.DONE: f"The {kind.label} is ready",
            JobState.FAILED: f"The {kind.label} could not be made",
        }
        for kind in (JobKind.DOCX, JobKind.PDF)
    },
}


@bp.route("/reports/<int:report_id>/jobs/<int:job_id>/file")
@requires_role(Role.DIRECTOR)
def job_file(report_id: int, job_id: int):
    """A draft's file the worker made (only the newest of each kind is kept)."""
    report = _report(report_id)
    job = _job(report, job_id)
    # A published report's files are its frozen ones: a draft's older file would differ from them.
    if report.is_published or job.kind == JobKind.PUBLISH or job.state != JobState.DONE or job.file is None:
        abort(404)
    return _file(report, job.kind.value, job.file)


@bp.route("/reports/<int:report_id>/jobs/<int:job_id>/appendix")
@requires_role(Role.DIRECTOR)
def job_appendix_file(report_id: int, job_id: int):
    """The appendices' own file, made by the same job as the draft's paper file."""
    report = _report(report_id)
    job = _job(report, job_id)
    # A published report's files are its frozen ones: a draft's older file would differ from them.
    if report.is_published or job.kind == JobKind.PUBLISH or job.state != JobState.DONE or job.appendix_file is None:
        abort(404)
    return _file(report, job.kind.value, job.appendix_file, appendix=True)


@bp.route("/reports/<int:report_id>/download.<any(docx, pdf):fmt>")
@requires_role(*READERS)
def download(report_id: int, fmt: str):
    """A published report's frozen file. A draft's files are made by the worker, from its page."""
    report = _report(report_id)
    if not report.is_published:
        flash("A draft's Word and PDF files are made from today's data: make one below.")
        return redirect(url_for("reports.show", report_id=report.id))
    return _file(report, fmt, report.docx if fmt == "docx" else report.pdf)


@bp.route("/reports/<int:report_id>/appendix.<any(docx, pdf):fmt>")
@requires_role(*READERS)
def download_appendix(report_id: int, fmt: str):
    """A published report's appendices, frozen as their own file when it was published (reports published before
    they had one have none: 404)."""
    report = _report(report_id)
    if not report.is_published:
        flash("A draft's Word and PDF files are made from today's data: make one below.")
        return redirect(url_for("reports.show", report_id=report.id))
    content = report.appendix_docx if fmt == "docx" else report.appendix_pdf
    if content is None:
        abort(404)
    return _file(report, fmt, content, appendix=True)


def _file(report: CommitteeReport, fmt: str, content: bytes, appendix: bool = False) -> Response:
    name = report.file_name(fmt, appendix=appendix)
    return Response(
        content,
        mimetype=FILE_TYPES[fmt],
        headers={"Content-Disposition": attachment(name), "X-Content-Type-Options": "nosniff"},
    )


# The council's Word template pages are routes of this blueprint, kept in a module of their own.
from tracker.reports import template_views  # noqa: E402, F401
