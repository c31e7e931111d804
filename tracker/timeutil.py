"""Time in one place: timestamps are naive UTC in the database; "today" can be pinned for demos and tests."""

from datetime import UTC, date, datetime

from flask import current_app, has_app_context


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    """The day dates are judged against: TRACKER_TODAY when set, otherwise the real date."""
    if has_app_context() and current_app.config.get("TODAY"):
        return date.fromisoformat(current_app.config["TODAY"])
    return date.today()
