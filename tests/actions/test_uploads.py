"""An evidence file lives and dies with the transaction that records it: kept when it commits, removed
when it is rolled back, when its commit fails, or when the request ends without committing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from tracker.actions import operations as ops
from tracker.actions.uploads import CheckedFile
from tracker.extensions import db
from tracker.models import Action, EvidenceKind, Milestone

PDF = CheckedFile("audit.pdf", ".pdf", "application/pdf", b"%PDF-1.4\n% an audit\n%%EOF\n")


def _stored_files(app) -> list[Path]:
    return [p for p in Path(app.config["UPLOAD_FOLDER"]).rglob("*") if p.is_file()]


def _add_evidence(app, world) -> None:
    action = db.session.get(Action, world.action.id)
    ops.add_evidence(
        action,
        action.owner,
        kind=EvidenceKind.AUDIT,
        description="Audit of 40 contacts.",
        evidence_date=date(2026, 11, 1),
        shows_impact=True,
        file=PDF,
        upload_folder=Path(app.config["UPLOAD_FOLDER"]),
    )
    assert [p.read_bytes() for p in _stored_files(app)] == [PDF.data]  # written before the commit


def test_a_committed_file_is_kept(app, world):
    with app.app_context():
        _add_evidence(app, world)
        db.session.commit()
        db.session.remove()
    assert len(_stored_files(app)) == 1


def test_a_rolled_back_file_is_removed(app, world):
    with app.app_context():
        _add_evidence(app, world)
        db.session.rollback()
        assert _stored_files(app) == []


def test_a_file_whose_commit_fails_is_removed(app, world):
    with app.app_context():
        _add_evidence(app, world)
        db.session.add(Milestone(action_id=world.action.id, title=None, due_date=date(2027, 1, 1)))  # NOT NULL
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        assert _stored_files(app) == []


def test_a_file_of_a_request_that_ends_without_committing_is_removed(app, world):
    with app.app_context():
        _add_evidence(app, world)
        db.session.remove()  # what Flask-SQLAlchemy does when a request ends, whatever went wrong in it
    assert _stored_files(app) == []
