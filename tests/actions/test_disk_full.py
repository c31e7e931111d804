"""A full disk under an evidence upload: a message on the form with a logged reference, the person's other
input kept, nothing saved and no part of the file left behind.

Issue 16 filled the upload disk: the upload answered a generic 500 and left partial files. Here the disk
is really full. The server runs in a user and mount namespace of its own (`unshare`, no privileges
needed) with a 64 KiB tmpfs as its UPLOAD_FOLDER, so writing a 200 KB file fails part-way with ENOSPC
exactly as a full disk does. The test looks into that file system through /proc/<pid>/root.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.conftest import IN_CI, make_config
from tests.helpers.browser import Browser, Upload, hidden_fields
from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tests.helpers.servers import Server, server_environment, start_server, stop_server, wait_until_healthy
from tracker.app import create_app
from tracker.extensions import db
from tracker.models import AuditEvent, Evidence, Role

DISK = "64k"
# Mount a tmpfs of DISK bytes over the upload folder, then run the server in that namespace.
TINY_DISK = [
    "unshare",
    "--user",
    "--map-root-user",
    "--mount",
    "sh",
    "-c",
    f'mount -t tmpfs -o size={DISK} tmpfs "$UPLOAD_FOLDER" && exec "$@"',
    "tiny-disk",
]


def _pdf(size: int) -> bytes:
    return b"%PDF-1.4\n" + b"0" * size + b"\n%%EOF\n"


def _namespaces_allowed() -> None:
    probe = subprocess.run([*TINY_DISK[:4], "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        message = f"unshare cannot make a user and mount namespace here: {probe.stderr.strip()}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@dataclass
class TinyDisk:
    server: Server
    app: Flask  # in the test's own process, on the same database, to set it up and read it back
    email: str
    action_id: int


@pytest.fixture
def tiny_disk(databases, tmp_path) -> Iterator[TinyDisk]:
    """A gunicorn server whose upload folder is a tiny disk of its own; an owner and their action."""
    _namespaces_allowed()
    url = databases.create("empty", tmp_path / "test.db")
    setup = create_app(make_config(url, tmp_path))
    with committed(setup):
        authority = make_authority()
        owner = make_user(authority, Role.SERVICE_MANAGER)
        action = make_action(make_point(make_inspection(authority)), owner, make_user(authority, Role.DIRECTOR))
    environment = server_environment(url, tmp_path)
    Path(environment["UPLOAD_FOLDER"]).mkdir()
    server = start_server(environment, tmp_path / "gunicorn.log", wrapper=TINY_DISK)
    try:
        wait_until_healthy(server)
        yield TinyDisk(server, setup, owner.email, action.id)
    finally:
        stop_server(server)
        with setup.app_context():
            db.session.remove()
            db.engine.dispose()
        databases.drop(url)


def _files_on_the_tiny_disk(server: Server, tmp_path: Path) -> list[Path]:
    """The upload folder as the server sees it: its own tmpfs, reached through its /proc root."""
    seen = Path(f"/proc/{server.process.pid}/root") / (tmp_path / "uploads").relative_to("/")
    return [p for p in seen.rglob("*") if p.is_file()]


def test_a_full_disk_gives_a_message_with_a_reference_keeps_the_input_and_leaves_nothing(tiny_disk, tmp_path):
    server = tiny_disk.server
    browser = Browser(server.url)
    browser.sign_in(tiny_disk.email)
    path = f"/actions/{tiny_disk.action_id}/evidence/new"
    typed = {
        "kind": "performance_data",
        "description": "Quarterly audit of contacts: 85% decided within 24 hours.",
        "evidence_date": ["14", "11", "2026"],
        "shows_impact": "yes",
    }
    too_big = Upload("quarterly-audit.pdf", _pdf(200_000), "application/pdf")
    response = browser.request(path, {**hidden_fields(browser.request(path).page), **typed}, {"file": too_big})

    assert response.status == 200, response.text[:300]
    page = response.page
    assert page.title.get_text().startswith("Error: ")
    message = page.select_one(".govuk-error-summary a[href='#file']").get_text(" ", strip=True)
    assert message.startswith("The file could not be saved")
    reference = re.search(r"reference: ([0-9A-F]{8})$", message).group(1)
    # Everything typed is still there; only the file must be chosen again, and the page says so.
    assert page.select_one("input[name=kind][value=performance_data]").has_attr("checked")
    assert page.select_one("#description").get_text() == typed["description"]
    assert [page.select_one(f"#evidence_date-{part}")["value"] for part in ("day", "month", "year")] == [
        "14",
        "11",
        "2026",
    ]
    assert page.select_one("input[name=shows_impact][value=yes]").has_attr("checked")
    assert "Choose your file again" in page.select_one(".govuk-warning-text").get_text()

    # The reference is in the log, beside the stack trace that says why.
    log = server.log.read_text(errors="replace")
    logged = log[log.index(f"Evidence file could not be stored, reference {reference}") :]
    assert logged.splitlines()[1] == "Traceback (most recent call last):"
    assert "No space left on device" in logged

    # Nothing was saved, and nothing of the file is left on the disk to fill it.
    assert _files_on_the_tiny_disk(server, tmp_path) == []
    with tiny_disk.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Evidence)) == 0
        assert db.session.scalar(select(func.count()).where(AuditEvent.entity_type == "evidence")) == 0

    # The space the failed file took is free again: a file that fits is saved.
    fits = Upload("summary.pdf", _pdf(20_000), "application/pdf")
    saved = browser.request(path, {**hidden_fields(browser.request(path).page), **typed}, {"file": fits})
    assert saved.status == 302, saved.text[:300]
    assert [p.read_bytes() for p in _files_on_the_tiny_disk(server, tmp_path)] == [fits.content]
