"""Proposing an action as complete: it needs evidence of impact, then waits for a director."""

from tests.helpers.data import snapshot
from tests.helpers.world import add_impact_evidence


def test_without_evidence_of_impact_the_proposal_is_refused(client, world, app):
    add_impact_evidence(app, world, shows_impact=False)
    client.sign_in(world.owner)
    before = snapshot(app)
    page = client.post_form(
        "actions.propose_completion",
        client.form_fields("actions.propose_completion", action_id=world.action.id),
        action_id=world.action.id,
    )
    links = page.select(".govuk-error-summary a")
    assert [a.get_text(strip=True) for a in links] == [
        "Add evidence that shows the impact of this action before proposing it as complete"
    ]
    assert links[0]["href"] == "#form" and page.select_one("#form")
    assert snapshot(app) == before


def test_with_evidence_of_impact_the_action_awaits_a_directors_sign_off(client, world, app):
    add_impact_evidence(app, world)
    client.sign_in(world.owner)
    client.post_form(
        "actions.propose_completion",
        client.form_fields("actions.propose_completion", action_id=world.action.id),
        status=302,
        action_id=world.action.id,
    )
    page = client.get_page("actions.show", action_id=world.action.id)
    assert "Awaiting sign-off" in page.select_one(".govuk-summary-list").text
    assert page.select_one("#rag .govuk-tag").get_text(strip=True) == "Green"  # not Blue until signed off
    assert "proposed the action as complete on" in page.select_one(".tracker-history").text
    assert not page.find("a", string="Propose as complete")
