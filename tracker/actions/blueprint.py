"""The actions area's URLs, in one place."""

from flask import Blueprint

from tracker.actions import update_views, views

bp = Blueprint("actions", __name__)

bp.add_url_rule("/my-actions", "my_actions", views.my_actions)
bp.add_url_rule("/plan", "plan", views.plan)
bp.add_url_rule("/actions/<int:action_id>", "show", views.show)
bp.add_url_rule(
    "/actions/<int:action_id>/evidence/<int:evidence_id>/download", "download_evidence", views.download_evidence
)
bp.add_url_rule("/actions/<int:action_id>/progress", "progress", update_views.progress, methods=["GET", "POST"])
bp.add_url_rule(
    "/actions/<int:action_id>/milestones/new", "add_milestone", update_views.add_milestone, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/actions/<int:action_id>/milestones/<int:milestone_id>/complete",
    "complete_milestone",
    update_views.complete_milestone,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/actions/<int:action_id>/milestones/<int:milestone_id>/replan",
    "replan_milestone",
    update_views.replan_milestone,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/actions/<int:action_id>/milestones/<int:milestone_id>/close",
    "close_milestone",
    update_views.close_milestone,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/actions/<int:action_id>/evidence/new", "add_evidence", update_views.add_evidence, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/actions/<int:action_id>/propose-completion",
    "propose_completion",
    update_views.propose_completion,
    methods=["GET", "POST"],
)
