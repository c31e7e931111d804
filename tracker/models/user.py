from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, case, false, func
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash

from tracker.extensions import db
from tracker.models.enums import Role, enum_column_type
from tracker.timeutil import utcnow

if TYPE_CHECKING:
    from tracker.models.authority import Authority


class User(UserMixin, db.Model):
    """Someone who signs in. Known by job title; a personal name is optional.

    Everyone belongs to exactly one council except service operators, who belong to none (the database
    holds that rule, so no code path can make a council-less administrator or a council's operator).
    """

    __table_args__ = (
        CheckConstraint("(role = 'service_operator') = (authority_id IS NULL)", name="operator_has_no_authority"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_column_type(Role))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Made by the demo seed; the production configuration will refuse to run while any exist.
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Every signed-in session carries the version it began under; raising it (sign-out, a new password,
    # deactivation) ends all of this user's sessions at their next request, copied cookies included.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Two-factor sign-in (TOTP, RFC 6238): the shared secret once set up, and the last time step used,
    # so a code cannot be used twice.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None]
    # A secret shown on the set-up page and not yet confirmed with a code: kept here, not in the cookie
    # (Flask's session cookie is signed, not encrypted).
    totp_pending_secret: Mapped[str | None] = mapped_column(String(64))
    # A password someone else set (an administrator or operator) is temporary: the person must choose their
    # own before doing anything else, so whoever set it cannot go on signing in as them.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())

    authority: Mapped[Authority | None] = relationship(back_populates="users")

    @hybrid_property
    def display_name(self) -> str:
        """The person's name, or their job title when no name is given; in a query, the same in SQL."""
        return self.name or self.job_title

    @display_name.inplace.expression
    @classmethod
    def _display_name_expression(cls):
        return func.coalesce(func.nullif(cls.name, ""), cls.job_title)

    @hybrid_property
    def name_and_title(self) -> str:
        """Who someone is in a list a director reads or circulates: "Name (Job title)", or the job title alone
        when no name is given (the demo's people have none); in a query, the same in SQL."""
        return f"{self.name} ({self.job_title})" if self.name else self.job_title

    @name_and_title.inplace.expression
    @classmethod
    def _name_and_title_expression(cls):
        return case(
            (func.coalesce(cls.name, "") == "", cls.job_title),
            else_=cls.name + " (" + cls.job_title + ")",
        )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
