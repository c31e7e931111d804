"""Administrators manage accounts; everyone changes their own password and sets up two-factor sign-in."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from tracker import sessions
from tracker.accounts import operations, passwords, two_factor
from tracker.accounts.forms import (
    ChangePasswordForm,
    ChoosePasswordForm,
    CodeForm,
    NewUserForm,
    ResetPasswordForm,
    UserForm,
)
from tracker.auth import throttle
from tracker.auth.operations import failed_attempt
from tracker.extensions import db, limiter
from tracker.models import Role, User
from tracker.pagination import page_number, pagination_params
from tracker.reports import council_template
from tracker.security import ALL_ROLES, authority_scoped, requires_role

bp = Blueprint("accounts", __name__)


def _about(user: User) -> list[str]:
    return passwords.details(user.email, user.name, user.job_title, user.authority.name if user.authority else None)


def _council_user(user_id: int) -> User:
    """An account of the administrator's own council; any other answers 404, as if it did not exist."""
    user = db.session.get(User, user_id)
    return authority_scoped(user, user.authority_id if user is not None else None, entity="user", object_id=user_id)


def _someone_else(user_id: int):
    """An account of the council other than the administrator's own, whose password and two-factor sign-in
    they change under Your account, proving who they are (else a stolen session could lock them out)."""
    user = _council_user(user_id)
    if user.id == current_user.id:
        flash("Change your own password and two-factor sign-in under Your account.")
        abort(redirect(url_for("accounts.change_password")))
    return user


@bp.route("/admin/users")
@requires_role(Role.ADMINISTRATOR)
def users():
    per_page = current_app.config["HOME_PAGE_SIZE"]
    page = page_number(request.args)
    own = User.authority_id == current_user.authority_id
    total = db.session.scalar(select(func.count(User.id)).where(own))
    rows = db.session.scalars(
        select(User)
        .where(own)
        .order_by(User.active.desc(), User.job_title, User.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return render_template(
        "accounts/users.html",
        title="Accounts",
        authority=current_user.authority,
        users=rows,
        total=total,
        pagination=pagination_params(page, per_page, total, "accounts.users"),
        report_template=council_template.current(current_user.authority_id),
    )


@bp.route("/admin/users/new", methods=["GET", "POST"])
@requires_role(Role.ADMINISTRATOR)
def new_user():
    """An account in the administrator's own council, with a temporary first password."""
    form = NewUserForm()
    authority = current_user.authority
    if request.method == "GET":
        form.active.data = True
    if form.validate_on_submit():
        about = passwords.details(form.email.data, form.name.data, form.job_title.data, authority.name)
        problem = passwords.problem(form.password.data, about=about)
        if operations.email_taken(form.email.data):
            form.email.errors.append("An account with this email address already exists")
        elif problem:
            form.password.errors.append(problem)
        else:
            user = operations.create_user(
                current_user,
                authority=authority,
                email=form.email.data,
                name=form.name.data,
                job_title=form.job_title.data,
                role=Role(form.role.data),
                password=form.password.data,
            )
            if not form.active.data:
                operations.change_user(current_user, user, active=False)
            db.session.commit()
            flash(
                f"Account created for {user.email}. They must choose their own password when they first sign in.",
                "success",
            )
            return redirect(url_for("accounts.users"))
    return render_template(
        "accounts/user_form.html", title="Create an account", form=form, user=None, authority=authority
    )


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@requires_role(Role.ADMINISTRATOR)
def edit_user(user_id: int):
    """Details, role and whether the account is active; never its council (no one moves between councils)."""
    user = _council_user(user_id)
    form = UserForm(obj=user if request.method == "GET" else None)
    if request.method == "GET":
        form.role.data = user.role.value
    elif form.validate_on_submit():
        if operations.email_taken(form.email.data, other_than=user.id):
            form.email.errors.append("An account with this email address already exists")
        elif user.id == current_user.id and (not form.active.data or form.role.data != user.role.value):
            form.active.errors.append("You cannot deactivate your own account or change your own role")
        else:
            operations.change_user(
                current_user,
                user,
                email=form.email.data,
                name=form.name.data or None,
                job_title=form.job_title.data,
                role=Role(form.role.data),
                active=form.active.data,
            )
            db.session.commit()
            flash(f"Account for {user.email} saved", "success")
            return redirect(url_for("accounts.users"))
    return render_template(
        "accounts/user_form.html", title="Change an account", form=form, user=user, authority=user.authority
    )


@bp.route("/admin/users/<int:user_id>/password", methods=["GET", "POST"])
@requires_role(Role.ADMINISTRATOR)
def reset_password(user_id: int):
    user = _someone_else(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        problem = passwords.problem(form.password.data, about=_about(user))
        if problem:
            form.password.errors.append(problem)
        else:
            operations.set_password(current_user, user, form.password.data)
            db.session.commit()
            flash(
                f"Temporary password set for {user.email}; they have been signed out everywhere and must choose "
                "their own password when they next sign in",
                "success",
            )
            return redirect(url_for("accounts.users"))
    return render_template("accounts/reset_password.html", title="Set a temporary password", form=form, user=user)


@bp.route("/account/password", methods=["GET", "POST"])
@requires_role(*ALL_ROLES)
@limiter.limit(throttle.PASSWORD_CHECK_LIMIT, key_func=throttle.by_signed_in_user, **throttle.FAILURES)
def change_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    if form.validate_on_submit():
        problem = passwords.problem(form.new.data, about=_about(user))
        if not user.check_password(form.current.data):
            # A stolen session must not be a way to guess the password: recorded, and throttled above.
            failed_attempt(user, "password_check_failed")
            form.current.errors.append("Your current password is not right")
        elif problem:
            form.new.errors.append(problem)
        else:
            _set_own_password(user, form.new.data)
            flash("Your password has been changed. You have been signed out on other devices.", "success")
            return redirect(url_for("home.index"))
    return render_template("accounts/change_password.html", title="Change your password", form=form)


def _set_own_password(user: User, password: str) -> None:
    operations.set_password(user, user, password)
    db.session.commit()
    # Every other session has ended (one begun with a temporary password included); this one starts again.
    sessions.begin(user)


@bp.route("/account/choose-password", methods=["GET", "POST"])
@requires_role(*ALL_ROLES)
def choose_password():
    """In place of a temporary password someone else set: until this is done nothing else is reachable."""
    user = current_user._get_current_object()
    if not user.must_change_password:
        return redirect(url_for("home.index"))
    form = ChoosePasswordForm()
    if form.validate_on_submit():
        problem = passwords.problem(form.new.data, about=_about(user))
        if user.check_password(form.new.data):
            form.new.errors.append("Your new password must be different from the temporary one")
        elif problem:
            form.new.errors.append(problem)
        else:
            _set_own_password(user, form.new.data)
            flash("Your password has been set.", "success")
            return redirect(url_for("home.index"))
    return render_template("accounts/choose_password.html", title="Choose your own password", form=form)


@bp.route("/account/two-factor", methods=["GET", "POST"])
@requires_role(*ALL_ROLES)
def set_up_two_factor():
    user = current_user._get_current_object()
    if user.totp_secret:
        # Replacing a secret would let a stolen session move two-factor sign-in to the thief's phone.
        flash("Two-factor sign-in is already on. If you have a new phone, ask your administrator to reset it.")
        return redirect(url_for("accounts.change_password"))
    return two_factor_setup(user, done=lambda: redirect(url_for("home.index")))


def two_factor_setup(user: User, done):
    """Show a new secret, and keep it once the person proves their app has it by typing a code.

    The secret waits on the user's row until then, not in the session cookie, which is only signed.
    """
    if not user.totp_pending_secret:
        user.totp_pending_secret = two_factor.new_secret()
        db.session.commit()
    secret = user.totp_pending_secret
    form = CodeForm()
    if form.validate_on_submit():
        step = two_factor.matching_step(secret, form.code.data, after=None)
        if step is None:
            failed_attempt(user, "two_factor_failed")
            form.code.errors.append("The code is not right: check the time on your phone and try the newest code")
        else:
            operations.set_two_factor(user, user, secret, step)
            db.session.commit()
            flash("Two-factor sign-in is set up. You will be asked for a code each time you sign in.", "success")
            return done()
    return render_template(
        "accounts/two_factor.html",
        title="Set up two-factor sign-in",
        form=form,
        secret=secret,
        uri=two_factor.provisioning_uri(secret, user),
        qr_code=two_factor.qr_code_svg(two_factor.provisioning_uri(secret, user)),
        required=two_factor.required(user),
    )


@bp.route("/admin/users/<int:user_id>/two-factor/reset", methods=["POST"])
@requires_role(Role.ADMINISTRATOR)
def reset_two_factor(user_id: int):
    """For someone who has lost their phone: they set two-factor sign-in up again at their next sign-in."""
    user = _someone_else(user_id)
    operations.set_two_factor(current_user, user, None, None)
    sessions.end_all(user)
    db.session.commit()
    flash(f"Two-factor sign-in reset for {user.email}; they have been signed out everywhere", "success")
    return redirect(url_for("accounts.edit_user", user_id=user.id))
