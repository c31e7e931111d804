"""An inspection's page: what the document found, and the actions that answer each point."""

from flask import Blueprint, abort, render_template
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.models import Action, ImprovementPoint, Inspection
from tracker.security import PLAN_READERS, requires_role

bp = Blueprint("inspections", __name__)


@bp.route("/inspections/<int:inspection_id>")
@requires_role(*PLAN_READERS)
def show(inspection_id: int):
    inspection = db.session.scalar(
        select(Inspection)
        .where(Inspection.id == inspection_id, Inspection.authority_id == current_user.authority_id)
        .options(
            selectinload(Inspection.judgements),
            selectinload(Inspection.strengths),
            selectinload(Inspection.improvement_points).selectinload(ImprovementPoint.actions).joinedload(Action.owner),
        )
    )
    if inspection is None:
        abort(404)
    return render_template("inspections/show.html", title=inspection.title, inspection=inspection)
