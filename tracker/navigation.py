"""The service navigation, by role: what each kind of user comes to do; and who is signed in, for the header.

The layout reads the signed-in person only from here (as `signed_in_user`), so a page drawn while the database is
out of reach shows neither, rather than failing again as it loads them.
"""

from flask import has_request_context, request, url_for
from flask_login import current_user

from tracker.models import Role
from tracker.outages import database_unreachable


def navigation_items() -> dict:
    # `current_user` is passed unloaded: only a template that reads it loads the person from the database.
    if not has_request_context() or database_unreachable() or not current_user.is_authenticated:
        return {"navigation_items": [], "signed_in_user": None, "current_user": current_user}
    # Nothing opens for someone with a temporary password until they choose their own (tracker/security.py).
    links = [] if current_user.must_change_password else _links(current_user.role)
    return {
        "navigation_items": [
            {"text": text, "href": url_for(endpoint), "active": request.endpoint == endpoint}
            for text, endpoint in links
        ],
        "signed_in_user": current_user,
        "current_user": current_user,
    }


def _links(role: Role) -> list[tuple[str, str]]:
    links = []
    if role == Role.OPERATOR:
        links.append(("Councils", "councils.index"))
        links.append(("Import", "imports.index"))  # filed under the council each document names
    if role == Role.SERVICE_MANAGER:
        links.append(("My actions", "actions.my_actions"))
    if role in (Role.SERVICE_MANAGER, Role.DIRECTOR, Role.ADMINISTRATOR):
        links.append(("Whole plan", "actions.plan"))
    if role in (Role.DIRECTOR, Role.ADMINISTRATOR):
        links.insert(0, ("Dashboard", "oversight.dashboard"))
        links.append(("Overdue", "oversight.overdue"))
    if role == Role.DIRECTOR:
        links.append(("Sign-off", "oversight.queue"))
    if role in (Role.DIRECTOR, Role.ADMINISTRATOR):
        links.append(("Import", "imports.index"))
        links.append(("Inspections", "inspections.history"))
    if role in (Role.DIRECTOR, Role.COMMITTEE_MEMBER):
        links.append(("Committee reports", "reports.index"))
    if role in (Role.DIRECTOR, Role.ADMINISTRATOR):
        links.append(("Audit trail", "audit.search"))
    if role == Role.ADMINISTRATOR:
        links.append(("Accounts", "accounts.users"))
    links.append(("Your account", "accounts.change_password"))
    return links
