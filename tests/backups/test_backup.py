"""Backup and restore: a consistent copy while writes go on, checked by its manifest, restored only into
an empty database, giving back the same plan and the same evidence files."""

import hashlib
import io
import json
import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from tests.conftest import make_config
from tests.helpers.data import committed
from tracker.actions import operations as ops
from tracker.actions.uploads import check_upload
from tracker.app import create_app
from tracker.export.plan_export import build_plan_export
from tracker.extensions import db
from tracker.models import Action, ActionStatus, AuditEvent, EvidenceKind, ProgressUpdate, Rag, User

PDF = b"%PDF-1.4\n% a small but real-looking PDF for the evidence\n%%EOF\n"


def _add_file_evidence(app):
    with committed(app):
        # An open action: nothing is added to one signed off.
        action = db.session.scalar(select(Action).where(Action.status != ActionStatus.COMPLETE).order_by(Action.id))
        owner = db.session.get(User, action.owner_id)
        checked = check_upload(FileStorage(io.BytesIO(PDF), "audit.pdf", content_type="application/pdf"), 10**6)
        ops.add_evidence(
            action,
            owner,
            kind=EvidenceKind.AUDIT,
            description="Audit of 40 contacts",
            evidence_date=date(2026, 11, 1),
            shows_impact=True,
            file=checked,
            upload_folder=Path(app.config["UPLOAD_FOLDER"]),
        )


def _files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def _export(app) -> dict:
    with app.app_context():
        return json.loads(json.dumps(build_plan_export(), default=str))


@pytest.fixture
def restored_app(databases, tmp_path):
    """A second app on a blank database and an empty evidence folder, to restore into."""
    url = databases.blank(tmp_path / "restored.db")
    config = make_config(url, tmp_path / "restored")
    app = create_app(config)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    databases.drop(url)


def test_a_backup_restores_to_the_same_plan_and_evidence_files(seeded_app, restored_app, tmp_path):
    _add_file_evidence(seeded_app)
    backup = tmp_path / "backup"
    result = seeded_app.test_cli_runner().invoke(args=["backup", "create", str(backup)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["schema_revision"] and any(name.startswith("uploads/") for name in manifest["files"])

    result = restored_app.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert _export(restored_app) == _export(seeded_app)
    original = _files(Path(seeded_app.config["UPLOAD_FOLDER"]))
    assert original and _files(Path(restored_app.config["UPLOAD_FOLDER"])) == original


def test_a_damaged_backup_is_refused_before_anything_is_restored(seeded_app, restored_app, tmp_path):
    _add_file_evidence(seeded_app)
    backup = tmp_path / "backup"
    seeded_app.test_cli_runner().invoke(args=["backup", "create", str(backup)])
    evidence = next((backup / "uploads").rglob("*.pdf"))
    evidence.write_bytes(evidence.read_bytes() + b"tampered")
    result = restored_app.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
    assert result.exit_code != 0 and "damaged" in result.output and "has changed" in result.output
    with restored_app.app_context():
        assert not db.inspect(db.engine).get_table_names()


def test_a_backup_is_never_restored_over_a_database_with_data(seeded_app, tmp_path):
    backup = tmp_path / "backup"
    seeded_app.test_cli_runner().invoke(args=["backup", "create", str(backup)])
    result = seeded_app.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
    assert result.exit_code != 0 and "not empty" in result.output


def test_a_backup_folder_must_be_new(seeded_app, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "something").write_text("x")
    result = seeded_app.test_cli_runner().invoke(args=["backup", "create", str(tmp_path / "used")])
    assert result.exit_code != 0 and "not empty" in result.output


def test_a_backup_taken_while_writes_go_on_is_consistent(seeded_app, restored_app, tmp_path):
    """Progress updates are written one per transaction, with their audit events, throughout the backup.
    The restored copy holds some first n of them, each with its audit events: nothing half-written."""
    with committed(seeded_app):
        action_id = db.session.scalar(select(Action.id).where(Action.rag != Rag.BLUE).order_by(Action.id))
        before = db.session.scalar(select(func.count(ProgressUpdate.id)))
    stop = threading.Event()
    written = []

    def writer():
        with seeded_app.app_context():
            n = 0
            while not stop.is_set() and n < 400:
                n += 1
                action = db.session.get(Action, action_id)
                owner = db.session.get(User, action.owner_id)
                ops.record_progress(action, owner, rag=action.rag, rag_reason="Steady.", narrative=f"Update {n}")
                db.session.commit()
                written.append(n)
            db.session.remove()

    thread = threading.Thread(target=writer)
    thread.start()
    while len(written) < 5:
        threading.Event().wait(0.01)
    result = seeded_app.test_cli_runner().invoke(args=["backup", "create", str(tmp_path / "backup")])
    stop.set()
    thread.join()
    assert result.exit_code == 0, result.output

    result = restored_app.test_cli_runner().invoke(args=["backup", "restore", str(tmp_path / "backup")])
    assert result.exit_code == 0, result.output
    with restored_app.app_context():
        narratives = db.session.scalars(
            select(ProgressUpdate.narrative)
            .where(ProgressUpdate.action_id == action_id, ProgressUpdate.narrative.like("Update %"))
            .order_by(ProgressUpdate.id)
        ).all()
        numbers = [int(n.split()[1]) for n in narratives]
        assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 5
        updates = db.session.scalar(select(func.count(ProgressUpdate.id)))
        assert updates == before + len(numbers)
        recorded = db.session.scalar(
            select(func.count(AuditEvent.id)).where(
                AuditEvent.entity_type == "progress_update", AuditEvent.event == "created"
            )
        )
        with seeded_app.app_context():
            per_update = db.session.scalar(
                select(func.count(AuditEvent.id)).where(
                    AuditEvent.entity_type == "progress_update", AuditEvent.event == "created"
                )
            ) / db.session.scalar(select(func.count(ProgressUpdate.id)))
        assert recorded == updates * per_update


def test_a_backup_is_readable_by_its_owner_only(seeded_app, tmp_path):
    _add_file_evidence(seeded_app)
    backup = tmp_path / "backup"
    seeded_app.test_cli_runner().invoke(args=["backup", "create", str(backup)])
    assert backup.stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o077 == 0 for p in backup.rglob("*"))


def test_restore_brings_back_only_what_the_manifest_vouches_for(seeded_app, restored_app, tmp_path):
    backup = tmp_path / "backup"
    seeded_app.test_cli_runner().invoke(args=["backup", "create", str(backup)])
    (backup / "uploads" / "planted.pdf").write_bytes(b"%PDF- not from the backup")
    result = restored_app.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert not list(Path(restored_app.config["UPLOAD_FOLDER"]).rglob("planted.pdf"))


def test_a_manifest_without_its_database_is_refused(seeded_app, restored_app, tmp_path):
    backup = tmp_path / "backup"
    seeded_app.test_cli_runner().invoke(args=["backup", "create", str(backup)])
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["files"] = {k: v for k, v in manifest["files"].items() if k.startswith("uploads/")}
    (backup / "manifest.json").write_text(json.dumps(manifest))
    result = restored_app.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
    assert result.exit_code != 0 and "does not list" in result.output
