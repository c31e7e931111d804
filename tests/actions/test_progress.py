"""Updating progress and the RAG rating: the happy path, each refusal, and the history it leaves."""

import pytest

from tests.helpers.data import committed, snapshot
from tracker.extensions import db
from tracker.models import Action, ActionStatus
from tracker.timeutil import long_date, utcnow

GOOD = {
    "rag": "red",
    "rag_reason": "Two conference chairs left in July; timeliness fell to 71%.",
    "recovery": "Two agency chairs start in November.",
    "narrative": "Recruitment campaign relaunched.",
}


def test_a_worse_rating_with_reason_and_recovery_is_saved_and_in_the_history(client, world):
    client.sign_in(world.owner)
    response = client.post_form(
        "actions.progress",
        {**client.form_fields("actions.progress", action_id=world.action.id), **GOOD},
        status=302,
        action_id=world.action.id,
    )
    assert response.location == f"/actions/{world.action.id}"
    page = client.get_page("actions.show", action_id=world.action.id)
    assert page.select_one("#rag .govuk-tag").get_text(strip=True) == "Red"
    assert GOOD["rag_reason"] in page.select_one("#rag").get_text()
    assert GOOD["recovery"] in page.select_one("#rag").get_text()
    history = page.select_one(".tracker-history").get_text(" ", strip=True)
    # audit events are stamped with the real time, not the pinned "today"
    assert (
        f"Head of Service, Duty and Advice added a progress update on {long_date(utcnow())}, and changed RAG from "
        f"Green to Red: {GOOD['rag_reason']} Recovery: {GOOD['recovery']}"
    ) in history
    assert GOOD["narrative"] in page.select_one(".tracker-timeline").get_text()


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        ({"rag": ""}, "Select a RAG rating", "rag"),
        ({"rag_reason": "  "}, "Enter the reason for the RAG rating", "rag_reason"),
        ({"narrative": ""}, "Enter the progress since the last update", "narrative"),
        ({"recovery": ""}, "Enter what will bring the action back on track", "recovery"),
        ({"rag_reason": "x" * 2001}, "The reason must be 2000 characters or fewer", "rag_reason"),
        ({"rag": "blue"}, "Not a valid choice.", "rag"),
    ],
)
def test_each_refusal_has_its_message_and_saves_nothing(client, world, change, message, field):
    client.sign_in(world.owner)
    before = snapshot(client.app)
    data = {**client.form_fields("actions.progress", action_id=world.action.id), **GOOD, **change}
    page = client.post_form("actions.progress", data, action_id=world.action.id)
    assert page.title.get_text().startswith("Error: Update progress")
    summary = page.select(".govuk-error-summary a")
    assert [a.get_text(strip=True) for a in summary] == [message]
    assert summary[0]["href"] == f"#{field}"
    assert page.select_one(f"#{field}")
    assert snapshot(client.app) == before
    # what the user typed is still there
    if field != "narrative":
        assert page.select_one("#narrative").get_text() == GOOD["narrative"]


def test_the_same_or_a_better_rating_needs_no_recovery(client, world):
    client.sign_in(world.owner)
    data = {**client.form_fields("actions.progress", action_id=world.action.id), **GOOD, "rag": "green", "recovery": ""}
    client.post_form("actions.progress", data, status=302, action_id=world.action.id)


def test_a_first_update_starts_a_not_started_action(client, world, app):
    with committed(app):
        db.session.get(Action, world.action.id).status = ActionStatus.NOT_STARTED
    client.sign_in(world.owner)
    client.post_form(
        "actions.progress",
        {**client.form_fields("actions.progress", action_id=world.action.id), **GOOD},
        status=302,
        action_id=world.action.id,
    )
    page = client.get_page("actions.show", action_id=world.action.id)
    assert "In progress" in page.get_text()
