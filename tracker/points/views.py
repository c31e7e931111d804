"""An improvement point's page: its themes, what inspectors found, where it was raised before, and the
actions that answer it. Directors change its themes."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.extensions import db
from tracker.models import ImprovementPoint, Role, Theme
from tracker.points.analysis import link_recurrences, set_themes
from tracker.points.forms import ThemesForm
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
