"""Access control, closed by default.

Every view declares who may use it with @requires_role(...) (or is on PUBLIC_ENDPOINTS). A request hook
refuses anything else: anonymous users are sent to sign in, a signed-in user reaching a view that
declares no roles, or not theirs, gets 403, and someone with a temporary password reaches nothing but the
page to choose their own. tests/test_route_access.py walks the URL map to prove it.
Objects of another authority answer 404 (see authority_scoped), so their existence is not revealed, and
the attempt is recorded (tracker/probes.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select

from tracker import held_input
from tracker.audit import record
from tracker.extensions import db
from tracker.models import Role
from tracker.probes import record_probe

# Reachable without signing in: the sign-in page, static files, the health check and the accessibility
# statement.
# The two-factor steps are part of signing in: they answer only someone whose password was just accepted.
PUBLIC_ENDPOINTS = frozenset(
    {"auth.login", "auth.code", "auth.first_two_factor", "static", "health.health", "pages.accessibility"}
)

ALL_ROLES = tuple(Role)
PLAN_READERS = (Role.ADMINISTRATOR, Role.DIRECTOR, Role.SERVICE_MANAGER)
# A person with a temporary password may only choose their own, or sign out.
# The time-out warning asks and keeps the session on that page too.
WHILE_PASSWORD_TEMPORARY = frozenset(
    {"accounts.choose_password", "auth.logout", "auth.time_left", "auth.stay_signed_in"}
)


def requires_role(*roles: Role) -> Callable:
    """Declare which roles may use a view. The check itself runs in enforce_access before every request."""
    if not roles:
        raise ValueError("requires_role needs at least one role")

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return view(*args, **kwargs)

        wrapper.allowed_roles = frozenset(roles)
        return wrapper

    return decorate


def allowed_roles(endpoint: str | None) -> frozenset[Role] | None:
    view = current_app.view_functions.get(endpoint) if endpoint else None
    return getattr(view, "allowed_roles", None)


def enforce_access():
    """before_request hook: sign-in, then role."""
    endpoint = request.endpoint
    if endpoint in PUBLIC_ENDPOINTS or endpoint is None:
        return None  # endpoint None: no route matched, Flask answers 404 itself
    if not current_user.is_authenticated:
        # A form posted with no session (it ended and was emptied elsewhere) keeps its input through sign-in.
        return redirect(url_for("auth.login", next=held_input.next_page(None)))
    if current_user.must_change_password and endpoint not in WHILE_PASSWORD_TEMPORARY:
        return redirect(url_for("accounts.choose_password"))
    roles = allowed_roles(endpoint)
    if not roles or current_user.role not in roles:
        _record_refusal()
        abort(403)
    return None


def _record_refusal() -> None:
    """A permission refusal goes in the audit trail, in its own transaction (nothing else has happened)."""
    user = current_user._get_current_object()
    record(user, "refused", user, field=request.method, after=request.path[:500])
    db.session.commit()


def authority_scoped(obj: Any, authority_id: int | None, *, entity: str, object_id: int) -> Any:
    """Return obj if it belongs to the signed-in user's authority, else answer 404 (recording a probe when
    it exists in another council)."""
    if obj is None:
        abort(404)
    if authority_id != current_user.authority_id:
        not_in_authority(entity, object_id)
    return obj


def not_in_authority(entity: str, object_id: int):
    """Another council's object: the same 404 as one that does not exist, and the attempt recorded."""
    record_probe(current_user._get_current_object(), entity, object_id)
    abort(404)


def found_in_authority(obj: Any, model: type, object_id: int) -> Any:
    """obj, read by a query limited to the user's council; when None, 404, recording a probe if an object of
    that id exists in another council."""
    if obj is None:
        if db.session.scalar(select(model.id).where(model.id == object_id)) is not None:
            not_in_authority(model.__tablename__, object_id)
        abort(404)
    return obj
