"""Publishing a generated council's whole plan under gunicorn: the request queues the job and returns; a
real `jobs worker` process publishes it (issue 18: it used to die at gunicorn's timeout)."""

from __future__ import annotations

import os
from datetime import date

from sqlalchemy import select

from tests.helpers.browser import Browser, hidden_fields
from tests.helpers.data import committed
from tests.helpers.factories import make_user
from tests.helpers.jobs import wait_for_jobs, worker_process
from tracker.demo.generate import generate
from tracker.extensions import db
from tracker.models import Authority, CommitteeReport, Inspection, JobState, Role
from tracker.reports import operations as reports
from tracker.reports.defaults import default_inputs
from tracker.reports.operations import checksum_matches

# 300 keeps the suite quick; `make bench` runs this test with the 2,000 (PUBLISH_ACTIONS=2000).
ACTIONS = int(os.environ.get("PUBLISH_ACTIONS", "300"))


def _draft_over_every_plan(app) -> tuple[int, str]:
    """A council of ACTIONS generated actions and a draft over all its documents; the draft's id and its
    director's email."""
    generate(1, ACTIONS)
    with committed(app):
        authority = db.session.scalar(select(Authority))
        director = make_user(authority, Role.DIRECTOR)
        inputs = default_inputs(authority, "Scrutiny", date(2026, 12, 1), date(2026, 11, 22))
        inputs.inspection_ids = list(
            db.session.scalars(select(Inspection.id).where(Inspection.authority_id == authority.id))
        )
        report = reports.save_draft(None, inputs, director)
        db.session.flush()
        return report.id, director.email


def test_a_whole_plan_is_published_under_gunicorn_through_the_job_queue(shared_app, start_servers, tmp_path):
    with shared_app.app_context():
        report_id, email = _draft_over_every_plan(shared_app)
    [server] = start_servers(1, workers=2, threads=4, settings={"JOB_QUEUE_URL": shared_app.config["JOB_QUEUE_URL"]})
    browser = Browser(server.url)
    browser.sign_in(email)
    confirm = browser.request(f"/reports/{report_id}/publish")
    assert confirm.status == 200, confirm.text[:300]
    queued = browser.request(f"/reports/{report_id}/publish", hidden_fields(confirm.page))
    assert queued.status == 302 and f"/reports/{report_id}/jobs/" in queued.headers["Location"]
    with committed(shared_app):  # the request returned without publishing: the worker has not yet started
        assert not db.session.get(CommitteeReport, report_id).is_published

    log = tmp_path / "worker.log"
    with worker_process(shared_app, log) as worker:
        [job] = wait_for_jobs(shared_app, worker, log)
    assert job.state == JobState.DONE, job.message
    progress = browser.request(queued.headers["Location"])
    assert progress.status == 302 and progress.headers["Location"] == f"/reports/{report_id}"
    assert "Published by" in browser.request(f"/reports/{report_id}").text
    with committed(shared_app):
        report = db.session.get(CommitteeReport, report_id)
        assert report.is_published and report.pdf.startswith(b"%PDF") and checksum_matches(report)
