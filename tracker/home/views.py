from flask import Blueprint, redirect, url_for
from flask_login import current_user

from tracker.models import Role
from tracker.security import ALL_ROLES, requires_role

bp = Blueprint("home", __name__)


@bp.route("/")
@requires_role(*ALL_ROLES)
def index():
    """Each role's home: a service manager's own actions; the dashboard for directors and administrators."""
    if current_user.role == Role.COMMITTEE_MEMBER:
        # Committee members read published reports only, never the working plan.
        return redirect(url_for("reports.index"))
    if current_user.role == Role.SERVICE_MANAGER:
        return redirect(url_for("actions.my_actions"))
    if current_user.role == Role.OPERATOR:
        return redirect(url_for("councils.index"))
    return redirect(url_for("oversight.dashboard"))
