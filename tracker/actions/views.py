"""The actions pages: a service manager's own actions, the whole plan, and one action."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, render_template, request, send_file
from flask_login import current_user

from tracker import definitions
from tracker.actions import queries
from tracker.actions.access import action_in_authority, may_update
from tracker.actions.completion import completion_blockers
from tracker.actions.history import describe
from tracker.actions.plan_filters import plan_filters
from tracker.actions.plan_queries import authority_actions, plan_filter_options
from tracker.actions.uploads import UploadRefused, download_name, stored_path
from tracker.models import Action, Evidence, Role
from tracker.oversight.signoff_queries import open_challenges
from tracker.pagination import page_number, pagination_params
from tracker.points.queries import unanswered_in_authority
from tracker.security import PLAN_READERS, found_in_authority, requires_role
from tracker.timeutil import today


@requires_role(*PLAN_READERS)
def my_actions():
    due_soon_days, stale_days = definitions.due_soon_days(), definitions.stale_days()
    view = queries.my_actions(current_user.id, today(), due_soon_days=due_soon_days, stale_days=stale_days)
    challenges = open_challenges(owner_id=current_user.id)
    return render_template(
        "actions/my_actions.html",
        title="My actions",
        view=view,
        challenges=challenges,
        today=today(),
        due_soon_days=due_soon_days,
        stale_days=stale_days,
    )


# Points with no action are listed above the plan, the first few by name.
UNANSWERED_SHOWN = 5


@requires_role(*PLAN_READERS)
def plan():
    per_page = current_app.config["HOME_PAGE_SIZE"]
    page = page_number(request.args)
    mine_first = current_user.id if current_user.role == Role.SERVICE_MANAGER else None
    filters = plan_filters(request.args)
    rows, total = authority_actions(
        current_user.authority_id, first_owner_id=mine_first, page=page, per_page=per_page, filters=filters
    )
    args = filters.as_args()
    return render_template(
        "actions/plan.html",
        title="Improvement plan actions",
        rows=rows,
        total=total,
        filters=filters,
        options=plan_filter_options(current_user.authority_id),
        pagination=pagination_params(page, per_page, total, "actions.plan", **args),
        unanswered=unanswered_in_authority(current_user.authority_id, UNANSWERED_SHOWN),
        today=today(),
    )


@requires_role(*PLAN_READERS)
def show(action_id: int):
    action = found_in_authority(queries.action_page(action_id, current_user.authority_id), Action, action_id)
    events = queries.history_events(action_id)
    return render_template(
        "actions/show.html",
        title=action.title,
        action=action,
        history=describe(events, action),
        history_truncated=queries.history_count(action_id) > queries.HISTORY_LIMIT,
        can_update=may_update(current_user, action),
        blockers=completion_blockers(action),
        today=today(),
    )


@requires_role(*PLAN_READERS)
def download_evidence(action_id: int, evidence_id: int):
    action = action_in_authority(action_id)
    evidence = next((e for e in action.evidence if e.id == evidence_id and e.stored_filename), None)
    if evidence is None:
        abort(404)
    return _send(evidence)


def _send(evidence: Evidence):
    try:
        path = stored_path(Path(current_app.config["UPLOAD_FOLDER"]), evidence.stored_filename)
    except UploadRefused:
        abort(404)
    if not path.is_file():
        abort(404)
    response = send_file(
        path,
        mimetype=evidence.content_type,
        as_attachment=True,
        download_name=download_name(evidence.original_filename or "", path.suffix),
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
