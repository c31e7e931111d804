"""Signing off completed actions, returning them, and challenging owners."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from tracker.actions import operations as ops
from tracker.actions.access import action_for_update
from tracker.actions.completion import completion_blockers
from tracker.actions.conflicts import conflict_with_newer, lost_race, stamp
from tracker.extensions import db
from tracker.models import ActionStatus, Role
from tracker.oversight.forms import AnswerForm, ChallengeForm, SignOffForm
from tracker.oversight.signoff_queries import WITHDRAWN_DAYS, awaiting_sign_off, recently_withdrawn
from tracker.security import PLAN_READERS, requires_role
from tracker.timeutil import today


@requires_role(Role.DIRECTOR)
def queue():
    rows = awaiting_sign_off(current_user.authority_id, current_user.id)
    return render_template(
        "oversight/sign_off_queue.html",
        title="Waiting for sign-off",
        rows=rows,
        withdrawn=recently_withdrawn(current_user.authority_id),
        withdrawn_days=WITHDRAWN_DAYS,
    )


@requires_role(Role.DIRECTOR)
def review(action_id: int):
    action = action_for_update(action_id)
    if action.status != ActionStatus.AWAITING_SIGN_OFF:
        flash("This action is not waiting for sign-off.")
        return redirect(url_for("actions.show", action_id=action.id))
    form = SignOffForm()
    conflict = None
    if request.method == "GET":
        stamp(form, action)
    elif form.validate_on_submit() and (conflict := conflict_with_newer(form, action)) is None:
        reason = form.reason.data.strip()
        try:
            if form.decision.data == "approve":
                ops.sign_off(action, current_user, reason=reason)
                message = f"Signed off: {action.title}"
            else:
                ops.return_proposal(action, current_user, reason=reason)
                message = f"Returned to {action.owner.display_name}: {action.title}"
            db.session.commit()
            flash(message, "success")
            return redirect(url_for("oversight.queue"))
        except ops.CompletionBlocked as blocked:
            db.session.rollback()
            form.form_errors.extend(blocked.reasons)
        except ops.PlanRuleError as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        except StaleDataError:
            action, conflict = lost_race(form, action_id)
    blockers = completion_blockers(action)
    if blockers:  # it can only be returned: signing off is not offered
        form.decision.choices = [c for c in form.decision.choices if c.value != "approve"]
    return render_template(
        "oversight/sign_off_review.html",
        title="Review for sign-off",
        form=form,
        action=action,
        conflict=conflict,
        blockers=blockers,
        today=today(),
    )


@requires_role(Role.DIRECTOR)
def challenge(action_id: int):
    action = action_for_update(action_id)
    form = ChallengeForm()
    if form.validate_on_submit():
        ops.raise_challenge(action, current_user, question=form.question.data.strip())
        db.session.commit()
        flash(f"Challenge sent to {action.owner.display_name}", "success")
        return redirect(url_for("actions.show", action_id=action.id))
    return render_template("oversight/challenge.html", title="Challenge this action", form=form, action=action)


@requires_role(Role.DIRECTOR)
def accept_answer(action_id: int, challenge_id: int):
    """A button on the dashboard: the answer is accepted, and leaves the dashboard."""
    action = action_for_update(action_id)
    challenge = next((c for c in action.challenges if c.id == challenge_id), None)
    if challenge is None:
        abort(404)
    try:
        ops.accept_answer(challenge, current_user)
        db.session.commit()
        flash(f"Answer accepted: {action.title}", "success")
    except ops.PlanRuleError as refused:
        # Not answered yet, or another director accepted it first: nothing to change, and the dashboard says so.
        db.session.rollback()
        flash(f"{refused}.")
    return redirect(url_for("oversight.dashboard", _anchor="answers-heading"))


@requires_role(*PLAN_READERS)
def answer(action_id: int, challenge_id: int):
    action = action_for_update(action_id)
    if current_user.id != action.owner_id and current_user.role != Role.ADMINISTRATOR:
        abort(403)  # the owner answers for their action; a director does not close their own challenge
    challenge = next((c for c in action.challenges if c.id == challenge_id), None)
    if challenge is None:
        abort(404)
    if request.method == "GET" and not challenge.is_open:
        flash(f"{ops.ALREADY_ANSWERED}.")
        return redirect(url_for("actions.show", action_id=action.id))
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            ops.answer_challenge(challenge, current_user, answer=form.answer.data.strip())
            db.session.commit()
            flash("Answer sent", "success")
            return redirect(url_for("actions.show", action_id=action.id))
        except ops.PlanRuleError as refused:
            # Someone answered first: their answer is shown, and this person's words stay on the form.
            db.session.rollback()
            form.answer.errors.append(str(refused))
    return render_template(
        "oversight/answer.html", title="Answer a challenge", form=form, action=action, challenge=challenge
    )
