"""`flask --app wsgi backup create DIR` and `backup restore DIR`."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from tracker.backups import operations
from tracker.database_roles import grant_to_application, owner_engine
from tracker.extensions import db

backup_cli = click.Group("backup", help="Back up and restore the database and the evidence files.")


@backup_cli.command("create")
@click.argument("folder", type=click.Path(path_type=Path))
@with_appcontext
def create(folder: Path) -> None:
    """Write a consistent copy of the database and the evidence files, with a manifest, into FOLDER."""
    try:
        summary = operations.create(db.engine, Path(current_app.config["UPLOAD_FOLDER"]), folder)
    except operations.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Backed up to {summary.folder}: {summary.files} files, {summary.bytes:,} bytes.")


@backup_cli.command("restore")
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@with_appcontext
def restore(folder: Path) -> None:
    """Check FOLDER's manifest, then restore it into this (empty) database and evidence folder."""
    # As the schema's owner (MIGRATIONS_DATABASE_URL when set), who must own what is restored; the backup
    # carries no privileges, so the application's role is given its own again.
    try:
        with owner_engine(current_app) as engine:
            manifest = operations.restore(engine, Path(current_app.config["UPLOAD_FOLDER"]), folder)
            with engine.begin() as connection:
                grant_to_application(connection, current_app.config)
    except operations.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    db.engine.dispose()  # its connections, if any, saw the empty database
    click.echo(f"Restored the backup made at {manifest['created_at']} (schema {manifest['schema_revision']}).")
