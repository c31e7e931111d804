"""Every route of the actions area, for every role, in the action's own authority and in another."""

import pytest

from tests.helpers.world import World

READ = "read"
WRITE = "write"

# (endpoint, kind) for GET requests on the action of the world fixture.
ROUTES = [
    ("actions.my_actions", READ),
    ("actions.plan", READ),
    ("actions.show", READ),
    ("actions.progress", WRITE),
    ("actions.add_milestone", WRITE),
    ("actions.complete_milestone", WRITE),
    ("actions.replan_milestone", WRITE),
    ("actions.close_milestone", WRITE),
    ("actions.add_evidence", WRITE),
    ("actions.propose_completion", WRITE),
    ("inspections.show", READ),
]

# The answer each user gets on their own authority's action (or another's, for the outsiders).
EXPECTED = {
    "owner": {READ: 200, WRITE: 200},
    "colleague": {READ: 200, WRITE: 403},
    "director": {READ: 200, WRITE: 200},
    "admin": {READ: 200, WRITE: 200},
    "committee": {READ: 403, WRITE: 403},
    "outsider": {READ: 404, WRITE: 404},
    "outsider_director": {READ: 404, WRITE: 404},
}
NOT_ABOUT_ONE_ACTION = {"actions.my_actions", "actions.plan"}


def _url_values(endpoint: str, world: World) -> dict:
    values = {}
    if endpoint.startswith("actions.") and endpoint not in NOT_ABOUT_ONE_ACTION:
        values["action_id"] = world.action.id
    if "milestone" in endpoint and endpoint != "actions.add_milestone":
        values["milestone_id"] = world.milestone.id
    if endpoint == "inspections.show":
        values["inspection_id"] = world.action.improvement_point.inspection_id
    return values


def test_the_matrix_covers_every_route_of_the_area(client):
    rules = client.app.url_map.iter_rules()
    area = {r.endpoint for r in rules if r.endpoint.split(".")[0] in ("actions", "inspections")}
    # downloads: test_evidence_uploads; recording the plan's date: tests/inspections/test_plan_sent.py; the
    # inspection history: tests/inspections/test_history.py; the date published: tests/inspections/test_published.py
    history = {"inspections.history", "inspections.add_past", "inspections.correct_past", "inspections.remove_past"}
    elsewhere = {"actions.download_evidence", "inspections.plan_sent", "inspections.published"}
    covered = {endpoint for endpoint, _ in ROUTES} | elsewhere | history
    assert area == covered


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize(("endpoint", "kind"), ROUTES)
def test_each_role_gets_the_expected_answer(client, world, who, endpoint, kind):
    client.sign_in(world.users()[who])
    expected = EXPECTED[who][kind]
    if endpoint in NOT_ABOUT_ONE_ACTION and who.startswith("outsider"):
        expected = 200  # their own lists, which do not show the other authority's plan
    response = client.get(endpoint, **_url_values(endpoint, world))
    assert response.status_code == expected, f"{who} {endpoint}: {response.status_code}"


@pytest.mark.parametrize("who", ["colleague", "committee", "outsider"])
def test_a_refused_post_changes_nothing(client, world, who):
    client.sign_in(world.users()[who])
    response = client.http.post(
        client.url("actions.progress", action_id=world.action.id),
        data={"rag": "red", "rag_reason": "x", "recovery": "y", "narrative": "z", "version": "1"},
    )
    assert response.status_code in (403, 404)
    client.sign_in(world.owner)
    page = client.get_page("actions.show", action_id=world.action.id)
    assert page.select_one("#rag .govuk-tag").get_text(strip=True) == "Green"


def test_outsiders_lists_do_not_show_the_other_authoritys_actions(client, world):
    client.sign_in(world.outsider)
    page = client.get_page("actions.plan")
    assert "Strengthen oversight" not in page.get_text()
    assert "Leeds action" in page.get_text()
