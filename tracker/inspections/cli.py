import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from tracker.parsing import DocumentError, ParsedDocument, parse_file
from tracker.parsing.model import NOTHING_TO_IMPROVE, POINTS_NOT_READ

inspection_cli = AppGroup("inspection", help="Read Ofsted inspection documents.")

# Exit statuses: 0 read (also a document with nothing to improve), 1 not read at all, 3 read as an
# inspection document whose improvement points could not be read (its JSON is still printed).
UNREADABLE = 1
POINTS_UNREAD = 3
POINTS_UNREAD_MESSAGE = (
    "Error: this is an inspection document, but its improvement points could not be read; "
    'the lines where they should be are in "passage"'
)
NOTHING_TO_IMPROVE_NOTE = "Note: Ofsted listed nothing to improve in this document"


def outcome(document: ParsedDocument) -> tuple[int, str | None]:
    """The exit status and the line for stderr that a reading gives, so a script never takes a document
    whose points were lost for one with none."""
    if document.points_status == POINTS_NOT_READ:
        return POINTS_UNREAD, POINTS_UNREAD_MESSAGE
    if document.points_status == NOTHING_TO_IMPROVE:
        return 0, NOTHING_TO_IMPROVE_NOTE
    return 0, None


@inspection_cli.command("parse")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def parse_command(path: Path) -> None:
    """Parse an inspection document (.txt, .docx or .pdf) and print what was found as JSON.

    Exits 0 when it was read, 1 when it could not be read at all, and 3 when it is an inspection
    document whose improvement points could not be read (the JSON is printed all the same)."""
    if not path.is_file():
        click.echo(f"Error: there is no file at {path}", err=True)
        sys.exit(UNREADABLE)
    try:
        document = parse_file(path)
    except DocumentError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(UNREADABLE)
    click.echo(json.dumps(document.to_dict(), indent=2, ensure_ascii=False))
    status, message = outcome(document)
    if message:
        click.echo(message, err=True)
    sys.exit(status)
