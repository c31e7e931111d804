"""Finding the demo seed's users."""

from flask import Flask
from sqlalchemy import select

from tests.helpers.data import committed
from tracker.extensions import db
from tracker.models import Authority, Role, User


def seeded_user(app: Flask, authority: str, role: Role = Role.DIRECTOR) -> User:
    """The first demo user of the authority with the role."""
    with committed(app):
        return db.session.scalar(
            select(User).join(Authority).where(Authority.name == authority, User.role == role).order_by(User.id)
        )
