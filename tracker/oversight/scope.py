"""Which authority an oversight page is about: a director's own; an administrator may choose any."""

from __future__ import annotations

from flask import request
from flask_login import current_user
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Authority, Role


def oversight_authority() -> Authority:
    if current_user.role == Role.ADMINISTRATOR:
        try:
            chosen = int(request.args.get("authority", ""))
        except ValueError:
            chosen = None
        if chosen is not None and (authority := db.session.get(Authority, chosen)) is not None:
            return authority
    return current_user.authority


def authority_choices() -> list[tuple[int, str]]:
    return list(db.session.execute(select(Authority.id, Authority.name).order_by(Authority.name)).all())
