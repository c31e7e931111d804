"""Nothing typed is lost to a time-out: a form posted after its session ended is held, and shown again after sign-in.

The posted fields (never the CSRF token, a password or a file) are kept in the database under a random token that
lives only in that browser's session and is carried through signing in (tracker/sessions.py). When the person
who was signed out (or, for a post that came with no session at all, whoever signs in in that browser) next
opens the form's page, every form on it whose fields match is filled in from them, a banner asks them to check it
and save again, and the held input is removed. Nothing is saved until they submit again, with a fresh CSRF token.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Flask, before_render_template, flash, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict

from tracker.extensions import db
from tracker.forms import Form
from tracker.models import HeldInput
from tracker.timeutil import utcnow

SESSION_KEY = "held_input"
# Marks a form the time-out warning posted when the page's time ran out: held for after sign-in, never saved.
HOLD_FIELD = "tracker_hold"
# Long enough to sign in again (two-factor included) after a time-out; short enough not to linger.
KEEP_MINUTES = 60
# The most a held form may hold, as JSON: ten times the longest text box, so no real form is refused.
MAX_CHARACTERS = 100_000
PATH_LIMIT = 500  # HeldInput.path's length
BANNER = "You were signed out before this was saved. Check it and save again."
FILES_NOT_KEPT = "Files are not kept: choose the file again."
TOO_LONG = "What you typed was too long to keep while you signed in again."


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _kept(name: str) -> bool:
    # The CSRF token is the old session's; a password is never written down anywhere.
    return name not in ("csrf_token", HOLD_FIELD) and "password" not in name.lower()


def _form_page() -> str | None:
    """The page the posted form was on: the address posted to when it shows the form too, else where it came from."""
    if request.url_rule is not None and "GET" in request.url_rule.methods:
        return request.full_path.rstrip("?")
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/"):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return None


def next_page(user_id: int | None) -> str | None:
    """Where to go after signing in again: for a form posted now, its page, its input held for that person.

    Called once the ended session has been emptied, so the token goes in the new one. None: the home page.
    """
    if request.method != "POST":
        return request.full_path.rstrip("?")
    page = _form_page()
    fields = [[name, value] for name, value in request.form.items(multi=True) if _kept(name)]
    if page is None or not fields or len(page) > PATH_LIMIT:
        return page
    now = utcnow()
    db.session.execute(delete(HeldInput).where(HeldInput.created_at < now - timedelta(minutes=KEEP_MINUTES)))
    if len(json.dumps(fields)) > MAX_CHARACTERS:
        db.session.commit()
        flash(TOO_LONG)
        return page
    token = secrets.token_urlsafe(32)
    had_files = any(upload.filename for upload in request.files.values())
    db.session.add(
        HeldInput(
            token_hash=_hash(token), user_id=user_id, path=page, fields=fields, had_files=had_files, created_at=now
        )
    )
    db.session.commit()
    session[SESSION_KEY] = token
    return page


def refused_post_to_hold() -> bool:
    """Whether a form refused for its CSRF token should be held rather than answered "Bad request".

    A page left open while its session ended elsewhere (another tab timed out, or the person signed out) posts
    the ended session's token, which no longer matches. Its input is held (never saved) when nobody is signed
    in, the post came from one of the service's own pages (Origin or Referer is this host, so another site
    cannot fill someone's forms), and the page needs signing in.
    """
    from tracker.security import PUBLIC_ENDPOINTS  # security imports this module

    if request.method != "POST" or current_user.is_authenticated:
        return False
    if request.endpoint is None or request.endpoint in PUBLIC_ENDPOINTS:
        return False
    source = request.headers.get("Origin") or request.referrer or ""
    return urlsplit(source).netloc == request.host


def _forget(held: HeldInput | None) -> None:
    session.pop(SESSION_KEY, None)
    if held is not None:
        db.session.delete(held)
        db.session.commit()


def _belongs(name: str, form: Form) -> bool:
    # A list of sub-forms posts its fields as "<list>-<n>-<field>".
    return any(name == field.name or name.startswith(f"{field.name}-") for field in form)


def _fill_forms(_app: Flask, template, context: dict, **_extra) -> None:
    """before_render_template: fill the held page's forms from what was typed, once, for the right person."""
    token = session.get(SESSION_KEY)
    if not token or request.method != "GET" or not current_user.is_authenticated:
        return
    held = db.session.scalar(select(HeldInput).where(HeldInput.token_hash == _hash(token)))
    if held is None or utcnow() - held.created_at > timedelta(minutes=KEEP_MINUTES):
        return _forget(held)
    if held.user_id not in (None, current_user.id):
        return _forget(held)  # someone else signed in in this browser: not theirs to see
    if held.path != request.full_path.rstrip("?"):
        return None
    data = MultiDict([(name, value) for name, value in held.fields])
    forms = [value for value in context.values() if isinstance(value, Form)]
    matching = [form for form in forms if all(_belongs(name, form) for name in data)]
    for form in matching:
        form.process(formdata=data)
    if matching:
        flash(f"{BANNER} {FILES_NOT_KEPT}" if held.had_files else BANNER)
        _forget(held)
    return None


def hold_only():
    """before_request, after sign-in and access are checked: a form posted by the time-out warning is only held.

    The page believed its session over; if another tab kept it alive, the form must still not be saved unseen.
    """
    if request.method == "POST" and HOLD_FIELD in request.form:
        return redirect(next_page(current_user.id) or url_for("home.index"))
    return None


def register_held_input(app: Flask) -> None:
    """After create_app has registered the session and access checks, so hold_only runs after them."""
    app.before_request(hold_only)
    before_render_template.connect(_fill_forms, app)
