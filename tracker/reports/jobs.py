"""A committee report's long work as jobs: a draft's Word or PDF file (with its appendices' own), and publishing.

A request only records the job and puts its id on the queue (tracker/jobs/); the worker runs it here and
writes how it went on the job's row, which is what the progress page reads.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from tracker.extensions import db
from tracker.faults import logged_with_reference
from tracker.jobs.queue import enqueue
from tracker.models import CommitteeReport, JobKind, JobState, ReportJob, User
from tracker.models.report_job import UNFINISHED
from tracker.reports import operations as ops
from tracker.timeutil import utcnow

QUEUE_UNREACHABLE = "The job could not be started: the job queue did not answer. Try again in a few minutes."
ABANDONED = "The job worker stopped before finishing this job. Nothing was kept from it: try again."


def unfinished(report: CommitteeReport, kind: JobKind) -> ReportJob | None:
    fail_abandoned(report)
    return db.session.scalar(
        select(ReportJob).where(
            ReportJob.report_id == report.id, ReportJob.kind == kind, ReportJob.state.in_(UNFINISHED)
        )
    )


def start(report: CommitteeReport, kind: JobKind, actor: User) -> ReportJob:
    """Queue a job of this kind for the report and commit, or return the one already queued or running:
    a second click, or two at once, never queues a second publish or render."""
    existing = unfinished(report, kind)
    if existing is not None:
        if existing.state == JobState.QUEUED:
            # Its message may have been lost (a queue restarted without its data, a process killed between the
            # commit and the enqueue): send it again. A job is claimed only while queued, so it still runs once.
            _enqueue(existing)
        return existing
    job = ReportJob(report_id=report.id, kind=kind, requested_by_id=actor.id)
    db.session.add(job)
    try:
        db.session.commit()  # before it is queued: the worker must find the row
    except IntegrityError:  # another request queued one a moment ago (the unique index on unfinished jobs)
        db.session.rollback()
        existing = unfinished(report, kind)
        if existing is None:  # and it has finished since: ask again
            return start(report, kind, actor)
        return existing
    _enqueue(job)
    return job


def _enqueue(job: ReportJob) -> None:
    try:
        enqueue(current_app, job.id)
    except Exception as error:  # noqa: BLE001 - any store's failure to answer, shown to the director
        logged_with_reference("The job queue did not answer", error)
        _finish(job.id, JobState.FAILED, QUEUE_UNREACHABLE)
        db.session.refresh(job)


def fail_abandoned(report: CommitteeReport) -> None:
    """A job running far longer than any should had its worker killed under it (a graceful stop lets jobs
    finish): mark it failed, so that it no longer stands in the way of another. Should its worker be alive
    after all, its publish still cannot be repeated: the second finds the report published and fails."""
    limit = utcnow() - timedelta(minutes=current_app.config["JOB_ABANDONED_MINUTES"])
    db.session.execute(
        update(ReportJob)
        .where(
            ReportJob.report_id == report.id,
            ReportJob.state == JobState.RUNNING,
            ReportJob.started_at < limit,
        )
        .values(state=JobState.FAILED, message=ABANDONED, finished_at=utcnow())
    )


def latest(report: CommitteeReport, kind: JobKind) -> ReportJob | None:
    return db.session.scalar(
        select(ReportJob)
        .where(ReportJob.report_id == report.id, ReportJob.kind == kind)
        .order_by(ReportJob.id.desc())
        .limit(1)
    )


def run(job_id: int) -> None:
    """Run one job in the worker. A job is claimed before it runs, so one delivered twice runs once."""
    claimed = db.session.execute(
        update(ReportJob)
        .where(ReportJob.id == job_id, ReportJob.state == JobState.QUEUED)
        .values(state=JobState.RUNNING, started_at=utcnow())
    )
    db.session.commit()
    if claimed.rowcount != 1:
        return
    job = db.session.get(ReportJob, job_id)
    try:
        if job.kind == JobKind.PUBLISH:
            ops.publish(job.report, job.requested_by)
        else:
            job.file, job.appendix_file = ops.render_draft(job.report, job.kind.value)
            _forget_older_files(job)
        # Finished in the publish's own transaction: the job says done exactly when the report is published,
        # and only if it is still running: one marked abandoned meanwhile (its page told the director nothing
        # was published) must not publish after all.
        finished = db.session.execute(
            update(ReportJob)
            .where(ReportJob.id == job_id, ReportJob.state == JobState.RUNNING)
            .values(state=JobState.DONE, finished_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if finished.rowcount != 1:
            db.session.rollback()
            return
        db.session.commit()
    except ops.ReportRuleError as refused:
        db.session.rollback()
        _finish(job_id, JobState.FAILED, str(refused))
    except Exception as error:  # noqa: BLE001 - any fault ends the job as failed, with a reference to quote
        db.session.rollback()  # nothing of a publish that failed half-way is kept: the draft stays a draft
        reference = logged_with_reference(f"Report job {job_id} failed", error)
        what = "published" if job.kind == JobKind.PUBLISH else "made"
        _finish(job_id, JobState.FAILED, f"The report could not be {what} because of a fault (reference {reference}).")
    finally:
        db.session.remove()


def _forget_older_files(job: ReportJob) -> None:
    """Only the newest file of each kind is kept for a draft: older ones are out of date."""
    db.session.execute(
        update(ReportJob)
        .where(
            ReportJob.report_id == job.report_id,
            ReportJob.kind == job.kind,
            ReportJob.id < job.id,
            ReportJob.file.is_not(None),
        )
        .values(file=None, appendix_file=None)
    )


def _finish(job_id: int, state: JobState, message: str | None) -> None:
    db.session.execute(
        update(ReportJob).where(ReportJob.id == job_id).values(state=state, message=message, finished_at=utcnow())
    )
    db.session.commit()
