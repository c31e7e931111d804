from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.councils.names import default_possessive, default_short_name
from tracker.extensions import db

if TYPE_CHECKING:
    from tracker.models.inspection import Inspection
    from tracker.models.user import User


class Authority(db.Model):
    """A local authority (council) whose children's services are inspected."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    # How papers name it ("Leeds", "Leeds’"). Defaulted from the name by one rule on every insert, ORM or
    # bulk (the demo's), unless given; an operator corrects them where the rule is wrong.
    short_name: Mapped[str] = mapped_column(String(200), default=lambda ctx: _short_default(ctx))
    possessive: Mapped[str] = mapped_column(String(210), default=lambda ctx: _possessive_default(ctx))

    inspections: Mapped[list[Inspection]] = relationship(back_populates="authority", order_by="Inspection.named_on")
    users: Mapped[list[User]] = relationship(back_populates="authority")

    @property
    def display_name(self) -> str:  # how the audit trail names it
        return self.name

    def __init__(self, **fields):
        # Set at once (not only at insert) so a new authority names itself properly before it is saved.
        if "name" in fields:
            fields.setdefault("short_name", default_short_name(fields["name"]))
            fields.setdefault("possessive", default_possessive(fields["short_name"]))
        super().__init__(**fields)

    def __repr__(self) -> str:
        return f"<Authority {self.name}>"


def _short_default(context) -> str:
    return default_short_name(context.get_current_parameters()["name"])


def _possessive_default(context) -> str:
    parameters = context.get_current_parameters()
    return default_possessive(parameters.get("short_name") or default_short_name(parameters["name"]))
