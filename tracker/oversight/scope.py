"""Which authority an oversight page is about: always the signed-in person's own. Administrators too see
only their own council's dashboard, overdue list and audit trail (councils are sealed from each other)."""

from __future__ import annotations

from flask_login import current_user

from tracker.models import Authority


def oversight_authority() -> Authority:
    return current_user.authority
