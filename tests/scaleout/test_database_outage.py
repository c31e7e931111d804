"""PostgreSQL lost under a running server, and back: a real outage between gunicorn and its database.

Issue 16 stopped PostgreSQL under a running tracker and signed-in people got 141 bytes of "Internal
Server Error". Here the server reaches the database through a proxy the test cuts
(tests/helpers/tcp_proxy.py), with its pool already holding connections that then die. While it is cut,
pages answer 503 with the GOV.UK page and a reference the server logs beside the stack trace, and
/healthz says unavailable; once it is restored the same server, not restarted, serves the same person
again and saves what they send.
"""

from __future__ import annotations

import json
import re

from sqlalchemy import select
from sqlalchemy.engine import make_url

from tests.helpers.browser import Browser, hidden_fields
from tests.helpers.tcp_proxy import TcpProxy
from tests.scaleout.team import seed
from tracker.extensions import db
from tracker.models import Milestone


def test_a_server_whose_database_is_lost_answers_503_with_a_reference_and_recovers_without_restart(
    shared_app, shared_database, start_servers
):
    team = seed(shared_app)
    action_id, email = team.action_id, team.owner_email
    direct = make_url(shared_database)
    proxy = TcpProxy(direct.host, direct.port)
    try:
        through_proxy = direct.set(port=proxy.port).render_as_string(hide_password=False)
        (server,) = start_servers(1, settings={"DATABASE_URL": through_proxy})
        browser = Browser(server.url)
        browser.sign_in(email)
        assert browser.request("/my-actions").status == 200  # the pool now holds live connections
        path = f"/actions/{action_id}/milestones/new"
        form = {**browser.open_form(path), "title": "Typed while the database was away", "due_date": ["1", "2", "2027"]}
        assert "Traceback" not in server.log.read_text(errors="replace")

        proxy.cut()
        references = []
        for response in (browser.request("/my-actions"), browser.request(path, form)):
            assert response.status == 503, response.text[:300]
            assert response.page.h1.get_text(strip=True) == "Sorry, the service is unavailable"
            references.append(response.page.select_one("#reference").get_text(strip=True))
        health = browser.request("/healthz")
        assert (health.status, json.loads(health.text)) == (503, {"status": "unavailable"})
        log = server.log.read_text(errors="replace")
        for reference in references:
            assert re.fullmatch(r"[0-9A-F]{8}", reference)
            logged = log[log.index(f"Database unreachable, reference {reference}") :]
            assert logged.splitlines()[1] == "Traceback (most recent call last):"

        proxy.restore()
        page = browser.request("/my-actions")
        assert page.status == 200 and page.page.select_one(".tracker-signed-in")
        saved = browser.request(path, {**hidden_fields(browser.request(path).page), **form})
        assert saved.status == 302, saved.text[:300]
    finally:
        proxy.close()
    with shared_app.app_context():
        titles = db.session.scalars(select(Milestone.title).where(Milestone.action_id == action_id)).all()
        assert titles == ["Typed while the database was away"]
