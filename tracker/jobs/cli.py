"""`flask --app wsgi jobs worker`: the process that runs queued jobs, beside the web server."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import AppGroup

from tracker.jobs.queue import jobs, queue_url

jobs_cli = AppGroup("jobs", help="The job worker that renders and publishes committee papers.")


@jobs_cli.command("worker")
@click.option("--workers", type=int, default=None, help="Jobs run at once (threads); default JOB_WORKERS.")
def worker(workers: int | None) -> None:
    """Run queued jobs until stopped (SIGTERM: the running jobs finish first)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    count = workers or current_app.config["JOB_WORKERS"]
    store = queue_url(current_app)
    click.echo(f"Job worker: {count} at once, queue {store.split('@')[-1]}")  # no password in the log
    # Threads, not processes: each job opens its own database session in the app, and a PDF's rendering
    # spends much of its time in WeasyPrint's C libraries. periodic=False: the tracker schedules nothing.
    # SIGTERM (systemd's stop, `kill`) lets running jobs finish, so none is left marked running; SIGINT twice
    # stops at once (an interrupted publish commits nothing: the draft stays a draft).
    consumer = jobs(current_app).huey.create_consumer(
        workers=count, worker_type="thread", periodic=False, graceful_signal="TERM"
    )
    consumer.run()
