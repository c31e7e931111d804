"""What production warns of at start-up about the sign-in throttle's store and the job queue
(tracker/production.py)."""

from __future__ import annotations

import logging

import redis

from tests.conftest import make_config
from tests.helpers.client import PageClient
from tests.helpers.processes import free_port
from tracker.app import create_app

GOOD_KEY = "k" * 48
SEPARATELY = "each process counts failed sign-ins separately"
NO_ANSWER = "RATELIMIT_STORAGE_URI does not answer"
ONE_MACHINE = "jobs queued here are run only by a worker on this machine"
QUEUE_SILENT = "JOB_QUEUE_URL does not answer"


def _start_production(app, caplog, storage_uri: str, **overrides):
    config = make_config(
        app.config["SQLALCHEMY_DATABASE_URI"],
        PRODUCTION=True,
        SECRET_KEY=GOOD_KEY,
        RATELIMIT_STORAGE_URI=storage_uri,
        **overrides,
    )
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        return create_app(config)


def test_memory_is_warned_of_as_counting_per_process(application_app, caplog):
    _start_production(application_app, caplog, "memory://")
    assert SEPARATELY in caplog.text


def test_a_store_that_does_not_answer_is_warned_of(application_app, caplog):
    _start_production(application_app, caplog, f"redis://127.0.0.1:{free_port()}/0")
    assert NO_ANSWER in caplog.text and SEPARATELY not in caplog.text


def test_redis_is_used_for_the_counts_without_a_warning(application_app, caplog, redis_url):
    production = _start_production(application_app, caplog, redis_url)
    assert NO_ANSWER not in caplog.text and SEPARATELY not in caplog.text
    store = redis.Redis.from_url(redis_url)
    assert not store.keys("*sign-in*")
    response = PageClient(production).http.post("/sign-in", data={"email": "a@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert store.keys("*sign-in*")
    store.close()


def test_a_job_queue_in_an_sqlite_file_is_warned_of_as_this_machines_only(application_app, caplog, tmp_path):
    _start_production(application_app, caplog, "memory://", JOB_QUEUE_URL=f"sqlite:///{tmp_path / 'jobs.db'}")
    assert ONE_MACHINE in caplog.text and QUEUE_SILENT not in caplog.text


def test_a_job_queue_that_does_not_answer_is_warned_of(application_app, caplog):
    _start_production(application_app, caplog, "memory://", JOB_QUEUE_URL=f"redis://127.0.0.1:{free_port()}/0")
    assert QUEUE_SILENT in caplog.text and ONE_MACHINE not in caplog.text


def test_a_job_queue_on_redis_is_used_without_a_warning(application_app, caplog, redis_url):
    _start_production(application_app, caplog, redis_url, JOB_QUEUE_URL=redis_url)
    assert QUEUE_SILENT not in caplog.text and ONE_MACHINE not in caplog.text
