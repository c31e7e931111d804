import smtplib
import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tracker import definitions
from tracker.extensions import db
from tracker.models import ReminderSent
from tracker.reminders.delivery import deliver
from tracker.reminders.digest import director_digests, owner_digests
from tracker.reminders.messages import director_message, owner_message
from tracker.timeutil import today

reminders_cli = AppGroup("reminders", help="Email owners and directors what needs their attention.")


@reminders_cli.command("send")
@click.option("--dry-run", is_flag=True, help="Print who would get what; send and record nothing.")
@click.option(
    "--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), help="The day to remind about (default today)."
)
def send_command(dry_run: bool, day) -> None:
    """Send today's reminders. Each person gets each kind of reminder once a day, however often this runs."""
    day = day.date() if day else today()
    config = current_app.config
    windows = {"stale_days": definitions.stale_days(), "due_soon_days": definitions.due_soon_days()}
    sender, base_url, service = config["MAIL_FROM"], config["BASE_URL"].rstrip("/"), config["SERVICE_NAME"]
    already = {
        (user_id, kind)
        for user_id, kind in db.session.execute(
            select(ReminderSent.user_id, ReminderSent.kind).where(ReminderSent.reminder_date == day)
        )
    }
    outgoing = [
        ("owner", d.user, owner_message(d, day, sender, base_url, service)) for d in owner_digests(day, **windows)
    ] + [
        ("director", d.user, director_message(d, day, sender, base_url, service))
        for d in director_digests(day, **windows)
    ]
    sent = skipped = failed = 0
    for kind, user, message in outgoing:
        if (user.id, kind) in already:
            skipped += 1
            continue
        if dry_run:
            click.echo(f"Would send to {user.email}: {message['Subject']}")
            continue
        # Claim it first: a run overlapping this one finds the claim and sends nothing twice.
        claim = ReminderSent(user_id=user.id, reminder_date=day, kind=kind, message_id=message["Message-ID"])
        db.session.add(claim)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            skipped += 1
            continue
        try:
            where = deliver(current_app, message)
        except (OSError, smtplib.SMTPException) as exc:
            db.session.delete(claim)  # not sent: the next run tries again
            db.session.commit()
            failed += 1
            click.echo(f"Could not send to {user.email}: {exc}", err=True)
            continue
        sent += 1
        click.echo(f"Sent to {user.email} ({where}): {message['Subject']}")
    verb = "Would send" if dry_run else "Sent"
    count = len(outgoing) - skipped if dry_run else sent
    plural = "s" if count != 1 else ""
    click.echo(f"{verb} {count} reminder{plural} for {day.isoformat()}; {skipped} already sent that day.")
    if failed:
        click.echo(f"{failed} could not be sent; run the command again to retry them.", err=True)
        sys.exit(1)
