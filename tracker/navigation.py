"""The service navigation, by role: what each kind of user comes to do."""

from flask import has_request_context, request, url_for
from flask_login import current_user

from tracker.models import Role


def navigation_items() -> dict:
    if not has_request_context() or not current_user.is_authenticated:
        return {"navigation_items": []}
    links = []
    if current_user.role == Role.OPERATOR:
        links.append(("Councils", "councils.index"))
    if current_user.role == Role.SERVICE_MANAGER:
        links.append(("My actions", "actions.my_actions"))
    if current_user.role in (Role.SERVICE_MANAGER, Role.DIRECTOR, Role.ADMINISTRATOR):
        links.append(("Whole plan", "actions.plan"))
    if current_user.role in (Role.DIRECTOR, Role.ADMINISTRATOR):
        links.insert(0, ("Dashboard", "oversight.dashboard"))
        links.append(("Overdue", "oversight.overdue"))
    if current_user.role == Role.DIRECTOR:
        links.append(("Sign-off", "oversight.queue"))
    if current_user.role in (Role.DIRECTOR, Role.ADMINISTRATOR):
        links.append(("Import", "imports.index"))
    if current_user.role in (Role.DIRECTOR, Role.COMMITTEE_MEMBER):
        links.append(("Committee reports", "reports.index"))
    if current_user.role in (Role.DIRECTOR, Role.ADMINISTRATOR):
        links.append(("Audit trail", "audit.search"))
    if current_user.role == Role.ADMINISTRATOR:
        links.append(("Accounts", "accounts.users"))
    links.append(("Your account", "accounts.change_password"))
    return {
        "navigation_items": [
            {"text": text, "href": url_for(endpoint), "active": request.endpoint == endpoint}
            for text, endpoint in links
        ]
    }
