"""Sign-in decisions, kept apart from the view so they can be tested and audited in one place."""

import hashlib
from functools import cache

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.accounts.operations import find_by_email
from tracker.audit import record
from tracker.auth.throttle import Allowance
from tracker.extensions import db
from tracker.models import User


@cache
def _unknown_user_hash() -> str:
    """Checked when the email is unknown, so a wrong email costs the same time as a wrong password."""
    return generate_password_hash("no user has this password")


def authenticate(user: User | None, email: str, password: str) -> User | None:
    """user (the account the email names, found by the caller, or None) if it is active and the password is
    its own; otherwise None. A failure for a known account is recorded."""
    if user is None:
        check_password_hash(_unknown_user_hash(), password)
        # No account to record it against: the log keeps it, with the address hashed (it is personal data).
        current_app.logger.info("Sign-in failed for an unknown email address %s", _fingerprint(email))
        return None
    if not user.check_password(password) or not user.is_active:
        failed_attempt(user, "sign_in_failed")
        return None
    return user


def _fingerprint(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:12]


def failed_attempt(user: User, event: str) -> None:
    record(user, event, None)
    db.session.commit()


def sign_in_paused(email: str, address: str, begun: list[Allowance]) -> None:
    """Failures that used up an allowance: logged (an attack shows in the logs), and a pause of a known
    account, or of one of its devices, recorded in its audit trail."""
    for allowance in begun:
        current_app.logger.warning(
            "Sign-in paused (%s allowance used up) for email %s from %s",
            allowance.name,
            _fingerprint(email),
            address,
        )
    about_account = [allowance.name for allowance in begun if allowance.about_account]
    user = find_by_email(email) if about_account else None
    if user is not None:
        for name in about_account:
            record(user, "sign_in_paused", None, field="allowance", after=name)
        db.session.commit()


def signed_in(user: User) -> None:
    record(user, "signed_in", user)
    db.session.commit()
