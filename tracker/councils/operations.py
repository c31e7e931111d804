"""Adding a council and its administrators, each audited in the council's own trail. The caller commits."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from tracker.accounts import operations as accounts
from tracker.audit import change_fields, record
from tracker.extensions import db
from tracker.models import Authority, Role, User


class CouncilRefused(ValueError):
    """The message is for the user."""


def slug_for(name: str) -> str:
    """A URL-safe short name, unique among councils."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:55] or "council"
    slug, n = base, 1
    while db.session.scalar(select(Authority.id).where(Authority.slug == slug)) is not None:
        n += 1
        slug = f"{base}-{n}"
    return slug


def tidy_name(name: str) -> str:
    return " ".join(name.split())


def find_council(name: str) -> Authority | None:
    """The council of this name, however it is spaced or capitalised."""
    return db.session.scalar(select(Authority).where(func.lower(Authority.name) == tidy_name(name).lower()))


def create_council(actor: User | None, name: str) -> Authority:
    name = tidy_name(name)
    if find_council(name) is not None:
        raise CouncilRefused(f"{name} is already on the service")
    authority = Authority(name=name, slug=slug_for(name))
    db.session.add(authority)
    db.session.flush()
    record(authority, "created", actor, field="name", after=name)
    return authority


def change_names(actor: User | None, authority: Authority, *, short_name: str, possessive: str) -> dict[str, tuple]:
    """How the council's papers name it; each change audited in its own trail."""
    return change_fields(authority, actor, short_name=short_name, possessive=possessive)


def active_administrators(authority: Authority) -> int:
    return db.session.scalar(
        select(func.count(User.id)).where(
            User.authority_id == authority.id, User.role == Role.ADMINISTRATOR, User.active.is_(True)
        )
    )


def add_administrator(
    actor: User | None, authority: Authority, *, email: str, name: str | None, job_title: str, password: str
) -> User:
    """An administrator of the council; the password is temporary when someone else (actor) chose it."""
    return accounts.create_user(
        actor,
        authority=authority,
        email=email,
        name=name,
        job_title=job_title,
        role=Role.ADMINISTRATOR,
        password=password,
    )
