"""The oversight area's URLs, in one place."""

from flask import Blueprint

from tracker.oversight import changes_views, dashboard_views, overdue_views, signoff_views

bp = Blueprint("oversight", __name__)

bp.add_url_rule("/sign-off", "queue", signoff_views.queue)
bp.add_url_rule("/actions/<int:action_id>/sign-off", "review", signoff_views.review, methods=["GET", "POST"])
bp.add_url_rule(
    "/actions/<int:action_id>/challenges/new", "challenge", signoff_views.challenge, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/actions/<int:action_id>/challenges/<int:challenge_id>/answer",
    "answer",
    signoff_views.answer,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/actions/<int:action_id>/challenges/<int:challenge_id>/accept",
    "accept_answer",
    signoff_views.accept_answer,
    methods=["POST"],
)
bp.add_url_rule("/overdue", "overdue", overdue_views.overdue)
bp.add_url_rule("/overdue.csv", "overdue_csv", overdue_views.overdue_csv)
bp.add_url_rule("/overdue.xlsx", "overdue_xlsx", overdue_views.overdue_xlsx)
bp.add_url_rule("/dashboard", "dashboard", dashboard_views.show)
bp.add_url_rule("/changes", "changes", changes_views.changes)
bp.add_url_rule("/changes.csv", "changes_csv", changes_views.changes_csv)
