"""Sign-off: only a director of the authority approves; approval needs impact evidence, a rating that is not
Red and no milestone open; a return goes back; the queue is in the order proposed."""

from datetime import date, datetime

import pytest

from tests.helpers.data import committed, snapshot
from tests.helpers.factories import make_action
from tests.helpers.world import add_impact_evidence
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Action, ActionStatus, AuditEvent, Milestone, Rag


def _propose(app, world, impact: bool = True):
    add_impact_evidence(app, world, propose=True)
    if not impact:  # evidence marked as impact, then corrected by an administrator's data fix
        with committed(app):
            for evidence in db.session.get(Action, world.action.id).evidence:
                evidence.shows_impact = False


def test_the_queue_lists_proposals_and_a_director_approves_one(client, world, app):
    _propose(app, world)
    client.sign_in(world.director)
    queue = client.get_page("oversight.queue")
    assert queue.select_one("tbody tr a").get_text(strip=True) == "Strengthen oversight"
    data = {
        **client.form_fields("oversight.review", action_id=world.action.id),
        "decision": "approve",
        "reason": "Re-audit shows 92% within 24 hours.",
    }
    response = client.post_form("oversight.review", data, status=302, action_id=world.action.id)
    assert response.location == "/sign-off"
    page = client.get_page("actions.show", action_id=world.action.id)
    assert page.select_one("#rag .govuk-tag").get_text(strip=True) == "Blue"
    assert "Signed off by Director of Children's Services on" in page.text
    assert "signed off the action as complete on" in page.select_one(".tracker-history").text
    with app.app_context():
        action = db.session.get(Action, world.action.id)
        assert action.is_complete and action.signed_off_by_id == world.director.id and action.signed_off_at
        assert db.session.query(AuditEvent).filter_by(plan_action_id=action.id, field="signed_off_by").count() == 1
    assert client.get_page("oversight.queue").select_one("tbody") is None


def test_a_returned_proposal_goes_back_to_the_owner_with_the_reason(client, world, app):
    _propose(app, world)
    client.sign_in(world.director)
    reason = "The re-audit sampled only one team; sample all three."
    client.post_form(
        "oversight.review",
        {**client.form_fields("oversight.review", action_id=world.action.id), "decision": "return", "reason": reason},
        status=302,
        action_id=world.action.id,
    )
    client.sign_in(world.owner)
    page = client.get_page("actions.show", action_id=world.action.id)
    assert reason in page.select_one("#returned").text
    assert "In progress" in page.select_one(".govuk-summary-list").text
    assert "returned the proposal to the owner on" in page.select_one(".tracker-history").text


def test_approval_needs_evidence_of_impact(client, world, app):
    _propose(app, world, impact=False)
    client.sign_in(world.director)
    before = snapshot(app)
    page = client.post_form(
        "oversight.review",
        {**client.form_fields("oversight.review", action_id=world.action.id), "decision": "approve", "reason": "Done."},
        action_id=world.action.id,
    )
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == [
        "There is no evidence of the action's impact yet"
    ]
    assert snapshot(app) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "", "reason": "x"}, "Select whether to sign the action off or return it"),
        ({"decision": "approve", "reason": ""}, "Enter your reasons"),
    ],
)
def test_sign_off_form_refusals(client, world, app, data, message):
    _propose(app, world)
    client.sign_in(world.director)
    before = snapshot(app)
    page = client.post_form(
        "oversight.review",
        {**client.form_fields("oversight.review", action_id=world.action.id), **data},
        action_id=world.action.id,
    )
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == [message]
    assert snapshot(app) == before


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 403), ("admin", 403), ("colleague", 403), ("committee", 403), ("outsider_director", 404)],
)
def test_only_a_director_of_the_authority_can_sign_off(client, world, app, who, status):
    _propose(app, world)
    client.sign_in(world.users()[who])
    response = client.http.post(
        client.url("oversight.review", action_id=world.action.id),
        data={"decision": "approve", "reason": "Fine.", "version": "3"},
    )
    assert response.status_code == status
    with app.app_context():
        assert db.session.get(Action, world.action.id).status == ActionStatus.AWAITING_SIGN_OFF


def test_an_action_not_proposed_cannot_be_reviewed(client, world):
    client.sign_in(world.director)
    response = client.get("oversight.review", action_id=world.action.id)
    assert response.status_code == 302


def _approve(client, world, status: int = 200):
    data = {
        **client.form_fields("oversight.review", action_id=world.action.id),
        "decision": "approve",
        "reason": "Done.",
    }
    return client.post_form("oversight.review", data, status=status, action_id=world.action.id)


def _errors(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]


def _decisions(page) -> list[str]:
    return [radio["value"] for radio in page.select("input[name=decision]")]


def test_a_red_action_cannot_be_signed_off(client, world, app):
    _propose(app, world)
    with committed(app):  # rated Red while waiting, as proposals made before the rule could be
        db.session.get(Action, world.action.id).rag = Rag.RED
    client.sign_in(world.director)
    page = client.get_page("oversight.review", action_id=world.action.id)
    assert _decisions(page) == ["return"]  # signing off is not offered
    assert "Red" in page.select_one("#rating").text
    assert [li.get_text(strip=True) for li in page.select("#blocker-list li")] == [
        "The action is rated Red: an action still off track is not complete"
    ]
    before = snapshot(app)
    assert _errors(_approve(client, world)) == ["The action is rated Red: an action still off track is not complete"]
    assert snapshot(app) == before


def test_an_action_with_an_open_milestone_cannot_be_signed_off(client, world, app):
    _propose(app, world)
    with committed(app):  # reopened by a data fix after it was proposed
        db.session.get(Milestone, world.milestone.id).completed_date = None
    client.sign_in(world.director)
    before = snapshot(app)
    page = _approve(client, world)
    message = "The milestone “Audit of 40 contacts” is not done: mark it as done, or close it as no longer needed"
    assert _errors(page) == [message]
    assert snapshot(app) == before
    assert _decisions(page) == ["return"]
    item = page.select_one(f"#review-milestone-{world.milestone.id}").get_text(" ", strip=True)
    assert "due 31 October 2026" in item and "not done" in item and "days overdue" in item


def test_the_review_page_shows_the_milestones_and_the_rating(client, world, app):
    _propose(app, world)
    client.sign_in(world.director)
    page = client.get_page("oversight.review", action_id=world.action.id)
    assert _decisions(page) == ["approve", "return"] and not page.select("#blockers")
    items = [li.get_text(" ", strip=True) for li in page.select("#review-milestones li")]
    assert [i.split(",")[0].strip() for i in items] == ["Audit of 40 contacts", "Re-audit"]
    assert all("done on 1 November 2026" in i for i in items)
    assert page.select_one("#rating .govuk-tag").get_text(strip=True) == "Green"


def _propose_at(action: Action, when: datetime) -> None:
    ops.add_evidence(
        action,
        action.owner,
        kind="audit",
        description="Re-audit.",
        evidence_date=date(2026, 11, 1),
        shows_impact=True,
        link="https://intranet.example.org/r",
        at=when,
    )
    ops.propose_completion(action, action.owner, at=when)


def test_the_proposed_date_is_when_it_was_proposed_and_later_edits_keep_it_and_its_place(client, world, app):
    with committed(app):
        first = db.session.get(Action, world.action.id)
        for milestone in first.milestones:
            ops.complete_milestone(milestone, first.owner, completed_date=date(2026, 11, 1))
        _propose_at(first, datetime(2026, 11, 2, 10))
        second = make_action(first.improvement_point, first.owner, first.lead_director, title="Second")
        _propose_at(second, datetime(2026, 11, 9, 10))
        # Edits after proposing that do not withdraw it: a progress update keeping the rating, more evidence.
        ops.record_progress(
            first, first.owner, rag=Rag.GREEN, rag_reason="Holding.", narrative="Holding.", at=datetime(2026, 11, 20)
        )
        ops.add_evidence(
            first,
            first.owner,
            kind="audit",
            description="Dip sample.",
            evidence_date=date(2026, 11, 20),
            shows_impact=False,
            link="https://intranet.example.org/d",
            at=datetime(2026, 11, 21),
        )
    client.sign_in(world.director)
    rows = [
        [td.get_text(strip=True) for td in tr.select("td")]
        for tr in client.get_page("oversight.queue").select("tbody tr")
    ]
    assert [(r[0], r[3]) for r in rows] == [
        ("Strengthen oversight", "2 November 2026"),
        ("Second", "9 November 2026"),
    ]
    with app.app_context():
        assert db.session.get(Action, world.action.id).proposed_at == datetime(2026, 11, 2, 10)
