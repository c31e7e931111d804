"""`flask --app wsgi demo generate --authorities N --actions N`."""

import time

import click
from flask import current_app
from flask.cli import with_appcontext

from tracker.demo.generate import generate
from tracker.seeding.operations import DEMO_PASSWORD

demo_cli = click.Group("demo", help="Synthetic demo data at a large council's scale.")


@demo_cli.command("generate")
@click.option("--authorities", type=click.IntRange(1, 1000), default=1, show_default=True)
@click.option("--actions", type=click.IntRange(1, 2_000_000), default=1000, show_default=True)
@click.option("--seed", type=int, default=2026, show_default=True, help="The same seed makes the same plan.")
@with_appcontext
def generate_command(authorities: int, actions: int, seed: int) -> None:
    """Add synthetic councils with plans of ACTIONS actions in all, with milestones, evidence, updates and
    their audit events. Demo data: production refuses to run on a database holding it."""
    if current_app.config.get("PRODUCTION"):
        raise click.ClickException("Synthetic demo data is never generated in production")
    started = time.perf_counter()
    result = generate(authorities, actions, seed=seed)
    click.echo(
        f"Generated {result.authorities} authorities, {result.users} users, {result.inspections} inspections, "
        f"{result.actions} actions ({result.rows:,} rows) in {time.perf_counter() - started:.1f} s. "
        f"Password: {DEMO_PASSWORD}"
    )
