"""What production warns of at start-up about the sign-in throttle's store (tracker/production.py)."""

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


def _start_production(app, caplog, storage_uri: str):
    config = make_config(
        app.config["SQLALCHEMY_DATABASE_URI"], PRODUCTION=True, SECRET_KEY=GOOD_KEY, RATELIMIT_STORAGE_URI=storage_uri
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
