import json

import click
from flask.cli import AppGroup

from tracker.export.plan_export import build_plan_export

plan_cli = AppGroup("plan", help="Work with the whole plan.")


@plan_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def export_command(fmt: str) -> None:
    """Print every authority's whole plan as nested JSON."""
    click.echo(json.dumps(build_plan_export(), indent=2, ensure_ascii=False))
