"""An improvement point's page: its themes, what inspectors found, where it was raised before, and the
actions that answer it. Directors change its themes; directors and administrators, whether the council
answers it in its plan."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.extensions import db
from tracker.models import ImprovementPoint, Role, Theme
from tracker.oversight.overdue import inspection_titles
from tracker.pagination import page_number, pagination_params
from tracker.points import by_framework
from tracker.points.analysis import link_recurrences, set_themes
from tracker.points.answering import StillAnswered, set_answered
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


@bp.route("/points/<int:point_id>/answered", methods=["GET", "POST"])
@requires_role(Role.DIRECTOR, Role.ADMINISTRATOR)
def answered(point_id: int):
    point = _point(point_id)
    form = AnsweredForm()
    if request.method == "GET":
        form.answers.data = "yes" if point.answered_by_council else "no"
    elif form.validate_on_submit():
        try:
            if set_answered(point, form.answers.data == "yes", current_user):
                db.session.commit()
                flash("Recorded whether the council answers this point", "success")
            return redirect(url_for("points.show", point_id=point.id))
        except StillAnswered as refused:
            form.answers.errors.append(str(refused))
    return render_template(
        "points/answered.html", title="Whether the council answers this point", form=form, point=point
    )


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
