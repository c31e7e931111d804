"""Every change to an action and what hangs off it, each written with its audit events in one transaction.

The caller commits. `at` lets the demo seed replay a plan's history at the dates it happened; live use
leaves it empty (now).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from tracker.actions import uploads
from tracker.actions.completion import WITHDRAWN, completion_blockers
from tracker.actions.uploads import CheckedFile
from tracker.audit import change_fields, record, record_creation
from tracker.extensions import db
from tracker.models import (
    Action,
    ActionStatus,
    Challenge,
    Evidence,
    EvidenceKind,
    ImprovementPoint,
    Milestone,
    MilestoneReplan,
    ProgressUpdate,
    Rag,
    Theme,
    User,
)
from tracker.timeutil import uk_date, utcnow


class PlanRuleError(ValueError):
    """A change the plan's rules do not allow; the message is for the user."""


class CompletionBlocked(PlanRuleError):
    """The action is not ready to be complete; each reason is its own message for the user."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


SIGNED_OFF = "This action has been signed off as complete, so nothing more can be added to it."


ALREADY_ANSWERED = "This challenge has already been answered"
NOT_THE_COUNCILS = "The council does not answer this point in its plan, so no action can be added to it"


def create_action(
    point: ImprovementPoint,
    actor: User | None,
    *,
    title: str,
    description: str,
    owner: User,
    lead_director: User,
    theme: Theme,
    target_date: date,
    rag: Rag,  # no default: whoever makes an action says how it stands (issue 19: drafts were Green unasked)
    rag_reason: str = "",
    at: datetime | None = None,
) -> Action:
    # Every creator (import, the answered page, the seed) goes through here: an action is the plan's answer,
    # so a point outside the plan gets one only once the council answers it.
    if not point.answered_by_council:
        raise PlanRuleError(NOT_THE_COUNCILS)
    when = at or utcnow()
    action = Action(
        improvement_point=point,
        title=title,
        description=description,
        owner=owner,
        lead_director=lead_director,
        theme=theme.label,  # stored as users read it; always one of the list (see docs/decisions.md)
        target_date=target_date,
        status=ActionStatus.NOT_STARTED,
        rag=rag,
        rag_reason=rag_reason,
        created_at=when,
        updated_at=when,
    )
    db.session.add(action)
    record_creation(
        action,
        actor,
        {
            "title": title,
            "owner": owner,
            "lead_director": lead_director,
            "theme": theme.label,
            "target_date": target_date,
            "status": action.status,
            "rag": rag,
            "rag_reason": rag_reason,
        },
        at=when,
    )
    return action


def record_progress(
    action: Action,
    actor: User,
    *,
    rag: Rag,
    rag_reason: str,
    narrative: str,
    recovery: str | None = None,
    at: datetime | None = None,
) -> ProgressUpdate:
    """A progress update: the narrative, the RAG rating and its reason; starts a not-started action.

    A worse rating than the current one must say what will bring it back on track.
    """
    when = at or utcnow()
    if rag == Rag.BLUE:
        raise PlanRuleError("Blue is set only when a director signs the action off")
    if not rag_reason.strip():
        raise PlanRuleError("Enter the reason for the RAG rating")
    recovery = (recovery or "").strip() or None
    if is_worse(rag, action.rag) and not recovery:
        raise PlanRuleError("Say what will bring the action back on track")
    # The recovery plan stays while the action is Red or Amber, unless a new one is given.
    kept = recovery or action.recovery
    previous = action.rag
    changes = {"rag": rag, "rag_reason": rag_reason, "recovery": kept if rag != Rag.GREEN else None}
    if action.status == ActionStatus.NOT_STARTED:
        changes["status"] = ActionStatus.IN_PROGRESS
    change_fields(action, actor, at=when, **changes)
    if is_worse(rag, previous):
        _withdraw_proposal(action, actor, f"rating worsened from {previous.label} to {rag.label}", when)
    action.updated_at = when  # before record_creation's flush, so the action is written (and versioned) once
    update = ProgressUpdate(
        action=action,
        narrative=narrative,
        rag=rag,
        rag_reason=rag_reason,
        recovery=recovery,
        author=actor,
        created_at=when,
    )
    db.session.add(update)
    record_creation(update, actor, {"narrative": narrative, "rag": rag}, at=when)
    return update


def _appended_to(action: Action, when: datetime) -> None:
    """Mark the action updated by an append (a milestone or evidence added) without taking its version.

    An append changes nothing anyone else is editing, so it neither checks the version nor raises it: a
    plain UPDATE of `updated_at`, which waits for another save's lock on the row but never fails for it,
    and never makes someone's open form stale. Edits of the action's own fields still go through the ORM,
    whose versioned UPDATE refuses a save made over a newer one. The one thing an append must not miss is
    a sign-off that landed since the action was read: the UPDATE matches only an action not complete
    (PostgreSQL re-reads the row once another save's lock is released), and finding none refuses.
    """
    touched = db.session.execute(
        update(Action)
        .where(Action.id == action.id, Action.status != ActionStatus.COMPLETE)
        .values(updated_at=when)
        .execution_options(synchronize_session=False)
    )
    if touched.rowcount != 1:
        raise PlanRuleError(SIGNED_OFF)
    set_committed_value(action, "updated_at", when)


def is_worse(new: Rag, current: Rag) -> bool:
    return new.severity > current.severity


def set_rating(action: Action, actor: User, *, rag: Rag, rag_reason: str, at: datetime | None = None) -> None:
    """Change the RAG rating or its reason without a progress narrative."""
    if rag == Rag.BLUE:
        raise PlanRuleError("Blue is set only when a director signs the action off")
    if not rag_reason.strip():
        raise PlanRuleError("Enter the reason for the RAG rating")
    when = at or utcnow()
    previous = action.rag
    if change_fields(action, actor, at=when, rag=rag, rag_reason=rag_reason):
        action.updated_at = when
    if is_worse(rag, previous):
        _withdraw_proposal(action, actor, f"rating worsened from {previous.label} to {rag.label}", when)


def _withdraw_proposal(action: Action, actor: User | None, reason: str, when: datetime) -> None:
    """A proposal stands only on what was proposed: a worse rating or a new milestone takes it back to In
    progress. Done here, under every path that changes either (forms, import, seed), and recorded with why
    (the field `proposal_withdrawn`), which the sign-off queue reads back to tell the directors."""
    if action.status != ActionStatus.AWAITING_SIGN_OFF:
        return
    change_fields(action, actor, at=when, status=ActionStatus.IN_PROGRESS, proposed_at=None)
    record(action, "changed", actor, field=WITHDRAWN, after=reason, at=when)
    action.updated_at = when


def add_milestone(action: Action, actor: User | None, *, title: str, due_date: date, at=None) -> Milestone:
    when = at or utcnow()
    milestone = Milestone(action=action, title=title, due_date=due_date, original_due_date=due_date)
    db.session.add(milestone)
    record_creation(milestone, actor, {"title": title, "due_date": due_date}, at=when)
    _appended_to(action, when)
    _withdraw_proposal(action, actor, f"milestone added: {title}", when)
    return milestone


def replan_milestone(milestone: Milestone, actor: User, *, new_due_date: date, reason: str, at=None) -> None:
    """Move a milestone's due date; the original date stays, and each move is kept with its reason."""
    when = at or utcnow()
    if not reason.strip():
        raise PlanRuleError("Enter the reason the milestone has moved")
    if new_due_date == milestone.due_date:
        raise PlanRuleError("The new due date must be different from the current one")
    db.session.add(
        MilestoneReplan(
            milestone=milestone,
            previous_due_date=milestone.due_date,
            new_due_date=new_due_date,
            reason=reason,
            replanned_by=actor,
            replanned_at=when,
        )
    )
    change_fields(milestone, actor, at=when, due_date=new_due_date)
    # Written with the date change (same moment and event) so the history reads them as one move.
    record(milestone, "changed", actor, field="reason", after=reason, at=when)
    milestone.action.updated_at = when


def complete_milestone(milestone: Milestone, actor: User, *, completed_date: date, at=None) -> None:
    when = at or utcnow()
    change_fields(milestone, actor, at=when, completed_date=completed_date)
    milestone.action.updated_at = when


def close_milestone(milestone: Milestone, actor: User, *, reason: str, at: datetime | None = None) -> None:
    """Close a milestone that is no longer needed, saying why: no longer open, and never shown as done."""
    if milestone.completed_date is not None:
        raise PlanRuleError("This milestone is already done or closed")
    if not reason.strip():
        raise PlanRuleError("Enter why the milestone is no longer needed")
    when = at or utcnow()
    change_fields(milestone, actor, at=when, completed_date=uk_date(when), closed_reason=reason.strip())
    milestone.action.updated_at = when


def add_evidence(
    action: Action,
    actor: User,
    *,
    kind: EvidenceKind,
    description: str,
    evidence_date: date,
    shows_impact: bool,
    link: str | None = None,
    file: CheckedFile | None = None,
    upload_folder: Path | None = None,
    at: datetime | None = None,
) -> Evidence:
    """Evidence as a link or an uploaded file (already checked), stored outside the web root."""
    link = (link or "").strip() or None
    if bool(link) == bool(file):
        raise PlanRuleError("Give a link or a file (one, not both)")
    if link and urlsplit(link).scheme.lower() not in ("http", "https"):
        raise PlanRuleError("A link must start with http:// or https://")
    when = at or utcnow()
    evidence = Evidence(
        action=action,
        kind=kind,
        description=description,
        evidence_date=evidence_date,
        link=link,
        shows_impact=shows_impact,
        added_by=actor,
        added_at=when,
    )
    # In the session before anything is loaded: loading autoflushes, and a half-made Evidence must not be.
    db.session.add(evidence)
    if file is not None:
        authority_id = action.improvement_point.inspection.authority_id
        evidence.stored_filename = uploads.store(file, upload_folder, authority_id, db.session())
        evidence.original_filename = file.original_name
        evidence.content_type = file.content_type
        evidence.size_bytes = len(file.data)
    record_creation(
        evidence,
        actor,
        {
            "kind": kind,
            "description": description,
            "evidence_date": evidence_date,
            "link": link,
            "file": evidence.original_filename,
            "shows_impact": shows_impact,
        },
        at=when,
    )
    _appended_to(action, when)
    return evidence


def propose_completion(action: Action, actor: User, at: datetime | None = None) -> None:
    """The owner says it is done; a director must sign it off before it counts as complete."""
    if action.status == ActionStatus.COMPLETE:
        raise PlanRuleError("This action is already complete")
    if action.status == ActionStatus.AWAITING_SIGN_OFF:
        raise PlanRuleError("This action is already waiting for a director's sign-off")
    if blockers := completion_blockers(action):
        raise CompletionBlocked(blockers)
    when = at or utcnow()
    change_fields(
        action,
        actor,
        at=when,
        status=ActionStatus.AWAITING_SIGN_OFF,
        proposed_at=when,
        returned_reason=None,
        returned_by=None,
        returned_at=None,
    )
    action.updated_at = when


def sign_off(action: Action, director: User, *, reason: str, at: datetime | None = None) -> None:
    """A director accepts the evidence: the action becomes complete and Blue."""
    if action.status != ActionStatus.AWAITING_SIGN_OFF:
        raise PlanRuleError("Only an action proposed as complete can be signed off")
    if blockers := completion_blockers(action):
        raise CompletionBlocked(blockers)
    if not reason.strip():
        raise PlanRuleError("Enter why the evidence shows the action is complete")
    if director.id == action.owner_id:
        raise PlanRuleError("Another director must sign off an action you own")
    when = at or utcnow()
    change_fields(
        action,
        director,
        at=when,
        status=ActionStatus.COMPLETE,
        rag=Rag.BLUE,
        rag_reason=reason,
        recovery=None,
        signed_off_by=director,
        signed_off_at=when,
    )
    action.updated_at = when


def return_proposal(action: Action, director: User, *, reason: str, at: datetime | None = None) -> None:
    """A director sends a proposal back to its owner, saying what is missing."""
    if action.status != ActionStatus.AWAITING_SIGN_OFF:
        raise PlanRuleError("Only an action proposed as complete can be returned")
    if not reason.strip():
        raise PlanRuleError("Enter why the action is being returned")
    when = at or utcnow()
    change_fields(
        action,
        director,
        at=when,
        status=ActionStatus.IN_PROGRESS,
        proposed_at=None,
        returned_reason=reason,
        returned_by=director,
        returned_at=when,
    )
    action.updated_at = when


def raise_challenge(action: Action, director: User, *, question: str, at: datetime | None = None) -> Challenge:
    """A director's question the owner must answer; it stays open on both their pages until answered."""
    if not question.strip():
        raise PlanRuleError("Enter the challenge")
    when = at or utcnow()
    challenge = Challenge(action=action, question=question, raised_by=director, raised_at=when)
    db.session.add(challenge)
    record_creation(challenge, director, {"question": question}, at=when)
    # Not an update of the action: a challenge must not take a neglected action off the stale list.
    return challenge


def answer_challenge(challenge: Challenge, actor: User, *, answer: str, at: datetime | None = None) -> None:
    """Answer an open challenge. Of two answers sent at once exactly one lands: the database itself sets the
    answer only while none is recorded (its row lock orders the two), and the other is refused."""
    if not challenge.is_open:
        raise PlanRuleError(ALREADY_ANSWERED)
    if not answer.strip():
        raise PlanRuleError("Enter your answer")
    when = at or utcnow()
    answered = {"answer": answer, "answered_by_id": actor.id, "answered_at": when}
    still_open = (Challenge.id == challenge.id) & Challenge.answered_at.is_(None)
    result = db.session.execute(
        update(Challenge).where(still_open).values(answered).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise PlanRuleError(ALREADY_ANSWERED)
    for name, value in (("answer", answer), ("answered_by", actor), ("answered_at", when)):
        set_committed_value(challenge, name, value)
        record(challenge, "changed", actor, field=name, before=None, after=value, at=when)


NOT_ANSWERED = "This challenge has not been answered yet"
ALREADY_ACCEPTED = "This answer has already been accepted"


def accept_answer(challenge: Challenge, director: User, *, at: datetime | None = None) -> None:
    """A director accepts the owner's answer, which takes it off the directors' dashboard. Of two directors
    accepting at once one lands, as with answers: the database sets it only while none is recorded."""
    if challenge.is_open:
        raise PlanRuleError(NOT_ANSWERED)
    if challenge.is_accepted:
        raise PlanRuleError(ALREADY_ACCEPTED)
    when = at or utcnow()
    waiting = (Challenge.id == challenge.id) & Challenge.accepted_at.is_(None)
    result = db.session.execute(
        update(Challenge)
        .where(waiting)
        .values(accepted_by_id=director.id, accepted_at=when)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise PlanRuleError(ALREADY_ACCEPTED)
    for name, value in (("accepted_by", director), ("accepted_at", when)):
        set_committed_value(challenge, name, value)
        record(challenge, "changed", director, field=name, before=None, after=value, at=when)
