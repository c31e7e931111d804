"""Honest completion (tracker/actions/completion.py): an action is proposed only with evidence of impact, a
rating that is not Red and no milestone open; a milestone no longer needed is closed with a reason, and shown
as closed, never as done."""

from datetime import date

from sqlalchemy import select

from tests.helpers.data import committed, snapshot
from tests.helpers.world import add_impact_evidence
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Action, ActionStatus, AuditEvent, Milestone, Rag
from tracker.timeutil import long_date, today

OPEN_AUDIT = "The milestone “Audit of 40 contacts” is not done: mark it as done, or close it as no longer needed"
OPEN_REAUDIT = "The milestone “Re-audit” is not done: mark it as done, or close it as no longer needed"


def _done(app, world, *titles: str) -> None:
    with committed(app):
        for milestone in db.session.get(Action, world.action.id).milestones:
            if milestone.title in titles:
                ops.complete_milestone(milestone, milestone.action.owner, completed_date=date(2026, 11, 1))


def _propose(client, world, status: int = 200):
    values = {"action_id": world.action.id}
    return client.post_form(
        "actions.propose_completion",
        client.form_fields("actions.propose_completion", **values),
        status=status,
        **values,
    )


def _offers_proposal(page) -> bool:
    return any(a.get_text(strip=True) == "Propose as complete" for a in page.select("a.govuk-button"))


def _errors(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]


def _close(client, world, milestone_id: int, reason: str, status: int = 302):
    values = {"action_id": world.action.id, "milestone_id": milestone_id}
    data = {**client.form_fields("actions.close_milestone", **values), "reason": reason}
    return client.post_form("actions.close_milestone", data, status=status, **values)


def test_an_open_milestone_refuses_the_proposal_and_changes_nothing(client, world, app):
    add_impact_evidence(app, world)
    _done(app, world, "Re-audit")
    client.sign_in(world.owner)
    before = snapshot(app)
    assert _errors(_propose(client, world)) == [OPEN_AUDIT]
    assert snapshot(app) == before  # the audit trail's count included


def test_a_red_action_cannot_be_proposed(client, world, app):
    add_impact_evidence(app, world)
    _done(app, world, "Audit of 40 contacts", "Re-audit")
    with committed(app):
        action = db.session.get(Action, world.action.id)
        ops.set_rating(action, action.owner, rag=Rag.RED, rag_reason="Two social workers left.")
    client.sign_in(world.owner)
    before = snapshot(app)
    assert _errors(_propose(client, world)) == ["The action is rated Red: an action still off track is not complete"]
    assert snapshot(app) == before


def test_every_reason_is_listed_and_the_action_page_offers_no_proposal_while_any_stands(client, world, app):
    add_impact_evidence(app, world, shows_impact=False)
    client.sign_in(world.owner)
    before = snapshot(app)
    assert _errors(_propose(client, world)) == [
        "There is no evidence of the action's impact yet",
        OPEN_AUDIT,
        OPEN_REAUDIT,
    ]
    assert snapshot(app) == before
    page = client.get_page("actions.show", action_id=world.action.id)
    assert not _offers_proposal(page)
    assert [li.get_text(strip=True) for li in page.select("#not-ready li")] == [
        "There is no evidence of the action's impact yet",
        OPEN_AUDIT,
        OPEN_REAUDIT,
    ]


def test_a_milestone_closed_as_no_longer_needed_lets_the_proposal_through_and_shows_as_closed(client, world, app):
    add_impact_evidence(app, world)
    _done(app, world, "Re-audit")
    client.sign_in(world.owner)
    reason = "The re-audit covers the same contacts."
    _close(client, world, world.milestone.id, reason)
    page = client.get_page("actions.show", action_id=world.action.id)
    row = page.select_one(f"#milestone-{world.milestone.id}")
    assert f"Closed – no longer needed: {reason}" in row.get_text(" ", strip=True)
    assert "overdue" not in row.get_text() and "Mark as done" not in row.get_text()
    assert f"closed milestone “Audit of 40 contacts” as no longer needed on {long_date(today())}: {reason}" in page.text
    assert _offers_proposal(page)

    _propose(client, world, status=302)
    with app.app_context():
        assert db.session.get(Action, world.action.id).status == ActionStatus.AWAITING_SIGN_OFF


def test_closing_a_milestone_is_audited_with_who_and_why(client, world, app):
    client.sign_in(world.owner)
    _close(client, world, world.milestone.id, "Replaced by the re-audit.")
    with app.app_context():
        milestone = db.session.get(Milestone, world.milestone.id)
        assert milestone.closed_reason == "Replaced by the re-audit." and milestone.completed_date is not None
        events = db.session.execute(
            select(AuditEvent.field, AuditEvent.before, AuditEvent.after, AuditEvent.actor_id).where(
                AuditEvent.entity_type == "milestone",
                AuditEvent.entity_id == milestone.id,
                AuditEvent.event == "changed",
            )
        ).all()
    assert {(f, b, a, who) for f, b, a, who in events} == {
        ("completed_date", None, milestone.completed_date.isoformat(), world.owner.id),
        ("closed_reason", None, "Replaced by the re-audit.", world.owner.id),
    }


def test_closing_a_milestone_needs_a_reason(client, world, app):
    client.sign_in(world.owner)
    before = snapshot(app)
    page = _close(client, world, world.milestone.id, "  ", status=200)
    links = page.select(".govuk-error-summary a")
    assert [a.get_text(strip=True) for a in links] == ["Enter why the milestone is no longer needed"]
    assert links[0]["href"] == "#reason" and page.select_one("#reason")
    assert snapshot(app) == before


def test_a_closed_milestone_cannot_be_closed_or_done_again(client, world, app):
    client.sign_in(world.owner)
    values = {"action_id": world.action.id, "milestone_id": world.milestone.id}
    fields = client.form_fields("actions.close_milestone", **values)  # a second tab, opened before closing
    _close(client, world, world.milestone.id, "Not needed.")
    before = snapshot(app)
    response = client.post_form("actions.close_milestone", {**fields, "reason": "Again."}, status=302, **values)
    assert response.location == f"/actions/{world.action.id}"
    assert client.get("actions.complete_milestone", **values).status_code == 302
    assert snapshot(app) == before


def test_proposing_is_not_offered_and_is_refused_while_the_action_awaits_sign_off(client, world, app):
    add_impact_evidence(app, world, propose=True)
    client.sign_in(world.owner)
    page = client.get_page("actions.show", action_id=world.action.id)
    assert not _offers_proposal(page) and not page.select("#not-ready")
    before = snapshot(app)
    assert _errors(_propose(client, world)) == ["This action is already waiting for a director's sign-off"]
    assert snapshot(app) == before
