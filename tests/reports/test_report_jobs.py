"""Publishing and a draft's files run as jobs: the request only queues them; a real worker runs them."""

from datetime import timedelta

from sqlalchemy import func, select

from tests.helpers.data import committed
from tests.helpers.jobs import run_queued_jobs, wait_for_jobs, worker_process
from tests.helpers.processes import free_port
from tests.helpers.seeded import seeded_user
from tests.reports.test_report_pages import LEICESTERSHIRE, _draft
from tracker.extensions import db
from tracker.jobs.queue import jobs
from tracker.models import AuditEvent, CommitteeReport, JobKind, JobState, ReportJob, Role
from tracker.reports.jobs import ABANDONED, QUEUE_UNREACHABLE
from tracker.reports.operations import checksum_matches


def _confirm(client, url: str):
    """Post the confirmation page's form, as the director's browser does; the response, not followed."""
    page = client.get_page(f"{url}/publish")
    fields = {i["name"]: i.get("value", "") for i in page.select("main form input[type=hidden]")}
    return client.post_form(f"{url}/publish", fields, status=302)


def _report(app) -> CommitteeReport:
    with committed(app):
        return db.session.scalar(select(CommitteeReport))


def _published_events(app) -> list[AuditEvent]:
    with committed(app):
        return db.session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "committee_report", AuditEvent.field == "published_at")
        ).all()


def _jobs(app) -> list[ReportJob]:
    with committed(app):
        return db.session.scalars(select(ReportJob).order_by(ReportJob.id)).all()


def _publish_with_a_worker(client, tmp_path, queue_url: str | None = None) -> str:
    """A draft published through the confirmation POST and a real `flask jobs worker`; the draft's URL."""
    app = client.app
    director = seeded_user(app, LEICESTERSHIRE)
    client.sign_in(director)
    url = _draft(client)
    progress = _confirm(client, url).location
    # The request queued the job and returned: nothing was rendered or published in it.
    assert not _report(app).is_published
    assert [(j.kind, j.state) for j in _jobs(app)] == [(JobKind.PUBLISH, JobState.QUEUED)]
    page = client.get_page(progress)
    assert page.h1.get_text(strip=True) == "Publishing the report"
    status = page.select_one("[data-job-status-url]")["data-job-status-url"]  # what the page's script asks
    assert client.get(status).json == {"state": "queued", "finished": False}

    log = tmp_path / "worker.log"
    with worker_process(app, log, queue_url) as worker:
        finished = wait_for_jobs(app, worker, log)
    assert [(j.kind, j.state, j.message) for j in finished] == [(JobKind.PUBLISH, JobState.DONE, None)]
    report = _report(app)
    assert report.is_published and report.published_by_id == director.id
    with committed(app):
        report = db.session.get(CommitteeReport, report.id)
        assert report.pdf.startswith(b"%PDF") and report.docx.startswith(b"PK") and checksum_matches(report)
    assert [(e.entity_id, e.actor_id) for e in _published_events(app)] == [(report.id, director.id)]
    assert client.get(status).json == {"state": "done", "finished": True}
    # The progress page, refreshed, shows the published paper
    shown = client.get(progress)
    assert shown.status_code == 302 and shown.location == url
    paper = client.get_page(url)
    assert "Published" in paper.select_one(".govuk-notification-banner").text
    assert "Published by" in paper.text
    return url


def test_a_worker_process_publishes_what_the_confirmation_page_queued(seeded_client, tmp_path):
    _publish_with_a_worker(seeded_client, tmp_path)


def test_a_worker_on_redis_publishes_what_the_web_queued_there(seeded_client, tmp_path, redis_url):
    seeded_client.app.config["JOB_QUEUE_URL"] = redis_url  # before the app first opens its queue
    _publish_with_a_worker(seeded_client, tmp_path, redis_url)


def test_a_second_confirmation_reuses_the_queued_publish(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    url = _draft(seeded_client)
    first = _confirm(seeded_client, url).location
    second = _confirm(seeded_client, url).location  # a double click, or the page submitted again
    assert first == second
    # One job; its message sent again (in case the first was lost), which the job's claim makes harmless.
    assert len(_jobs(app)) == 1 and jobs(app).huey.pending_count() == 2
    # While it is queued the draft offers no second publish
    draft = seeded_client.get_page(url)
    assert "Publish to the committee" not in draft.text and draft.select_one("#publishing a")["href"] == first
    assert run_queued_jobs(app) == 2
    assert _report(app).is_published and len(_published_events(app)) == 1


def test_a_queued_publish_whose_message_was_lost_is_sent_again(seeded_client):
    """A queue restarted without its data (or a process killed between saving the job and queueing it) loses
    the message: the job would wait for ever. Confirming again sends it again."""
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    url = _draft(seeded_client)
    _confirm(seeded_client, url)
    jobs(app).huey.flush()
    assert run_queued_jobs(app) == 0 and not _report(app).is_published
    _confirm(seeded_client, url)
    assert run_queued_jobs(app) == 1
    assert _report(app).is_published and len(_published_events(app)) == 1


def test_a_publish_that_fails_leaves_a_draft_and_says_why(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    url = _draft(seeded_client)
    with committed(app):  # a draft whose saved choices can no longer be read: building its paper raises
        report = db.session.scalar(select(CommitteeReport))
        report.inputs = {**report.inputs, "chosen_by_an_older_version": True}
    progress = _confirm(seeded_client, url).location
    assert run_queued_jobs(app) == 1

    [job] = _jobs(app)
    assert job.state == JobState.FAILED and job.message.startswith(
        "The report could not be published because of a fault"
    )
    assert not _report(app).is_published and _published_events(app) == []
    page = seeded_client.get_page(progress)
    assert page.h1.get_text(strip=True) == "The report was not published"
    assert page.select_one("#job-message").get_text(strip=True) == job.message
    assert "still a draft" in page.text and page.select_one("[data-job-status-url]") is None
    # Once the fault is mended, the draft says what happened and can be published again
    with committed(app):
        report = db.session.scalar(select(CommitteeReport))
        report.inputs = {k: v for k, v in report.inputs.items() if k != "chosen_by_an_older_version"}
    draft = seeded_client.get_page(url)
    assert "The last attempt to publish failed" in draft.select_one("#publishing").text
    assert "Publish to the committee" in draft.text


def test_a_queue_that_does_not_answer_fails_the_job_at_once(seeded_client):
    app = seeded_client.app
    app.config["JOB_QUEUE_URL"] = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    url = _draft(seeded_client)
    page = seeded_client.get_page(_confirm(seeded_client, url).location)
    assert page.select_one("#job-message").get_text(strip=True) == QUEUE_UNREACHABLE
    assert [j.state for j in _jobs(app)] == [JobState.FAILED]
    assert not _report(app).is_published


def test_a_drafts_pdf_and_word_files_are_made_by_the_worker(seeded_client):
    app = seeded_client.app
    director = seeded_user(app, LEICESTERSHIRE)
    seeded_client.sign_in(director)
    url = _draft(seeded_client)
    # The old download address of a draft makes nothing in the request: it points to the draft's page
    answer = seeded_client.get(f"{url}/download.pdf")
    assert answer.status_code == 302 and answer.location == url and _jobs(app) == []

    for fmt, title, magic in (("pdf", "PDF", b"%PDF"), ("docx", "Word file", b"PK")):
        progress = seeded_client.post_form(f"{url}/files/{fmt}", {}, status=302).location
        page = seeded_client.get_page(progress)
        assert page.h1.get_text(strip=True) == f"Making the {title}"
        assert page.select_one("[data-job-status-url]") is not None
        assert run_queued_jobs(app) == 1
        page = seeded_client.get_page(progress)
        assert page.h1.get_text(strip=True) == f"The {title} is ready"
        download = seeded_client.get(page.select_one("#job-file")["href"])
        assert download.status_code == 200 and download.data.startswith(magic)
        assert f"Ofsted inspection.{fmt}" in download.headers["Content-Disposition"]
        # The same job made the appendix's own file
        appendix = seeded_client.get(page.select_one("#job-appendix-file")["href"])
        assert appendix.status_code == 200 and appendix.data.startswith(magic)
        assert f"Ofsted inspection - The Whole Plan.{fmt}" in appendix.headers["Content-Disposition"]
    links = [a.get_text(" ", strip=True) for a in seeded_client.get_page(url).select("#draft-files a")]
    assert [link.split(" made at")[0] for link in links] == [
        "Download the Word file",
        "Download Appendix B – The Whole Plan (Word file), a separate document",
        "Download the PDF",
        "Download Appendix B – The Whole Plan (PDF), a separate document",
    ]

    # A newer file replaces the older one, which is no longer kept
    older = seeded_client.post_form(f"{url}/files/pdf", {}, status=302).location
    run_queued_jobs(app)
    assert seeded_client.get(f"{older}/file").status_code == 200
    seeded_client.post_form(f"{url}/files/pdf", {}, status=302)
    run_queued_jobs(app)
    assert seeded_client.get(f"{older}/file").status_code == 404
    with committed(app):
        kept = db.session.scalar(
            select(func.count())
            .select_from(ReportJob)
            .where(ReportJob.kind == JobKind.PDF, ReportJob.file.is_not(None))
        )
    assert kept == 1

    # Only the council's directors reach a job
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE, Role.COMMITTEE_MEMBER))
    assert seeded_client.get(older).status_code == 403
    seeded_client.sign_in(seeded_user(app, "Leeds City Council"))
    assert seeded_client.get(older).status_code == 404
    assert seeded_client.http.post(f"{url}/files/pdf").status_code == 404


def test_a_job_whose_worker_was_killed_stops_blocking_another(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    url = _draft(seeded_client)
    progress = _confirm(seeded_client, url).location
    minutes = app.config["JOB_ABANDONED_MINUTES"]
    with committed(app):  # taken by a worker that was then killed, longer ago than any job takes
        job = db.session.scalar(select(ReportJob))
        job.state, job.started_at = JobState.RUNNING, job.requested_at - timedelta(minutes=minutes + 1)
    jobs(app).huey.flush()  # and its message gone with the worker
    draft = seeded_client.get_page(url)
    assert "The last attempt to publish failed" in draft.select_one("#publishing").text
    assert seeded_client.get_page(progress).select_one("#job-message").get_text(strip=True) == ABANDONED
    again = _confirm(seeded_client, url).location
    assert again != progress and run_queued_jobs(app) == 1
    assert _report(app).is_published


def test_a_job_running_for_less_than_the_limit_is_left_running(seeded_client):
    app = seeded_client.app
    seeded_client.sign_in(seeded_user(app, LEICESTERSHIRE))
    url = _draft(seeded_client)
    progress = _confirm(seeded_client, url).location
    with committed(app):
        job = db.session.scalar(select(ReportJob))
        job.state, job.started_at = JobState.RUNNING, job.requested_at
    assert _confirm(seeded_client, url).location == progress
    assert [j.state for j in _jobs(app)] == [JobState.RUNNING]


def test_a_drafts_files_are_dropped_when_it_changes_and_not_served_once_published(seeded_client):
    from tracker.reports import operations as ops

    app = seeded_client.app
    director = seeded_user(app, LEICESTERSHIRE)
    seeded_client.sign_in(director)
    url = _draft(seeded_client)

    def made() -> str:
        progress = seeded_client.post_form(f"{url}/files/pdf", {}, status=302).location
        run_queued_jobs(app)
        return seeded_client.get_page(progress).select_one("#job-file")["href"]

    older = made()
    assert seeded_client.get(older).status_code == 200
    with committed(app):  # the draft changes: its file no longer says what the draft does
        report = db.session.scalar(select(CommitteeReport))
        inputs = ops.inputs_from_json(report.inputs)
        inputs.title = "Ofsted inspection: progress"
        ops.save_draft(report, inputs, db.session.merge(director))
    assert seeded_client.get(older).status_code == 404
    newer = made()
    assert seeded_client.get(newer).status_code == 200
    _confirm(seeded_client, url)
    run_queued_jobs(app)
    assert _report(app).is_published
    assert seeded_client.get(newer).status_code == 404  # the frozen files are the paper now
