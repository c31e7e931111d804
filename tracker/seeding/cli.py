from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from tracker.extensions import db
from tracker.parsing import DocumentError
from tracker.seeding.operations import DEMO_PASSWORD, ResetRefused, holds_real_accounts, reset_database, seed_demo
from tracker.seeding.plan_file import PlanFileError


@click.command("seed")
@click.option(
    "--reset",
    is_flag=True,
    help="Empty the database first, then seed (only a database whose accounts are all the demo's).",
)
@with_appcontext
def seed_command(reset: bool) -> None:
    """Seed the demo: the five seed documents, parsed, joined with seed/plan.yaml, and demo accounts."""
    if current_app.config.get("PRODUCTION"):
        raise click.ClickException("The demo is never seeded in production: its accounts share a published password")
    if reset:
        try:
            reset_database()
        except ResetRefused as exc:
            raise click.ClickException(str(exc)) from None
    with db.engine.connect() as connection:
        if holds_real_accounts(connection):
            # Its accounts share a published password: never beside real people's, in any environment.
            raise click.ClickException(
                "This database holds accounts that are not the demo's: the demo, whose accounts share a "
                "published password, is seeded only into a demo database. Nothing was changed."
            )
    try:
        summary = seed_demo(Path(current_app.config["SEED_FOLDER"]))
    except (PlanFileError, DocumentError) as exc:
        db.session.rollback()  # nothing half-seeded
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Seeded: {summary.authorities_created} authorities, {summary.users_created} users, "
        f"{summary.inspections_created} inspections ({summary.inspections_skipped} already present), "
        f"{summary.actions_created} actions."
    )
    click.echo(f"Demo accounts share the password: {DEMO_PASSWORD}")
