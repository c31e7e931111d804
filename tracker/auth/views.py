"""Signing in (password, then a code for those with two-factor sign-in) and signing out."""

import unicodedata
from datetime import datetime, timedelta

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user

from tracker import sessions
from tracker.accounts import two_factor
from tracker.accounts.forms import CodeForm
from tracker.accounts.operations import find_by_email
from tracker.accounts.views import two_factor_setup
from tracker.audit import record
from tracker.auth import devices, throttle
from tracker.auth.forms import SignInForm
from tracker.auth.operations import authenticate, failed_attempt, sign_in_paused, signed_in
from tracker.extensions import db, limiter
from tracker.models import User
from tracker.security import ALL_ROLES, requires_role
from tracker.timeutil import utcnow

bp = Blueprint("auth", __name__)

# How long the code step waits after a correct password.
PENDING_MINUTES = 5
# Unicode categories refused in `next`: control characters and lone surrogates.
_NOT_IN_A_PATH = ("Cc", "Cs")


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: `next` if it is a plain path on this site, otherwise the home page.

    A plain path starts with one `/` (so it has no scheme or host) and holds no backslash (browsers read
    it as `/`, so `/\\host` is `//host`), no control character (browsers drop tabs and line breaks, so
    `/<tab>/host` is `//host` too, and a line break cannot go in a Location header at all) and no lone
    surrogate (not a character, so not encodable in one).
    """
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and not any(unicodedata.category(ch) in _NOT_IN_A_PATH for ch in target)
    ):
        return target
    return url_for("home.index")


@bp.route("/sign-in", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    if form.validate_on_submit():
        # Judged before the password is checked, so a paused attempt learns nothing, even when right.
        address = request.remote_addr or ""  # the person's own, through PROXY_COUNT proxies
        account = find_by_email(form.email.data)
        judged_by = throttle.allowances(form.email.data, address, devices.password_mark(account))
        if throttle.paused(judged_by):
            abort(429)
        user = authenticate(account, form.email.data, form.password.data)
        if user is not None:
            target = _safe_next(request.args.get("next"))
            if user.totp_secret or two_factor.required(user):
                # Half signed in: the password was right; nothing is reachable until the code is.
                sessions.start_afresh()
                session.update(pending_user=user.id, pending_at=utcnow().isoformat(), pending_next=target)
                return redirect(url_for("auth.code" if user.totp_secret else "auth.first_two_factor"))
            return _complete(user, target)
        if begun := throttle.count_failure(judged_by):
            sign_in_paused(form.email.data, address, begun)
        # The same message whether the email is unknown or the password wrong.
        form.email.errors.append("Enter a correct email address and password")
    return render_template("auth/login.html", form=form, title="Sign in")


def _complete(user: User, target: str):
    sessions.begin(user)
    signed_in(user)
    response = redirect(target)
    # Only now, fully signed in (after the code where there is one), is this browser trusted.
    devices.remember(response, throttle.account_key(user.email), devices.password_mark(user))
    return response


def _pending_user() -> User:
    """The person between password and code; anyone else, or after PENDING_MINUTES, starts again."""
    try:
        started = datetime.fromisoformat(session["pending_at"])
        user = db.session.get(User, int(session["pending_user"]))
    except (KeyError, TypeError, ValueError):
        user, started = None, None
    if user is None or not user.is_active or utcnow() - started > timedelta(minutes=PENDING_MINUTES):
        sessions.start_afresh()  # input held from before signing in waits for the next attempt
        abort(redirect(url_for("auth.login")))
    return user


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(throttle.CODE_LIMIT, key_func=throttle.by_pending_user, **throttle.FAILURES)
def code():
    user = _pending_user()
    if not user.totp_secret:
        return redirect(url_for("auth.first_two_factor"))
    form = CodeForm()
    if form.validate_on_submit():
        step = two_factor.matching_step(user.totp_secret, form.code.data, after=user.totp_last_step)
        if step is not None:
            user.totp_last_step = step
            return _complete(user, session.get("pending_next") or url_for("home.index"))
        failed_attempt(user, "two_factor_failed")
        form.code.errors.append("The code is not right: try the newest code your app shows")
    return render_template("auth/code.html", title="Enter your sign-in code", form=form)


@bp.route("/sign-in/set-up-two-factor", methods=["GET", "POST"])
@limiter.limit(throttle.CODE_LIMIT, key_func=throttle.by_pending_user, **throttle.FAILURES)
def first_two_factor():
    """Administrators set up two-factor sign-in before their first session begins."""
    user = _pending_user()
    if user.totp_secret:
        # Set up already: a password alone must not replace it.
        return redirect(url_for("auth.code"))
    target = session.get("pending_next") or url_for("home.index")
    return two_factor_setup(user, done=lambda: _complete(user, target))


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


@bp.route("/session/time-left")
@requires_role(*ALL_ROLES)
def time_left():
    """The time-out warning asks before it shows, so activity in another tab of the same session counts."""
    return jsonify(seconds_left=sessions.seconds_left())


@bp.route("/session/stay-signed-in", methods=["POST"])
@requires_role(*ALL_ROLES)
def stay_signed_in():
    """The time-out warning's "Stay signed in": a request like any other, so the idle time starts again."""
    return jsonify(seconds_left=sessions.seconds_left())
