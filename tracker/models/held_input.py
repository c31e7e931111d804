from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.timeutil import utcnow


class HeldInput(db.Model):
    """What a form held when it was posted after its session had ended: shown again after signing in, never saved.

    Found by a random token kept in that browser's session (only its hash is stored here), so no other browser
    can reach it; removed once shown, and worth nothing after tracker.held_input.KEEP_MINUTES.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Whose session ended, when one did: only they see it. None: the post came with no session at all.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    path: Mapped[str] = mapped_column(String(500))  # the form's page, shown again with the input
    fields: Mapped[list] = mapped_column(JSON)  # [name, value] pairs, in the order posted
    had_files: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
