"""Operations that change the plan: their rules, and the audit events written with each change."""

from datetime import date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from tests.helpers.factories import (
    make_action,
    make_authority,
    make_inspection,
    make_milestone,
    make_point,
    make_user,
)
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import ActionStatus, AuditEvent, EvidenceKind, Rag, Role


@pytest.fixture
def plan(app):
    with app.app_context():
        authority = make_authority()
        owner = make_user(authority, job_title="Head of Service, Duty and Advice")
        director = make_user(authority, Role.DIRECTOR, job_title="Director of Children's Services")
        action = make_action(make_point(make_inspection(authority)), owner, director, rag=Rag.GREEN)
        db.session.commit()
        yield action, owner, director


def _events(action_id):
    return db.session.scalars(
        select(AuditEvent).where(AuditEvent.plan_action_id == action_id).order_by(AuditEvent.id)
    ).all()


def test_a_progress_update_records_each_changed_field_with_before_and_after(plan):
    action, owner, _ = plan
    ops.record_progress(
        action, owner, rag=Rag.RED, rag_reason="Two chairs left.", narrative="Slipped.", recovery="Agency chairs."
    )
    db.session.commit()
    changes = {(e.field, e.before, e.after, e.actor_id) for e in _events(action.id) if e.event == "changed"}
    assert ("rag", "green", "red", owner.id) in changes
    assert ("rag_reason", "On track.", "Two chairs left.", owner.id) in changes
    assert action.updates[-1].rag == Rag.RED


def test_a_worse_rating_must_say_what_will_recover_it(plan):
    action, owner, _ = plan
    with pytest.raises(ops.PlanRuleError, match="back on track"):
        ops.record_progress(action, owner, rag=Rag.AMBER, rag_reason="Slipping.", narrative="Slipping.")
    assert action.rag == Rag.GREEN


def test_the_first_progress_update_starts_a_not_started_action(plan):
    action, owner, _ = plan
    action.status = ActionStatus.NOT_STARTED
    ops.record_progress(action, owner, rag=Rag.GREEN, rag_reason="Started.", narrative="Kick-off held.")
    assert action.status == ActionStatus.IN_PROGRESS


def test_blue_cannot_be_chosen_in_an_update(plan):
    action, owner, _ = plan
    with pytest.raises(ops.PlanRuleError):
        ops.record_progress(action, owner, rag=Rag.BLUE, rag_reason="Done.", narrative="Done.")


def test_replanning_keeps_the_original_date_and_each_move_with_its_reason(plan):
    action, owner, _ = plan
    milestone = make_milestone(action, date(2026, 3, 31))
    ops.replan_milestone(milestone, owner, new_due_date=date(2026, 5, 31), reason="Recruitment delayed.")
    ops.replan_milestone(milestone, owner, new_due_date=date(2026, 6, 30), reason="Panel postponed.")
    db.session.commit()
    assert milestone.original_due_date == date(2026, 3, 31)
    assert milestone.due_date == date(2026, 6, 30)
    assert milestone.times_moved == 2
    assert [r.reason for r in milestone.replans] == ["Recruitment delayed.", "Panel postponed."]
    with pytest.raises(ops.PlanRuleError, match="reason"):
        ops.replan_milestone(milestone, owner, new_due_date=date(2026, 7, 31), reason="  ")


def test_completion_needs_evidence_of_impact_then_a_directors_sign_off(plan):
    action, owner, director = plan
    ops.add_evidence(
        action,
        owner,
        kind=EvidenceKind.TRAINING,
        description="Training delivered.",
        evidence_date=date(2026, 1, 5),
        shows_impact=False,
        link="https://intranet.example.org/training",
    )
    with pytest.raises(ops.PlanRuleError, match="impact"):
        ops.propose_completion(action, owner)
    ops.add_evidence(
        action,
        owner,
        kind=EvidenceKind.AUDIT,
        description="Audit: 85% of contacts decided in 24 hours.",
        evidence_date=date(2026, 2, 5),
        shows_impact=True,
        link="https://intranet.example.org/audit",
    )
    ops.propose_completion(action, owner)
    assert action.status == ActionStatus.AWAITING_SIGN_OFF and not action.is_complete
    ops.sign_off(action, director, reason="Impact shown by the February audit.", at=datetime(2026, 3, 1, 16))
    db.session.commit()
    assert action.is_complete and action.rag == Rag.BLUE
    assert action.signed_off_by == director
    signed = [e for e in _events(action.id) if e.field == "status" and e.after == "complete"]
    assert signed[0].actor_id == director.id and signed[0].occurred_at == datetime(2026, 3, 1, 16)


def test_an_action_not_proposed_cannot_be_signed_off(plan):
    action, _, director = plan
    with pytest.raises(ops.PlanRuleError):
        ops.sign_off(action, director, reason="Looks done.")


def test_a_rolled_back_change_leaves_no_audit_event(plan):
    action, owner, _ = plan
    before = len(_events(action.id))
    ops.record_progress(action, owner, rag=Rag.AMBER, rag_reason="Slipping.", narrative="Slipping.", recovery="X.")
    db.session.rollback()
    assert len(_events(action.id)) == before


def test_a_save_over_someone_elses_newer_save_is_refused(app, plan):
    action, owner, _ = plan
    action_id, version = action.id, action.version
    # Another session (another person) saves first.
    with app.app_context():
        other = db.session.get(type(action), action_id)
        other.rag_reason = "Their change."
        db.session.commit()
    action.rag_reason = "My change, made on the old version."
    assert action.version == version
    with pytest.raises(StaleDataError):
        db.session.commit()
