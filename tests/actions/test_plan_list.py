from datetime import date

from tests.helpers.data import committed
from tests.helpers.factories import (
    make_action,
    make_authority,
    make_inspection,
    make_milestone,
    make_plan,
    make_point,
    make_user,
)
from tests.helpers.queries import count_queries
from tracker.extensions import db
from tracker.models import Rag


def test_home_lists_the_authoritys_actions_with_owner_rag_next_milestone_and_target(client):
    with committed(client.app):
        authority = make_authority("Leeds City Council")
        owner = make_user(authority, job_title="Head of Service, Front Door")
        point = make_point(make_inspection(authority))
        action = make_action(
            point, owner, title="Tighten management oversight", rag=Rag.AMBER, target_date=date(2026, 3, 31)
        )
        make_milestone(action, date(2025, 1, 10), title="Done already", completed_date=date(2025, 1, 9))
        make_milestone(action, date(2026, 2, 1), title="Audit of 40 contacts")
        make_milestone(action, date(2026, 2, 20), title="Later step")
        other = make_authority("Elsewhere Council")
        make_action(make_point(make_inspection(other)), make_user(other), title="Not ours")
    client.sign_in(owner)
    page = client.get_page("actions.plan")
    rows = page.select("tbody tr")
    assert len(rows) == 1
    cells = [c.get_text(" ", strip=True) for c in rows[0].select("td")]
    assert cells[0].startswith("Tighten management oversight")
    assert cells[1].startswith("Head of Service, Front Door")
    assert cells[2] == "Amber"
    assert rows[0].select_one(".govuk-tag--orange")
    # judged against the pinned today, 22 November 2026
    assert cells[3] == "Audit of 40 contacts Due 1 February 2026 Overdue"
    assert cells[4] == "31 March 2026 Passed"
    assert "Not ours" not in page.get_text()


def test_a_service_managers_own_actions_come_first(client):
    with committed(client.app):
        authority = make_authority()
        me = make_user(authority)
        colleague = make_user(authority)
        point = make_point(make_inspection(authority))
        make_action(point, colleague, title="Colleague's action")
        make_action(point, me, title="My action")
    client.sign_in(me)
    titles = [
        row.select_one("td").get_text(" ", strip=True) for row in client.get_page("actions.plan").select("tbody tr")
    ]
    assert titles[0].startswith("My action")


def test_home_is_paginated_and_issues_the_same_queries_at_any_size(client):
    client.app.config["HOME_PAGE_SIZE"] = 10
    counts = {}
    for size in (5, 60):
        with committed(client.app):
            authority, owner = make_plan(size)
            engine = db.engine
        client.sign_in(owner)
        # Outside any app context, so the request runs as it would in production.
        with count_queries(engine) as counter:
            page = client.get_page("actions.plan")
        counts[size] = counter.count
        assert len(page.select("tbody tr")) == min(size, 10)
    assert counts[5] == counts[60]
    page = client.get_page("actions.plan", page=6)
    assert len(page.select("tbody tr")) == 10
    assert page.select_one(".govuk-pagination")
