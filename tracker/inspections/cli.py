import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from tracker.parsing import DocumentError, parse_file

inspection_cli = AppGroup("inspection", help="Read Ofsted inspection documents.")


@inspection_cli.command("parse")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def parse_command(path: Path) -> None:
    """Parse an inspection document (.txt, .docx or .pdf) and print what was found as JSON."""
    if not path.is_file():
        click.echo(f"Error: there is no file at {path}", err=True)
        sys.exit(1)
    try:
        document = parse_file(path)
    except DocumentError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    click.echo(json.dumps(document.to_dict(), indent=2, ensure_ascii=False))
