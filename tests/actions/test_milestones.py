"""Milestones: add, mark done, move (the original date stays, each move keeps its reason)."""

import pytest
from sqlalchemy import select

from tests.helpers.data import committed, snapshot
from tracker.extensions import db
from tracker.models import Milestone


def _date(prefix: str, day: str, month: str, year: str) -> dict:
    return {prefix: [day, month, year]}


def test_adding_a_milestone(client, world):
    client.sign_in(world.owner)
    data = {"title": "Dip sample of 20 contacts", **_date("due_date", "15", "1", "2027")}
    client.post_form("actions.add_milestone", data, status=302, action_id=world.action.id)
    page = client.get_page("actions.show", action_id=world.action.id)
    row = [
        r for r in page.select("#milestones + .tracker-table-scroll table tbody tr") if "Dip sample" in r.get_text()
    ][0]
    assert "15 January 2027" in row.get_text()
    assert (
        "added milestone “Dip sample of 20 contacts”, due 15 January 2027" in page.select_one(".tracker-history").text
    )


@pytest.mark.parametrize(
    ("data", "message", "anchor"),
    [
        ({"title": "", "due_date": ["1", "2", "2027"]}, "Enter the milestone", "title"),
        ({"title": "X", "due_date": ["", "", ""]}, "Enter the due date", "due_date-day"),
        ({"title": "X", "due_date": ["31", "2", "2027"]}, "Due date must be a real date", "due_date-day"),
        ({"title": "X", "due_date": ["1", "2", ""]}, "Due date must include a year", "due_date-day"),
        # Issue 19: a past date would be overdue the moment it was saved. "Today" is pinned at 22 November 2026.
        ({"title": "X", "due_date": ["3", "3", "2021"]}, "The due date must be today or in the future", "due_date-day"),
        (
            {"title": "X", "due_date": ["21", "11", "2026"]},
            "The due date must be today or in the future",
            "due_date-day",
        ),
    ],
)
def test_adding_a_milestone_refusals(client, world, data, message, anchor):
    client.sign_in(world.owner)
    before = snapshot(client.app)
    page = client.post_form("actions.add_milestone", data, action_id=world.action.id)
    links = page.select(".govuk-error-summary a")
    assert [a.get_text(strip=True) for a in links] == [message]
    assert links[0]["href"] == f"#{anchor}" and page.select_one(f"#{anchor}")
    assert snapshot(client.app) == before


def test_a_milestone_due_today_is_accepted(client, world):
    client.sign_in(world.owner)
    data = {"title": "Dip sample of 20 contacts", **_date("due_date", "22", "11", "2026")}
    client.post_form("actions.add_milestone", data, status=302, action_id=world.action.id)
    page = client.get_page("actions.show", action_id=world.action.id)
    rows = page.select("#milestones + .tracker-table-scroll table tbody tr")
    row = [r for r in rows if "Dip sample" in r.get_text()][0]
    assert "22 November 2026" in row.get_text()


def test_marking_a_milestone_done(client, world):
    client.sign_in(world.owner)
    values = {"action_id": world.action.id, "milestone_id": world.milestone.id}
    data = {**client.form_fields("actions.complete_milestone", **values), **_date("completed_date", "20", "11", "2026")}
    client.post_form("actions.complete_milestone", data, status=302, **values)
    page = client.get_page("actions.show", action_id=world.action.id)
    row = page.select_one(f"#milestone-{world.milestone.id}")
    assert "20 November 2026" in row.get_text()
    assert "marked milestone “Audit of 40 contacts” as done on 20 November 2026" in page.text


def test_a_milestone_cannot_be_done_in_the_future(client, world):
    client.sign_in(world.owner)
    before = snapshot(client.app)
    values = {"action_id": world.action.id, "milestone_id": world.milestone.id}
    data = {**client.form_fields("actions.complete_milestone", **values), **_date("completed_date", "1", "1", "2030")}
    page = client.post_form("actions.complete_milestone", data, **values)
    assert (
        page.select_one(".govuk-error-summary")
        .get_text(" ", strip=True)
        .endswith("The date it was done must be today or in the past")
    )
    assert snapshot(client.app) == before


def test_moving_a_milestone_twice_keeps_the_original_date_and_both_reasons(client, world):
    client.sign_in(world.owner)
    values = {"action_id": world.action.id, "milestone_id": world.milestone.id}
    for day, reason in (("30", "Auditors redeployed to the court backlog."), ("15", "Audit tool upgrade delayed.")):
        data = {
            **client.form_fields("actions.replan_milestone", **values),
            **_date("due_date", day, "12", "2026"),
            "reason": reason,
        }
        client.post_form("actions.replan_milestone", data, status=302, **values)
    page = client.get_page("actions.show", action_id=world.action.id)
    row = page.select_one(f"#milestone-{world.milestone.id}")
    cells = [c.get_text(" ", strip=True) for c in row.select("td")]
    assert cells[1] == "31 October 2026"
    assert cells[2].startswith("15 December 2026 moved 2 times")
    assert "Auditors redeployed" in cells[0] and "Audit tool upgrade delayed" in cells[0]
    history = page.select_one(".tracker-history").text
    assert "moved milestone “Audit of 40 contacts” from 31 October 2026 to 30 December 2026" in history


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"due_date": ["1", "1", "2027"], "reason": ""}, "Enter why the milestone has moved"),
        (
            # The world's milestone was due 31 October 2026, in the past: a past date is refused as such.
            {"due_date": ["31", "10", "2026"], "reason": "No change"},
            "The new due date must be today or in the future",
        ),
        ({"due_date": ["", "", ""], "reason": "Because"}, "Enter the new due date"),
        ({"due_date": ["1", "1", "2020"], "reason": "Missed"}, "The new due date must be today or in the future"),
        ({"due_date": ["21", "11", "2026"], "reason": "Missed"}, "The new due date must be today or in the future"),
    ],
)
def test_moving_a_milestone_refusals(client, world, data, message):
    client.sign_in(world.owner)
    before = snapshot(client.app)
    values = {"action_id": world.action.id, "milestone_id": world.milestone.id}
    page = client.post_form(
        "actions.replan_milestone", {**client.form_fields("actions.replan_milestone", **values), **data}, **values
    )
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == [message]
    assert snapshot(client.app) == before


def test_moving_a_milestone_to_the_date_it_is_due_is_refused(client, world):
    client.sign_in(world.owner)
    with committed(client.app):
        re_audit = db.session.scalar(select(Milestone).where(Milestone.title == "Re-audit"))
    before = snapshot(client.app)
    values = {"action_id": world.action.id, "milestone_id": re_audit.id}
    data = {**client.form_fields("actions.replan_milestone", **values), **_date("due_date", "31", "3", "2027")}
    page = client.post_form("actions.replan_milestone", {**data, "reason": "No change"}, **values)
    summary = [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]
    assert summary == ["The new due date must be different from the current one"]
    assert snapshot(client.app) == before


def test_a_missed_milestone_is_moved_to_today_and_keeps_its_original_date(client, world):
    """How a missed milestone is recorded now that no due date may be in the past: moved, with the reason."""
    client.sign_in(world.owner)
    values = {"action_id": world.action.id, "milestone_id": world.milestone.id}
    form = client.get_page("actions.replan_milestone", **values)
    assert "originally due 31 October 2026" in form.select_one("main").get_text(" ", strip=True)
    data = {
        **client.form_fields("actions.replan_milestone", **values),
        **_date("due_date", "22", "11", "2026"),
        "reason": "Missed: the auditors were redeployed.",
    }
    client.post_form("actions.replan_milestone", data, status=302, **values)
    cells = [
        c.get_text(" ", strip=True)
        for c in client.get_page("actions.show", action_id=world.action.id).select(
            f"#milestone-{world.milestone.id} td"
        )
    ]
    assert cells[1] == "31 October 2026"
    assert cells[2].startswith("22 November 2026 moved 1 time")
    assert "Missed: the auditors were redeployed." in cells[0]


def test_another_actions_milestone_is_not_found(client, world):
    client.sign_in(world.director)
    response = client.get("actions.replan_milestone", action_id=world.other_action.id, milestone_id=world.milestone.id)
    assert response.status_code == 404
