from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db

if TYPE_CHECKING:
    from tracker.models.inspection import Inspection
    from tracker.models.user import User


class Authority(db.Model):
    """A local authority (council) whose children's services are inspected."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)

    inspections: Mapped[list[Inspection]] = relationship(back_populates="authority", order_by="Inspection.published")
    users: Mapped[list[User]] = relationship(back_populates="authority")

    @property
    def display_name(self) -> str:  # how the audit trail names it
        return self.name

    def __repr__(self) -> str:
        return f"<Authority {self.name}>"
