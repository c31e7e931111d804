"""The forms that change an action: progress and RAG, milestones, evidence, proposing completion.

Each follows one shape: load what may be changed (404 outside the authority, 403 if not the user's),
validate, refuse a save made over someone else's newer one, call one operation, commit, redirect.
Adding a milestone or evidence only appends, so it is never refused for someone else's save.
"""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from tracker.actions import operations as ops
from tracker.actions.access import action_for_update
from tracker.actions.completion import completion_blockers
from tracker.actions.conflicts import conflict_with_newer, lost_race, stamp
from tracker.actions.forms import (
    CloseMilestoneForm,
    CompleteMilestoneForm,
    EvidenceForm,
    MilestoneForm,
    ProgressForm,
    ProposeCompletionForm,
    ReplanMilestoneForm,
)
from tracker.actions.uploads import StorageFailed, UploadRefused, check_upload
from tracker.extensions import db
from tracker.faults import logged_with_reference
from tracker.models import Action, EvidenceKind, Rag
from tracker.security import PLAN_READERS, requires_role
from tracker.timeutil import today

# On the evidence form when the file could not be written (the disk or the quota is full): the rest of
# what the person typed stays on the form, and nothing is saved.
STORAGE_FAILED = (
    "The file could not be saved because of a problem with the service. Try again later. If it keeps "
    "happening, tell your administrator and give them this reference: {reference}"
)


def _not_complete(action: Action):
    if action.is_complete:
        flash("This action has been signed off as complete, so it can no longer be changed.")
        return redirect(url_for("actions.show", action_id=action.id))
    return None


def _done(action: Action, message: str):
    flash(message, "success")
    return redirect(url_for("actions.show", action_id=action.id))


@requires_role(*PLAN_READERS)
def progress(action_id: int):
    action = action_for_update(action_id)
    if (closed := _not_complete(action)) is not None:
        return closed
    form = ProgressForm()
    conflict = None
    if request.method == "GET":
        form.rag.data = action.rag.value if action.rag != Rag.BLUE else None
        stamp(form, action)
    elif form.validate_on_submit() and (conflict := conflict_with_newer(form, action)) is None:
        rag = Rag(form.rag.data)
        if ops.is_worse(rag, action.rag) and not (form.recovery.data or "").strip():
            form.recovery.errors.append("Enter what will bring the action back on track")
        else:
            try:
                ops.record_progress(
                    action,
                    current_user,
                    rag=rag,
                    rag_reason=form.rag_reason.data.strip(),
                    narrative=form.narrative.data.strip(),
                    recovery=form.recovery.data,
                )
                db.session.commit()
                return _done(action, "Progress update saved")
            except StaleDataError:
                action, conflict = lost_race(form, action_id)
    return render_template(
        "actions/progress.html", title="Update progress", form=form, action=action, conflict=conflict
    )


MILESTONE_RACE = (
    "Someone changed this action while you were adding the milestone, so it was not added. "
    "Check the action and add the milestone again."
)


@requires_role(*PLAN_READERS)
def add_milestone(action_id: int):
    action = action_for_update(action_id)
    if (closed := _not_complete(action)) is not None:
        return closed
    form = MilestoneForm()
    if form.validate_on_submit():
        try:
            ops.add_milestone(action, current_user, title=form.title.data.strip(), due_date=form.due_date.data)
            db.session.commit()
            return _done(action, "Milestone added")
        except ops.PlanRuleError as refused:  # signed off since the page was loaded: the input stays on the form
            db.session.rollback()
            form.form_errors.append(str(refused))
        except StaleDataError:
            # Adding a milestone withdraws a pending proposal, which changes the action itself; someone else
            # changed it first (returned or signed it off). Nothing was saved; the milestone stays on the form.
            db.session.rollback()
            action = action_for_update(action_id)
            form.form_errors.append(MILESTONE_RACE)
    return render_template("actions/milestone_new.html", title="Add a milestone", form=form, action=action)


def _milestone(action: Action, milestone_id: int):
    milestone = next((m for m in action.milestones if m.id == milestone_id), None)
    if milestone is None:
        abort(404)
    return milestone


def _already_done(action: Action, milestone):
    if milestone.completed_date is not None:
        flash("This milestone is already done or closed, so it cannot be changed.")
        return redirect(url_for("actions.show", action_id=action.id))
    return None


def _change_milestone(action_id: int, milestone_id: int, form, *, refusal, apply, done, template: str, title: str):
    """The shape both milestone forms share: refuse a done milestone or a stale save, check, apply, redirect.

    `refusal(milestone)` returns (field, message) when the input is refused; `apply(milestone)` makes the change.
    """
    action = action_for_update(action_id)
    if (closed := _not_complete(action)) is not None:
        return closed
    milestone = _milestone(action, milestone_id)
    if (already := _already_done(action, milestone)) is not None:
        return already
    conflict = None
    if request.method == "GET":
        stamp(form, action)
    elif form.validate_on_submit() and (conflict := conflict_with_newer(form, action)) is None:
        if (refused := refusal(milestone)) is not None:
            field, message = refused
            field.errors.append(message)
        else:
            try:
                apply(milestone)
                db.session.commit()
                return _done(action, done)
            except StaleDataError:
                action, conflict = lost_race(form, action_id)
                milestone = _milestone(action, milestone_id)
    return render_template(template, title=title, form=form, action=action, milestone=milestone, conflict=conflict)


@requires_role(*PLAN_READERS)
def complete_milestone(action_id: int, milestone_id: int):
    form = CompleteMilestoneForm()
    if request.method == "GET":
        form.completed_date.data = today()

    def refusal(milestone):
        if form.completed_date.data > today():
            return form.completed_date, "The date it was done must be today or in the past"
        return None

    return _change_milestone(
        action_id,
        milestone_id,
        form,
        refusal=refusal,
        apply=lambda m: ops.complete_milestone(m, current_user, completed_date=form.completed_date.data),
        done="Milestone marked as done",
        template="actions/milestone_complete.html",
        title="Mark a milestone as done",
    )


@requires_role(*PLAN_READERS)
def replan_milestone(action_id: int, milestone_id: int):
    form = ReplanMilestoneForm()

    def refusal(milestone):
        if form.due_date.data == milestone.due_date:
            return form.due_date, "The new due date must be different from the current one"
        return None

    return _change_milestone(
        action_id,
        milestone_id,
        form,
        refusal=refusal,
        apply=lambda m: ops.replan_milestone(
            m, current_user, new_due_date=form.due_date.data, reason=form.reason.data.strip()
        ),
        done="Milestone moved",
        template="actions/milestone_replan.html",
        title="Move a milestone",
    )


@requires_role(*PLAN_READERS)
def close_milestone(action_id: int, milestone_id: int):
    form = CloseMilestoneForm()
    return _change_milestone(
        action_id,
        milestone_id,
        form,
        refusal=lambda milestone: None,  # the form asks for the reason; nothing else can be wrong
        apply=lambda m: ops.close_milestone(m, current_user, reason=form.reason.data.strip()),
        done="Milestone closed as no longer needed",
        template="actions/milestone_close.html",
        title="Close a milestone as no longer needed",
    )


@requires_role(*PLAN_READERS)
def add_evidence(action_id: int):
    action = action_for_update(action_id)
    if (closed := _not_complete(action)) is not None:
        return closed
    form = EvidenceForm()
    file_was_chosen = bool(request.files.get("file") and request.files["file"].filename)
    if form.validate_on_submit():
        checked = None
        if form.file.data:
            try:
                max_bytes = current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024
                checked = check_upload(form.file.data, max_bytes)
            except UploadRefused as refused:
                form.file.errors.append(str(refused))
        if form.evidence_date.data and form.evidence_date.data > today():
            form.evidence_date.errors.append("The date of the evidence must be today or in the past")
        if not form.file.errors and not form.evidence_date.errors:
            try:
                ops.add_evidence(
                    action,
                    current_user,
                    kind=EvidenceKind(form.kind.data),
                    description=form.description.data.strip(),
                    evidence_date=form.evidence_date.data,
                    shows_impact=form.shows_impact.data == "yes",
                    link=form.link.data or None,
                    file=checked,
                    upload_folder=Path(current_app.config["UPLOAD_FOLDER"]),
                )
                db.session.commit()
                return _done(action, "Evidence added")
            except StorageFailed as failed:
                db.session.rollback()
                reference = logged_with_reference("Evidence file could not be stored", failed)
                form.file.errors.append(STORAGE_FAILED.format(reference=reference))
            except ops.PlanRuleError as refused:  # signed off since the page was loaded (the file goes too)
                db.session.rollback()
                form.form_errors.append(str(refused))
    return render_template(
        "actions/evidence_new.html",
        title="Add evidence",
        form=form,
        action=action,
        reselect_file=file_was_chosen and bool(form.errors),
        max_upload_mb=current_app.config["MAX_UPLOAD_MB"],
    )


@requires_role(*PLAN_READERS)
def propose_completion(action_id: int):
    action = action_for_update(action_id)
    if (closed := _not_complete(action)) is not None:
        return closed
    form = ProposeCompletionForm()
    conflict = None
    if request.method == "GET":
        stamp(form, action)
    elif form.validate_on_submit() and (conflict := conflict_with_newer(form, action)) is None:
        try:
            ops.propose_completion(action, current_user)
            db.session.commit()
            return _done(action, "Action proposed as complete. A director will review the evidence and sign it off.")
        except ops.CompletionBlocked as blocked:
            form.form_errors.extend(blocked.reasons)
        except ops.PlanRuleError as refused:
            form.form_errors.append(str(refused))
        except StaleDataError:
            action, conflict = lost_race(form, action_id)
    return render_template(
        "actions/propose.html",
        title="Propose this action as complete",
        form=form,
        action=action,
        conflict=conflict,
        impact_evidence=[e for e in action.evidence if e.shows_impact],
        blockers=completion_blockers(action),
    )
