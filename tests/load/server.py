"""What the load runs against: a database filled by the demo generator, and gunicorn serving the app on it."""

from __future__ import annotations

import dataclasses
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import select

from tests.benchmark.databases import _free_port
from tests.conftest import SEED_TODAY, make_config
from tracker.app import create_app
from tracker.demo.generate import generate
from tracker.extensions import db
from tracker.models import Authority, Role, User
from tracker.reports import operations as reports
from tracker.reports.defaults import default_inputs

ROOT = Path(__file__).resolve().parent.parent.parent
COMMITTEE = "Children and Families Overview and Scrutiny Committee"
# Two published reports per council: the last meeting's and this one's, as committee members would find them.
MEETINGS = ((date(2026, 6, 2), date(2026, 5, 22)), (date(2026, 12, 1), date(2026, 11, 22)))


def prepare(url: str, folder: Path, councils: int, actions: int) -> None:
    """Migrate, generate the councils' plans and publish their committee reports."""
    app = create_app(make_config(url, folder))
    app.logger.disabled = True
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        made = generate(councils, actions)
        print(f"  generated {made.actions:,} actions, {made.users} users in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        for authority in db.session.scalars(select(Authority).order_by(Authority.id)).all():
            director = db.session.scalar(
                select(User).where(User.authority_id == authority.id, User.role == Role.DIRECTOR).order_by(User.id)
            )
            previous = None
            for meeting, as_at in MEETINGS:
                inputs = dataclasses.replace(
                    default_inputs(authority, COMMITTEE, meeting, as_at), previous_report=previous
                )
                report = reports.save_draft(None, inputs, director)
                db.session.flush()
                reports.publish(report, director)
                db.session.commit()
                previous = meeting
        print(f"  published {2 * councils} committee reports in {time.perf_counter() - started:.1f} s")
        db.session.remove()
        db.engine.dispose()


@contextmanager
def gunicorn(url: str, folder: Path, workers: int):
    """gunicorn as README's production section runs it, with the development configuration: production's
    secure cookies need HTTPS and its start-up check refuses demo accounts, neither of which changes speed."""
    port = _free_port()
    env = {
        **os.environ,
        "TRACKER_ENV": "development",
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "TRACKER_TODAY": SEED_TODAY,  # the generator's "today", so what is overdue is as it made it
        "UPLOAD_FOLDER": str(folder / "uploads"),
        "REMINDER_OUTBOX": str(folder / "outbox"),
    }
    log = folder / "gunicorn.log"
    command = [str(Path(sys.executable).parent / "gunicorn"), "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--error-logfile", str(log), "--capture-output", "wsgi:app"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        errors = [line for line in log.read_text(encoding="utf-8").splitlines() if "Traceback" in line]
        if errors:
            print(f"gunicorn logged {len(errors)} tracebacks:\n{log.read_text(encoding='utf-8')[-5000:]}")


def _wait_until_up(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start-up:\n{log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")
