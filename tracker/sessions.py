"""Signed-in sessions: how they begin, how long they last, and how they are ended everywhere at once.

The session is Flask's signed cookie. At sign-in it is emptied and given a fresh random id and the
user's session version; on every request it is refused when idle longer than SESSION_IDLE_MINUTES,
older than SESSION_ABSOLUTE_HOURS, for a deactivated user, or when the user's session version has been
raised since (signing out, a new password and deactivation all raise it). So a cookie copied before
any of those stops working, though it is still validly signed.
"""

from __future__ import annotations

import math
import secrets
from datetime import datetime, timedelta

from flask import Flask, current_app, flash, jsonify, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user

from tracker import held_input
from tracker.models import User
from tracker.timeutil import utcnow

KEYS = ("sid", "version", "signed_in_at", "seen_at")


def session_fields(user: User, now: datetime) -> dict:
    """What a new session holds beside Flask-Login's own keys (the test client signs in with these too)."""
    stamp = now.isoformat()
    return {"sid": secrets.token_urlsafe(24), "version": user.session_version, "signed_in_at": stamp, "seen_at": stamp}


def start_afresh() -> None:
    """Empty the session, keeping only the token of input held from a form posted after the last one ended."""
    held = session.get(held_input.SESSION_KEY)
    session.clear()
    if held:
        session[held_input.SESSION_KEY] = held


def begin(user: User) -> None:
    """Sign in with a brand-new session, so an identifier planted before sign-in is worth nothing."""
    start_afresh()
    login_user(user)
    session.update(session_fields(user, utcnow()))


def end_all(user: User) -> None:
    """End every session the user has, on every device (the caller commits)."""
    user.session_version += 1


def _limits() -> tuple[timedelta, timedelta]:
    config = current_app.config
    return timedelta(minutes=config["SESSION_IDLE_MINUTES"]), timedelta(hours=config["SESSION_ABSOLUTE_HOURS"])


def _ended_because(user: User, now: datetime) -> str | None:
    if not user.is_active:
        return "Your account has been deactivated."
    if session.get("version") != user.session_version:
        return "You have been signed out. Sign in again to continue."
    try:
        signed_in_at = datetime.fromisoformat(session["signed_in_at"])
        seen_at = datetime.fromisoformat(session["seen_at"])
    except (KeyError, TypeError, ValueError):
        return "You have been signed out. Sign in again to continue."
    idle, absolute = _limits()
    if now - seen_at > idle:
        return f"You were signed out after {current_app.config['SESSION_IDLE_MINUTES']} minutes without activity."
    if now - signed_in_at > absolute:
        return "You have been signed out because you signed in more than a day's work ago."
    return None


def seconds_left() -> int:
    """How long this (live) session has before it ends, idle or absolute, whichever comes first."""
    idle, absolute = _limits()
    now = utcnow()
    ends = min(
        datetime.fromisoformat(session["seen_at"]) + idle, datetime.fromisoformat(session["signed_in_at"]) + absolute
    )
    # Rounded up: 0 only once the session has ended, so the warning never gives up on a live one.
    return max(0, math.ceil((ends - now).total_seconds()))


# Asking how long is left is not activity, or the time-out warning's own question would keep a session alive.
NOT_ACTIVITY = frozenset({"auth.time_left"})


def check_session():
    """before_request: end a session that has run out or been ended elsewhere; otherwise note activity."""
    # The health check answers for the service, not a person: it must not load anyone, even from a browser
    # that is signed in, so it still answers in JSON when the database is out of reach.
    if request.endpoint in ("static", "health.health") or not current_user.is_authenticated:
        return None
    now = utcnow()
    user = current_user._get_current_object()
    reason = _ended_because(user, now)
    if reason is None:
        if request.endpoint not in NOT_ACTIVITY:
            session["seen_at"] = now.isoformat()
        return None
    if request.endpoint in NOT_ACTIVITY:
        # The warning asks as the time runs out. Its answer must not empty the session: the page may yet post
        # what was typed, to be held, and that post needs the session's CSRF token. The next page ends it.
        return jsonify(seconds_left=0)
    logout_user()
    session.clear()
    flash(reason)
    # A form posted just after its session ended keeps its input through signing in again.
    return redirect(url_for("auth.login", next=held_input.next_page(user.id)))


def register_session_checks(app: Flask) -> None:
    app.before_request(check_session)
