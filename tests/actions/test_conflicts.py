"""Two people editing the same action: the second save is refused, shows what changed, keeps its input."""

from datetime import date

import pytest
from sqlalchemy import func, select, update

from tests.helpers.data import snapshot
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Action, ActionStatus, Milestone, User


def test_the_second_save_is_refused_with_what_changed_and_both_edits_survive(client, world, app):
    owner, director = client, type(client)(app)
    owner.sign_in(world.owner)
    director.sign_in(world.director)
    # Both open the form on the same version.
    owner_form = owner.form_fields("actions.progress", action_id=world.action.id)
    director_form = director.form_fields("actions.progress", action_id=world.action.id)

    director_edit = {
        "rag": "amber",
        "rag_reason": "Audit found oversight recorded in only 60% of contacts.",
        "recovery": "Weekly dip samples until it reaches 90%.",
        "narrative": "Director's review of the front door.",
    }
    director.post_form("actions.progress", {**director_form, **director_edit}, status=302, action_id=world.action.id)
    after_director = snapshot(app)

    owner_edit = {
        "rag": "green",
        "rag_reason": "On track: standard agreed.",
        "recovery": "",
        "narrative": "Owner's monthly update, typed at length.",
    }
    page = owner.post_form("actions.progress", {**owner_form, **owner_edit}, action_id=world.action.id)
    # Refused, saying so, and what the other person changed...
    summary = page.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Someone else changed this action while you were editing it" in summary
    changes = page.select_one(".govuk-inset-text").get_text(" ", strip=True)
    assert "Director of Children's Services added a progress update" in changes
    assert "changed RAG from Green to Amber" in changes
    # ...nothing of the owner's was saved, and the director's edit stands...
    assert snapshot(app) == after_director
    # ...and the owner's input is still on the form, ready to save again over the new version.
    assert page.select_one("#narrative").get_text() == owner_edit["narrative"]
    assert page.select_one("#rag_reason").get_text() == owner_edit["rag_reason"]
    assert page.select_one("input[name=rag][value=green]").has_attr("checked")
    resubmit = {f["name"]: f.get("value", "") for f in page.select("input[type=hidden]")}
    assert resubmit["version"] != owner_form["version"]

    owner.post_form("actions.progress", {**resubmit, **owner_edit}, status=302, action_id=world.action.id)
    action_page = owner.get_page("actions.show", action_id=world.action.id)
    timeline = action_page.select_one(".tracker-timeline").get_text()
    assert director_edit["narrative"] in timeline and owner_edit["narrative"] in timeline
    assert action_page.select_one("#rag .govuk-tag").get_text(strip=True) == "Green"


def test_a_stale_milestone_move_is_refused_too(client, world, app):
    first, second = client, type(client)(app)
    first.sign_in(world.owner)
    second.sign_in(world.director)
    values = {"action_id": world.action.id, "milestone_id": world.milestone.id}
    first_form = first.form_fields("actions.replan_milestone", **values)
    second_form = second.form_fields("actions.replan_milestone", **values)
    first.post_form(
        "actions.replan_milestone",
        {**first_form, "due_date": ["30", "11", "2026"], "reason": "Auditors redeployed."},
        status=302,
        **values,
    )
    page = second.post_form(
        "actions.replan_milestone", {**second_form, "due_date": ["31", "1", "2027"], "reason": "Mine."}, **values
    )
    assert "Someone else changed this action" in page.select_one(".govuk-error-summary").text
    assert "moved milestone “Audit of 40 contacts” from 31 October 2026 to 30 November 2026" in page.text
    assert page.select_one("#reason").get_text() == "Mine."


def test_an_append_does_not_make_someone_elses_open_form_stale(client, world, app):
    """Adding a milestone or evidence changes nothing another person is editing, so it raises no version."""
    owner, director = client, type(client)(app)
    owner.sign_in(world.owner)
    director.sign_in(world.director)
    owner_form = owner.form_fields("actions.progress", action_id=world.action.id)
    director.post_form(
        "actions.add_milestone",
        {"title": "Dip sample", "due_date": ["15", "1", "2027"]},
        status=302,
        action_id=world.action.id,
    )
    director.post_form(
        "actions.add_evidence",
        {
            "kind": "audit",
            "description": "Audit.",
            "evidence_date": ["1", "11", "2026"],
            "shows_impact": "yes",
            "link": "https://intranet.example.org/audit",
        },
        status=302,
        action_id=world.action.id,
    )
    edit = {"rag": "green", "rag_reason": "On track.", "recovery": "", "narrative": "Saved after the appends."}
    owner.post_form("actions.progress", {**owner_form, **edit}, status=302, action_id=world.action.id)


def test_nothing_is_added_to_an_action_signed_off_since_it_was_read(app, world):
    """Issue 16 review: appends no longer take the action's version, so they must still see a sign-off that
    landed between reading the action and saving (here by another connection, as another request would)."""
    with app.app_context():
        action = db.session.get(Action, world.action.id)  # read while in progress
        owner = db.session.get(User, world.owner.id)
        with db.engine.begin() as elsewhere:
            elsewhere.execute(update(Action).where(Action.id == action.id).values(status=ActionStatus.COMPLETE))
        assert action.status != ActionStatus.COMPLETE  # this request still sees it open
        with pytest.raises(ops.PlanRuleError, match="signed off"):
            ops.add_milestone(action, owner, title="Too late", due_date=date(2027, 1, 1))
        db.session.rollback()
        assert db.session.scalar(select(func.count(Milestone.id)).where(Milestone.title == "Too late")) == 0


def test_a_milestone_added_while_the_action_changes_underneath_is_not_lost(client, world, app):
    # Adding a milestone to an action awaiting sign-off withdraws the proposal, a change of the action itself;
    # here a director returns it between the page reading the action and saving (the moment of the flush).
    from sqlalchemy import event

    from tests.helpers.world import add_impact_evidence

    add_impact_evidence(app, world, propose=True)
    client.sign_in(world.owner)
    action_id = world.action.id

    def someone_else_changes_it(session, *_):
        with db.engine.begin() as other:
            other.execute(update(Action).where(Action.id == action_id).values(version=Action.version + 1))

    with app.app_context():
        event.listen(db.session, "before_flush", someone_else_changes_it, once=True)
        try:
            page = client.post_form(
                "actions.add_milestone",
                {"title": "Second re-audit", "due_date": ["15", "1", "2027"]},
                action_id=action_id,
            )
        finally:
            if event.contains(db.session, "before_flush", someone_else_changes_it):
                event.remove(db.session, "before_flush", someone_else_changes_it)
    assert "Someone changed this action while you were adding the milestone" in page.select_one(
        ".govuk-error-summary"
    ).get_text(" ", strip=True)
    assert page.select_one("#title")["value"] == "Second re-audit"
    with app.app_context():
        assert db.session.scalar(select(func.count(Milestone.id)).where(Milestone.title == "Second re-audit")) == 0
