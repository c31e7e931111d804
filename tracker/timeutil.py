"""Time in one place: timestamps are naive UTC in the database; "today" can be pinned for demos and tests."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


UK = ZoneInfo("Europe/London")


def uk_date(moment: datetime) -> date:
    """The UK's date at an aware moment."""
    return moment.astimezone(UK).date()


def today() -> date:
    """The day dates are judged against: TRACKER_TODAY when set, otherwise the date in the UK (not the server's
    own: a server on UTC is a day behind from midnight to one in the morning in summer)."""
    if has_app_context() and current_app.config.get("TODAY"):
        return date.fromisoformat(current_app.config["TODAY"])
    return uk_date(datetime.now(UTC))


def long_date(value: date | datetime | None) -> str:
    """ "3 September 2024", as the council's papers write dates; nothing for no date.

    Also the templates' long_date (a global: a macro took five times as long, twice per row of a list)."""
    return f"{value.day} {value:%B %Y}" if value else ""
