"""Service operators add councils and their administrators, and see who has an account where.

Nothing here reads a plan: an operator runs the installation, not a council's improvement work.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import case, func, select

from tracker.accounts import operations as accounts
from tracker.accounts import passwords
from tracker.councils import operations
from tracker.councils.forms import AdministratorForm, CouncilForm, NamesForm
from tracker.extensions import db
from tracker.models import Authority, Role, User
from tracker.pagination import page_number, pagination_params
from tracker.security import requires_role

bp = Blueprint("councils", __name__)


@bp.route("/councils")
@requires_role(Role.OPERATOR)
def index():
    per_page = current_app.config["HOME_PAGE_SIZE"]
    page = page_number(request.args)
    total = db.session.scalar(select(func.count(Authority.id)))
    rows = db.session.execute(
        select(
            Authority,
            func.count(User.id).label("accounts"),
            func.count(case((User.role == Role.ADMINISTRATOR, User.id))).label("administrators"),
        )
        .outerjoin(User, (User.authority_id == Authority.id) & User.active.is_(True))
        .group_by(Authority.id)
        .order_by(Authority.name)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return render_template(
        "councils/index.html",
        title="Councils",
        rows=rows,
        total=total,
        pagination=pagination_params(page, per_page, total, "councils.index"),
    )


def _problems(form: AdministratorForm, council_name: str) -> bool:
    """Checks beyond the form's own: a free email address and a strong enough password."""
    if accounts.email_taken(form.email.data):
        form.email.errors.append("An account with this email address already exists")
    about = passwords.details(form.email.data, form.name.data, form.job_title.data, council_name)
    if problem := passwords.problem(form.password.data, about=about):
        form.password.errors.append(problem)
    return bool(form.email.errors or form.password.errors)


@bp.route("/councils/new", methods=["GET", "POST"])
@requires_role(Role.OPERATOR)
def new():
    form = CouncilForm()
    if form.validate_on_submit() and not _problems(form, form.council.data):
        try:
            council = operations.create_council(current_user, form.council.data)
        except operations.CouncilRefused as refused:
            form.council.errors.append(str(refused))
        else:
            user = _add(form, council)
            db.session.commit()
            flash(f"{council.name} added, with {user.email} as its administrator", "success")
            return redirect(url_for("councils.show", authority_id=council.id))
    return render_template("councils/new.html", title="Add a council", form=form)


def _add(form: AdministratorForm, council: Authority) -> User:
    return operations.add_administrator(
        current_user,
        council,
        email=form.email.data,
        name=form.name.data or None,
        job_title=form.job_title.data,
        password=form.password.data,
    )


def _council(authority_id: int) -> Authority:
    return db.session.get(Authority, authority_id) or abort(404)


@bp.route("/councils/<int:authority_id>")
@requires_role(Role.OPERATOR)
def show(authority_id: int):
    """The council's accounts: who they are and whether they can sign in; nothing of the plan."""
    council = _council(authority_id)
    per_page = current_app.config["HOME_PAGE_SIZE"]
    page = page_number(request.args)
    total = db.session.scalar(select(func.count(User.id)).where(User.authority_id == council.id))
    users = db.session.scalars(
        select(User)
        .where(User.authority_id == council.id)
        .order_by(User.active.desc(), User.role, User.job_title, User.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return render_template(
        "councils/show.html",
        title=council.name,
        council=council,
        users=users,
        total=total,
        administrators=operations.active_administrators(council),
        pagination=pagination_params(page, per_page, total, "councils.show", authority_id=council.id),
    )


@bp.route("/councils/<int:authority_id>/administrators/new", methods=["GET", "POST"])
@requires_role(Role.OPERATOR)
def new_administrator(authority_id: int):
    """An administrator for a council that has none active (the last has left, or lost their phone): the
    council's own people are otherwise its administrators' to manage, not the operator's."""
    council = _council(authority_id)
    if operations.active_administrators(council) > 0:
        flash(
            f"{council.name} has an active administrator. They add and change its accounts; you can add one "
            "only when it has none.",
        )
        return redirect(url_for("councils.show", authority_id=council.id))
    form = AdministratorForm()
    if form.validate_on_submit() and not _problems(form, council.name):
        user = _add(form, council)
        db.session.commit()
        flash(f"{user.email} is now an administrator of {council.name}", "success")
        return redirect(url_for("councils.show", authority_id=council.id))
    return render_template("councils/administrator_new.html", title="Add an administrator", form=form, council=council)


@bp.route("/councils/<int:authority_id>/names", methods=["GET", "POST"])
@requires_role(Role.OPERATOR)
def names(authority_id: int):
    """How a council's committee papers name it ("Leeds", "Leeds’"), where the default rule is wrong."""
    council = _council(authority_id)
    return _change_names(council, url_for("councils.show", authority_id=council.id), f"Back to {council.name}")


@bp.route("/admin/council-names", methods=["GET", "POST"])
@requires_role(Role.ADMINISTRATOR)
def own_names():
    """The same, for the council's own administrator, from its accounts page."""
    return _change_names(current_user.authority, url_for("accounts.users"), "Back to accounts")


def _change_names(council: Authority, back: str, back_text: str):
    form = NamesForm(obj=council)
    if form.validate_on_submit():
        changed = operations.change_names(
            current_user, council, short_name=form.short_name.data, possessive=form.possessive.data
        )
        db.session.commit()
        if changed:
            flash(f"How papers name {council.name} has been changed", "success")
        else:
            flash("Nothing was changed")
        return redirect(back)
    return render_template(
        "councils/names.html",
        title="How papers name the council",
        form=form,
        council=council,
        back=back,
        back_text=back_text,
    )
