"""An improvement point's page: its themes, what inspectors found, where it was raised before, and the
actions that answer it. Directors change its themes; directors and administrators, whether the council
answers it in its plan."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.actions import drafting
from tracker.extensions import db
from tracker.forms import choices, error_summary_items
from tracker.models import ImprovementPoint, Role, Theme
from tracker.oversight.overdue import inspection_titles
from tracker.pagination import page_number, pagination_params
from tracker.points import by_framework
from tracker.points.analysis import link_recurrences, set_themes
from tracker.points.answering import ANSWER_SETTERS, StillAnswered, set_answered
from tracker.points.forms import AnsweredForm, ThemesForm
from tracker.points.queries import point_in_authority, recurrences_of
from tracker.security import PLAN_READERS, found_in_authority, requires_role

bp = Blueprint("points", __name__)


def _point(point_id: int):
    return found_in_authority(point_in_authority(point_id, current_user.authority_id), ImprovementPoint, point_id)


@bp.route("/points/<int:point_id>")
@requires_role(*PLAN_READERS)
def show(point_id: int):
    point = _point(point_id)
    return render_template(
        "points/show.html",
        title=point.label,
        point=point,
        recurrences=recurrences_of([point.id]).get(point.id, []),
        changes_answered=current_user.role in ANSWER_SETTERS,
    )


@bp.route("/points/<int:point_id>/themes", methods=["GET", "POST"])
@requires_role(Role.DIRECTOR)
def themes(point_id: int):
    point = _point(point_id)
    form = ThemesForm()
    if request.method == "GET":
        form.themes.data = [t.value for t in point.themes]
    elif form.validate_on_submit():
        if set_themes(point, [Theme(v) for v in form.themes.data], current_user):
            db.session.flush()
            # Whether it repeats an earlier weakness depends on its themes.
            link_recurrences([point])
            db.session.commit()
            flash("Themes changed", "success")
        return redirect(url_for("points.show", point_id=point.id))
    return render_template("points/themes.html", title="Change the themes", form=form, point=point)


DRAFT_MESSAGES = {
    "owner_id": "Choose who owns the draft action",
    "lead_director_id": "Choose the lead director",
}


def _answered_form(point: ImprovementPoint) -> AnsweredForm:
    form = AnsweredForm()
    owners, directors = drafting.people(point.inspection.authority_id)
    form.owner_id.choices = choices([("", "Choose an owner"), *((u.id, u.display_name) for u in owners)])
    form.lead_director_id.choices = choices(
        [("", "Choose a lead director"), *((u.id, u.display_name) for u in directors)]
    )
    return form


def _drafted_by(form: AnsweredForm, point: ImprovementPoint) -> dict | None:
    """The draft action's owner, lead director and target date when the answer needs one (the plan answers a
    point no action answers yet), with the fields' errors set if any is missing or wrong; else None."""
    if form.answers.data != "yes" or point.actions:
        for name in AnsweredForm.DRAFT_FIELDS:  # not asked for, so nothing typed there is wrong
            getattr(form, name).errors = []
        return None
    owners, directors = drafting.people(point.inspection.authority_id)
    chosen = {
        "owner": next((u for u in owners if u.id == form.owner_id.data), None),
        "lead_director": next((u for u in directors if u.id == form.lead_director_id.data), None),
    }
    for name, person in zip(DRAFT_MESSAGES, chosen.values(), strict=True):
        field = getattr(form, name)
        if person is None:
            field.errors = [DRAFT_MESSAGES[name] if field.data is None else "Choose from the list"]
    if not form.target_date.errors:
        problem = drafting.target_date_problem(form.target_date.data, form.target_date.label.text)
        form.target_date.errors = [problem] if problem else []
    rag = drafting.chosen_rag(form.rag.data)
    form.rag.errors = [] if rag else [drafting.RAG_MISSING]
    return {**chosen, "target_date": form.target_date.data, "rag": rag}


@bp.route("/points/<int:point_id>/answered", methods=["GET", "POST"])
@requires_role(*ANSWER_SETTERS)
def answered(point_id: int):
    point = _point(point_id)
    form = _answered_form(point)
    if request.method == "GET":
        form.answers.data = "yes" if point.answered_by_council else "no"
    elif form.is_submitted():
        form.validate()
        drafted = _drafted_by(form, point)
        if not error_summary_items(form):
            try:
                changed = set_answered(point, form.answers.data == "yes", current_user)
                if drafted:
                    # In the same transaction: the plan never answers the point without the action it asked for.
                    drafting.create_draft_action(point, current_user, **drafted)
                if changed or drafted:
                    db.session.commit()
                    flash(_answered_message(bool(drafted)), "success")
                return redirect(url_for("points.show", point_id=point.id))
            except StillAnswered as refused:
                form.answers.errors.append(str(refused))
    return render_template(
        "points/answered.html",
        title="Whether the council answers this point",
        form=form,
        point=point,
        drafts_action=not point.actions,
    )


def _answered_message(drafted: bool) -> str:
    recorded = "Recorded whether the council answers this point"
    return f"{recorded}, and drafted its first action" if drafted else recorded


@bp.route("/plan/framework")
@requires_role(*PLAN_READERS)
def framework():
    """The plan's points by National Framework area: a count for every area, and one area's points, paged."""
    authority_id = current_user.authority_id
    titles = inspection_titles(authority_id)
    # A value that does not parse, or names another council's document, is ignored, as if not chosen.
    inspection_id = request.args.get("inspection", type=int)
    inspection_id = inspection_id if inspection_id in titles else None
    area = request.args.get("area", "")
    area = area if by_framework.is_area(area) else ""
    args = {k: v for k, v in {"inspection": inspection_id, "area": area}.items() if v}
    points, pagination = [], None
    if area:
        per_page = current_app.config["HOME_PAGE_SIZE"]
        page = page_number(request.args)
        points, total = by_framework.points_in_area(
            authority_id, by_framework.area_of(area), inspection_id, page=page, per_page=per_page
        )
        pagination = pagination_params(page, per_page, total, "points.framework", **args)
    return render_template(
        "points/framework.html",
        title="The plan by National Framework area",
        parts=by_framework.summary(authority_id, inspection_id),
        inspections=titles,
        inspection_id=inspection_id,
        area=area,
        area_label=dict(by_framework.choices()).get(area),
        area_choices=by_framework.choices(),
        args=args,
        points=points,
        total=total if area else None,
        pagination=pagination,
        brag=by_framework.BRAG_ORDER,
    )
