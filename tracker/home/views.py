from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from tracker.home.queries import authority_actions
from tracker.models import Role
from tracker.pagination import page_number, pagination_params
from tracker.security import ALL_ROLES, requires_role
from tracker.timeutil import today

bp = Blueprint("home", __name__)

HEADINGS = {
    Role.SERVICE_MANAGER: "Improvement plan actions",
    Role.DIRECTOR: "Improvement plan overview",
    Role.ADMINISTRATOR: "Improvement plan actions",
}


@bp.route("/")
@requires_role(*ALL_ROLES)
def index():
    if current_user.role == Role.COMMITTEE_MEMBER:
        # Committee members read published reports only, never the working plan.
        return render_template("home/committee.html", title="Committee reports")
    per_page = current_app.config["HOME_PAGE_SIZE"]
    page = page_number(request.args)
    mine_first = current_user.id if current_user.role == Role.SERVICE_MANAGER else None
    rows, total = authority_actions(
        current_user.authority_id, first_owner_id=mine_first, page=page, per_page=per_page
    )
    return render_template(
        "home/plan.html",
        title=HEADINGS[current_user.role],
        rows=rows,
        total=total,
        pagination=pagination_params(page, per_page, total, "home.index"),
        today=today(),
    )
