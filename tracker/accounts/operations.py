"""Creating and changing accounts, each change audited; ending sessions where a change calls for it.

The caller commits. Passwords are never recorded, only that one was changed and by whom.
"""

from __future__ import annotations

from sqlalchemy import func, select

from tracker import sessions
from tracker.accounts import passwords
from tracker.audit import change_fields, record, record_creation
from tracker.extensions import db
from tracker.models import Authority, Role, User


def find_by_email(email: str) -> User | None:
    """The account with this email address, as people type it (any case, spaces around)."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def email_taken(email: str, other_than: int | None = None) -> bool:
    """Whether an account has this email address (as people type it: any case, spaces around)."""
    query = select(User.id).where(func.lower(User.email) == email.strip().lower())
    if other_than is not None:
        query = query.where(User.id != other_than)
    return db.session.scalar(query) is not None


def create_user(
    actor: User | None,
    *,
    authority: Authority | None,
    email: str,
    name: str | None,
    job_title: str,
    role: Role,
    password: str,
) -> User:
    user = User(
        authority=authority,
        email=email.strip().lower(),
        name=name or None,
        job_title=job_title,
        role=role,
        password_hash=passwords.hashed(password),
        # Chosen by someone else (an administrator or operator): temporary. Only `users create-…` at the
        # command line (actor None) is run by the person themselves.
        must_change_password=actor is not None,
    )
    db.session.add(user)
    record_creation(
        user,
        actor,
        {
            "email": user.email,
            "name": user.name,
            "job_title": job_title,
            "role": role,
            "authority": authority.name if authority else None,
        },
    )
    return user


def change_user(actor: User, user: User, **values) -> dict:
    """Change an account's details; deactivating it, or changing its role, signs it out. (Its council never
    changes: councils are sealed.)"""
    if "email" in values:
        values["email"] = values["email"].strip().lower()
    changed = change_fields(user, actor, **values)
    if {"active", "role"} & changed.keys():
        sessions.end_all(user)
    return changed


def set_password(actor: User, user: User, password: str) -> None:
    """A new password; one set by anyone but the person is temporary, to be replaced at their next sign-in."""
    user.password_hash = passwords.hashed(password)
    user.must_change_password = actor.id != user.id
    record(user, "password_changed", actor, field="password", after="temporary" if user.must_change_password else None)
    sessions.end_all(user)


def set_two_factor(actor: User | None, user: User, secret: str | None, step: int | None) -> None:
    """Turn two-factor sign-in on with a confirmed secret, or off (secret None) for someone to set it up again."""
    user.totp_secret, user.totp_last_step, user.totp_pending_secret = secret, step, None
    record(user, "two_factor_set_up" if secret else "two_factor_reset", actor, field="two_factor")
