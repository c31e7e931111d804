"""The reminder emails themselves: plain text, in the words the pages use."""

from __future__ import annotations

from datetime import UTC, date
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from tracker.reminders.digest import DirectorDigest, OwnerDigest
from tracker.timeutil import long_date, utcnow


def _message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(utcnow().replace(tzinfo=UTC))
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1] if "@" in sender else None)
    message.set_content(body)
    return message


def owner_message(digest: OwnerDigest, day: date, sender: str, base_url: str, service: str) -> EmailMessage:
    lines = [f"Dear {digest.user.display_name},", "", f"Your improvement plan actions as at {long_date(day)}:", ""]
    sections = [
        ("Overdue milestones", [f"{m} ({a}): due {long_date(d)}" for m, a, d in digest.overdue]),
        (
            f"Milestones due in the next {digest.due_soon_days} days",
            [f"{m} ({a}): due {long_date(d)}" for m, a, d in digest.due_soon],
        ),
        ("Actions not updated recently", [f"{a}: last updated {long_date(u)}" for a, u in digest.stale]),
        ("Challenges waiting for your answer", [f"{a}: {q}" for a, q in digest.challenges]),
    ]
    for heading, items in sections:
        if items:
            lines += [f"{heading} ({len(items)}):", *[f"- {item}" for item in items], ""]
    lines += [f"Update them at {base_url}/my-actions", "", service]
    count = len(digest.overdue) + len(digest.due_soon) + len(digest.stale) + len(digest.challenges)
    things = "1 item needs" if count == 1 else f"{count} items need"
    subject = f"{service}: {things} your attention"
    return _message(sender, digest.user.email, subject, "\n".join(lines))


def director_message(digest: DirectorDigest, day: date, sender: str, base_url: str, service: str) -> EmailMessage:
    lines = [
        f"Dear {digest.user.display_name},",
        "",
        f"{digest.authority.name}'s improvement plans as at {long_date(day)}:",
        "",
        *[f"- {count} {label}" for label, count in digest.figures.items()],
        "",
        f"See the dashboard at {base_url}/dashboard",
        "",
        service,
    ]
    subject = f"{service}: {digest.authority.name} summary for {long_date(day)}"
    return _message(sender, digest.user.email, subject, "\n".join(lines))
