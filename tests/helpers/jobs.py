"""Running the job queue in tests: a real worker process (`flask jobs worker`), or the queued jobs run here
through Huey's own execution for tests about something else that only need a job done."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from tests.helpers.processes import stop_process
from tests.helpers.servers import PROJECT_ROOT, server_environment
from tracker.extensions import db
from tracker.jobs.queue import jobs
from tracker.models import ReportJob

WAIT_SECONDS = 120  # a PDF of the seed plan takes seconds; generous for two busy cores
STOP_SECONDS = 15


def run_queued_jobs(app: Flask) -> int:
    """Run every job waiting on the app's queue, in this process, as the worker would; how many ran."""
    huey = jobs(app).huey
    ran = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    return ran


@contextmanager
def worker_process(app: Flask, log: Path, queue_url: str | None = None) -> Iterator[subprocess.Popen]:
    """`flask --app wsgi jobs worker` on the app's database and queue (or queue_url), stopped at the end."""
    environment = server_environment(app.config["SQLALCHEMY_DATABASE_URI"], log.parent)
    environment["JOB_QUEUE_URL"] = queue_url or app.config["JOB_QUEUE_URL"]
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker", "--workers", "1"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield process
    finally:
        stop_process(process, STOP_SECONDS)


def wait_for_jobs(app: Flask, worker: subprocess.Popen, log: Path) -> list[ReportJob]:
    """Wait until no job is queued or running (polling, with a generous limit); every job, oldest first."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail(f"The job worker exited with {worker.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        with app.app_context():
            every = db.session.scalars(select(ReportJob).order_by(ReportJob.id)).all()
            if every and all(job.finished for job in every):
                db.session.expunge_all()
                return every
            db.session.remove()
        time.sleep(0.3)
    pytest.fail(f"The jobs did not finish within {WAIT_SECONDS} s:\n{log.read_text(errors='replace')[-3000:]}")
