"""An inspection's page: what the document found, and the actions that answer each point."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload, undefer

from tracker.audit import change_fields
from tracker.extensions import db
from tracker.forms import Form, GovDateField
from tracker.inspections import history_views
from tracker.inspections.publication import publication_problem
from tracker.models import Action, ImprovementPoint, Inspection, Role
from tracker.oversight.deadlines import statutory_deadlines
from tracker.points.answering import answered
from tracker.points.queries import recurrences_of
from tracker.security import PLAN_READERS, found_in_authority, requires_role
from tracker.timeutil import today

bp = Blueprint("inspections", __name__)


@bp.route("/inspections/<int:inspection_id>")
@requires_role(*PLAN_READERS)
def show(inspection_id: int):
    inspection = db.session.scalar(
        select(Inspection)
        .where(Inspection.id == inspection_id, Inspection.authority_id == current_user.authority_id)
        .options(
            undefer(Inspection.source_text),  # deferred elsewhere; this page shows it
            selectinload(Inspection.judgements),
            selectinload(Inspection.strengths),
            selectinload(Inspection.improvement_points).selectinload(ImprovementPoint.actions).joinedload(Action.owner),
            selectinload(Inspection.improvement_points).selectinload(ImprovementPoint.theme_rows),
            selectinload(Inspection.improvement_points).selectinload(ImprovementPoint.framework_rows),
        )
    )
    found_in_authority(inspection, Inspection, inspection_id)
    in_plan = answered(inspection.improvement_points)
    return render_template(
        "inspections/show.html",
        title=inspection.title,
        inspection=inspection,
        in_plan=in_plan,
        not_in_plan=[p for p in inspection.improvement_points if p not in in_plan],
        deadlines=statutory_deadlines(inspection),
        recurrences=recurrences_of([p.id for p in inspection.improvement_points]),
        today=today(),
    )


class PlanSentForm(Form):
    sent_on = GovDateField("Date the action plan was sent to Ofsted", description="For example, 30 11 2017")


@bp.route("/inspections/<int:inspection_id>/plan-sent", methods=["GET", "POST"])
@requires_role(Role.DIRECTOR)
def plan_sent(inspection_id: int):
    """Record when the action plan went to Ofsted, to judge the statutory deadline."""
    inspection = db.session.scalar(
        select(Inspection).where(Inspection.id == inspection_id, Inspection.authority_id == current_user.authority_id)
    )
    found_in_authority(inspection, Inspection, inspection_id)
    form = PlanSentForm()
    if request.method == "GET":
        form.sent_on.data = inspection.plan_submitted_on
    elif form.validate_on_submit():
        if form.sent_on.data > today():
            form.sent_on.errors.append("The date the plan was sent must be today or in the past")
        elif inspection.published and form.sent_on.data < inspection.published:
            form.sent_on.errors.append("The date the plan was sent must be on or after the document's publication")
        else:
            change_fields(inspection, current_user, plan_submitted_on=form.sent_on.data)
            db.session.commit()
            flash("Date the action plan was sent recorded", "success")
            return redirect(url_for("inspections.show", inspection_id=inspection.id))
    return render_template(
        "inspections/plan_sent.html", title="Record when the action plan was sent", form=form, inspection=inspection
    )


class PublishedForm(Form):
    published = GovDateField("Date the document was published", description="For example, 27 11 2020")


@bp.route("/inspections/<int:inspection_id>/published", methods=["GET", "POST"])
@requires_role(Role.DIRECTOR, Role.ADMINISTRATOR)
def published(inspection_id: int):
    """Add (or correct) the date Ofsted published the document, which starts the statutory deadline: one
    imported before the date was required, or read from a council's paper, which does not give it."""
    inspection = db.session.scalar(
        select(Inspection).where(Inspection.id == inspection_id, Inspection.authority_id == current_user.authority_id)
    )
    found_in_authority(inspection, Inspection, inspection_id)
    form = PublishedForm()
    if request.method == "GET":
        form.published.data = inspection.published
    elif form.validate_on_submit():
        problem = publication_problem(form.published.data, inspection.visit_end)
        sent = inspection.plan_submitted_on
        if problem is None and sent is not None and sent < form.published.data:
            problem = "The date published must be on or before the date the action plan was sent to Ofsted"
        if problem:
            form.published.errors.append(problem)
        else:
            change_fields(inspection, current_user, published=form.published.data)
            db.session.commit()
            flash("Date published recorded", "success")
            return redirect(url_for("inspections.show", inspection_id=inspection.id))
    return render_template(
        "inspections/published.html", title="Date the document was published", form=form, inspection=inspection
    )


# The inspection history (tracker/inspections/history_views.py), on this blueprint.
bp.add_url_rule("/inspections/history", "history", history_views.history)
bp.add_url_rule("/inspections/history/new", "add_past", history_views.add, methods=["GET", "POST"])
bp.add_url_rule("/inspections/history/<int:past_id>", "correct_past", history_views.correct, methods=["GET", "POST"])
bp.add_url_rule(
    "/inspections/history/<int:past_id>/remove", "remove_past", history_views.remove, methods=["GET", "POST"]
)
