"""Creating and restoring a backup. Plain functions over an app's config; the CLI in cli.py calls them.

A backup folder holds:
- `database.sqlite3` (SQLite's online backup API: a consistent copy while the app writes) or
  `database.dump` (PostgreSQL's `pg_dump`, one consistent snapshot, custom format);
- `uploads/`, the evidence files, copied after the database: files are only ever added, so every file the
  copied database refers to is there (a file uploaded meanwhile is harmless extra);
- `manifest.json`: when, which schema revision, which kind of database, and every file's size and SHA-256.

Restoring checks the manifest first (every file present, the right size and checksum) and goes only into
an empty database and an empty evidence folder, so it can never overwrite live data. The checksums catch
damage, not a deliberate forgery (whoever can rewrite the files can rewrite the manifest): keep backups
where only the service's operators can write, as the README says.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine, make_url

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
UPLOADS = "uploads"
FORMAT = 1


class BackupError(Exception):
    """Something the person running the command must put right; the message says what."""


@dataclass(frozen=True)
class BackupSummary:
    folder: Path
    files: int
    bytes: int


def create(engine: Engine, upload_folder: Path, folder: Path) -> BackupSummary:
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: give a new folder for each backup")
    # Readable by its owner only: it holds password hashes, two-factor secrets and personal data.
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    kind = engine.dialect.name
    revision = _revision(engine)
    if kind == "sqlite":
        _sqlite_backup(engine, folder / SQLITE_FILE)
    elif kind == "postgresql":
        _pg_dump(engine, folder / PG_FILE)
    else:
        raise BackupError(f"Backups of {kind} databases are not supported")
    if Path(upload_folder).exists():
        shutil.copytree(upload_folder, folder / UPLOADS, symlinks=True)
    else:
        (folder / UPLOADS).mkdir()
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o700 if path.is_dir() else 0o600)
    files = {
        str(path.relative_to(folder)): {"bytes": path.stat().st_size, "sha256": _sha256(path)}
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": kind,
        "schema_revision": revision,
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (folder / MANIFEST).chmod(0o600)
    return BackupSummary(folder, len(files), sum(f["bytes"] for f in files.values()))


def verify(folder: Path) -> dict:
    """The manifest, once every file it lists is present with the right size and checksum."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
        manifest["database"], manifest["schema_revision"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{folder} has no readable {MANIFEST}: it is not a backup made by this application") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"The backup's format ({manifest.get('format')}) is not one this version can restore")
    problems = []
    database_file = SQLITE_FILE if manifest["database"] == "sqlite" else PG_FILE
    if database_file not in files:
        problems.append(f"the manifest does not list {database_file}")
    for name, expected in files.items():
        path = folder / name
        inside = folder.resolve() in path.resolve().parents
        if path.is_symlink() or not inside or (name != database_file and not name.startswith(f"{UPLOADS}/")):
            problems.append(f"{name} is not a file a backup holds")
        elif not path.is_file():
            problems.append(f"{name} is missing")
        elif path.stat().st_size != expected["bytes"] or _sha256(path) != expected["sha256"]:
            problems.append(f"{name} has changed since the backup was made")
    if problems:
        raise BackupError("The backup is damaged: " + "; ".join(problems[:10]))
    return manifest


def restore(engine: Engine, upload_folder: Path, folder: Path) -> dict:
    folder = Path(folder)
    manifest = verify(folder)
    kind = engine.dialect.name
    if manifest["database"] != kind:
        raise BackupError(f"The backup is of a {manifest['database']} database; this one is {kind}")
    if inspect(engine).get_table_names():
        raise BackupError("The database is not empty: restore only into a new, empty database")
    upload_folder = Path(upload_folder)
    if upload_folder.exists() and any(upload_folder.iterdir()):
        raise BackupError(f"The evidence folder {upload_folder} is not empty: restore only into an empty one")
    if kind == "sqlite":
        _sqlite_restore(folder / SQLITE_FILE, engine)
    else:
        _pg_restore(folder / PG_FILE, engine)
    upload_folder.mkdir(parents=True, exist_ok=True)
    # Only the files the manifest lists and vouches for: nothing else put in the folder comes back.
    for name in manifest["files"]:
        if name.startswith(f"{UPLOADS}/"):
            target = upload_folder / Path(name).relative_to(UPLOADS)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / name, target)
    return manifest


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            raise BackupError("The database has no schema yet: there is nothing to back up")
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _sqlite_backup(engine: Engine, target: Path) -> None:
    with engine.connect() as connection:
        source = connection.connection.driver_connection
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)  # page by page, consistent even while others write
        finally:
            destination.close()


def _sqlite_restore(source_file: Path, engine: Engine) -> None:
    source = sqlite3.connect(f"file:{source_file}?mode=ro", uri=True)
    try:
        with engine.connect() as connection:
            source.backup(connection.connection.driver_connection)
    finally:
        source.close()
    engine.dispose()  # connections opened before the restore saw the empty database


def _libpq(engine: Engine) -> tuple[str, dict]:
    """The connection URL for PostgreSQL's own tools, and the environment carrying its password (so the
    password never appears in the process list)."""
    url = make_url(engine.url).set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return url.set(password=None).render_as_string(hide_password=False), env


def _pg_tool(name: str) -> str:
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    found = str(candidates[-1]) if candidates else shutil.which(name)
    if not found:
        raise BackupError(f"{name} was not found: install the PostgreSQL client tools")
    return found


def _run(arguments: list[str], env: dict) -> None:
    result = subprocess.run(arguments, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        raise BackupError(f"{Path(arguments[0]).name} failed: {result.stderr.strip()[:500]}")


def _pg_dump(engine: Engine, target: Path) -> None:
    url, env = _libpq(engine)
    arguments = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)]
    _run([*arguments, url], env)


def _pg_restore(source: Path, engine: Engine) -> None:
    url, env = _libpq(engine)
    _run(
        [
            _pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            url,
            str(source),
        ],
        env,
    )
    engine.dispose()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()
