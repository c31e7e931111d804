from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user

from tracker import sessions
from tracker.audit import record
from tracker.auth.forms import SignInForm
from tracker.auth.operations import authenticate
from tracker.extensions import db
from tracker.security import ALL_ROLES, requires_role

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only a path on this site: no scheme, no host, not protocol-relative."""
    if target:
        parts = urlsplit(target)
        safe_path = target.startswith("/") and not target.startswith("//") and "\\" not in target
        if not parts.scheme and not parts.netloc and safe_path:
            return target
    return url_for("home.index")


@bp.route("/sign-in", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            sessions.begin(user)
            return redirect(_safe_next(request.args.get("next")))
        # The same message whether the email is unknown or the password wrong.
        form.email.errors.append("Enter a correct email address and password")
    return render_template("auth/login.html", form=form, title="Sign in")


@bp.route("/sign-out", methods=["POST"])
@requires_role(*ALL_ROLES)
def logout():
    # Signing out here signs out everywhere: a copied cookie must stop working too.
    user = current_user._get_current_object()
    sessions.end_all(user)
    record(user, "signed_out", user)
    db.session.commit()
    logout_user()
    session.clear()
    flash("You have been signed out.")
    return redirect(url_for("auth.login"))
