"""Huey, on an SQLite file by default (nothing to run but the worker) or on Redis (JOB_QUEUE_URL=redis://…).

The queue carries only a job's id: what the job is and how it went live in the database (ReportJob), so
pages never read the queue's own store and work the same whichever store it is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import redis
from flask import Flask
from huey import Huey, RedisHuey, SqliteHuey
from huey.api import TaskWrapper

QUEUE_NAME = "tracker-jobs"
TASK_NAME = "run_job"
_creating = threading.Lock()


class QueueConfigurationError(RuntimeError):
    pass


@dataclass
class Jobs:
    huey: Huey
    task: TaskWrapper  # run_job(job_id), within the app


def init_app(app: Flask, run: Callable[[int], None]) -> None:
    """Say what a job id runs; the queue itself is opened on first use (an SQLite store makes its file)."""
    app.extensions["job_runner"] = run


def queue_url(app: Flask) -> str:
    return app.config.get("JOB_QUEUE_URL") or f"sqlite:///{Path(app.instance_path) / 'jobs.db'}"


def jobs(app: Flask) -> Jobs:
    # The app itself, not current_app's proxy: the worker's threads run jobs outside any app context.
    app = app._get_current_object() if hasattr(app, "_get_current_object") else app
    with _creating:
        if "jobs" not in app.extensions:
            huey = open_queue(queue_url(app))
            run = app.extensions["job_runner"]

            def run_job(job_id: int) -> None:
                with app.app_context():
                    run(job_id)

            app.extensions["jobs"] = Jobs(huey, huey.task(name=TASK_NAME)(run_job))
        return app.extensions["jobs"]


def open_queue(url: str) -> Huey:
    # results=False: a job's outcome is written to its row; Huey keeping results too would only grow its store.
    if url.startswith("sqlite:///"):
        return SqliteHuey(QUEUE_NAME, filename=url.removeprefix("sqlite:///"), results=False)
    if url.startswith(("redis://", "rediss://", "unix://")):
        # A Redis that stops answering fails the request within seconds rather than holding a worker (the
        # client waits for ever by default); the read timeout is above the consumer's 1 s blocking pop.
        pool = redis.ConnectionPool.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        return RedisHuey(QUEUE_NAME, connection_pool=pool, results=False)
    raise QueueConfigurationError(f"JOB_QUEUE_URL must start sqlite:/// or redis://, not {url!r}")


def enqueue(app: Flask, job_id: int) -> None:
    jobs(app).task(job_id)


def is_shared(app: Flask) -> bool:
    """Whether several instances can share this queue (an SQLite file is one machine's)."""
    return not queue_url(app).startswith("sqlite:///")
