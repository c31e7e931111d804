"""Time the plans "as at" a date (tracker/history) over a generated council of 2,000 actions, and show the
plan PostgreSQL chooses for the history's query: `python -m tests.benchmark.history [--actions 2000]`.

Prints, for SQLite and PostgreSQL, the median of ten loads of the paper's facts as at a date inside the
plan's history, and PostgreSQL's EXPLAIN of the one query that reads the audit trail.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import func, select, text

from tests.benchmark import databases
from tests.conftest import make_config
from tracker.app import create_app
from tracker.demo.generate import generate
from tracker.extensions import db
from tracker.history import values
from tracker.history.moments import end_of_uk_day
from tracker.models import AuditEvent, Authority, Inspection
from tracker.reports import data
from tracker.reports.defaults import default_inputs
from tracker.reports.facts import plans_as_at

DAY = date(2025, 9, 30)
COUNCILS = 5


def _measure(url: str, actions: int, folder: Path, explain: bool) -> None:
    app = create_app(make_config(url, folder, TODAY="2026-11-22"))
    app.logger.disabled = True
    with app.app_context():
        upgrade()
        # Five councils, so that one council's plans are a fifth of the trail, as on a shared installation.
        generate(COUNCILS, actions * COUNCILS)
        authority = db.session.scalar(select(Authority).order_by(Authority.id))
        plans = db.session.scalars(select(Inspection.id).where(Inspection.authority_id == authority.id)).all()
        events = db.session.scalar(select(func.count()).select_from(AuditEvent))
        inputs = default_inputs(authority, "Scrutiny", None, DAY)
        inputs.inspection_ids = list(plans)
        times = []
        for _ in range(10):
            db.session.expunge_all()
            started = time.perf_counter()
            loaded = data.load(inputs)
            times.append(time.perf_counter() - started)
        facts = []
        for _ in range(10):
            started = time.perf_counter()
            plans_as_at(loaded.inspections, DAY)
            facts.append(time.perf_counter() - started)
        history = []
        for _ in range(10):
            started = time.perf_counter()
            values.recorded_at(list(plans), end_of_uk_day(DAY))
            history.append(time.perf_counter() - started)
        print(
            f"{url.split(':')[0]}: {len(loaded.as_at.actions):,} actions as at {DAY} of {actions:,} "
            f"({events:,} audit events in all): report data {statistics.median(times) * 1000:.0f} ms, of which "
            f"the facts as at the date {statistics.median(facts) * 1000:.0f} ms, and in that the history's "
            f"query {statistics.median(history) * 1000:.0f} ms (medians of 10)"
        )
        if explain:
            statement = values.history_query(list(plans), end_of_uk_day(DAY))
            compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
            for (line,) in db.session.execute(text(f"EXPLAIN ANALYZE {compiled}")):
                print("   ", line)
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    logging.getLogger("alembic").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-history-") as folder:
        folder = Path(folder)
        _measure(databases.Sqlite(folder).new(), args.actions, folder, explain=False)
        with databases.postgres() as pg:
            _measure(pg.new(), args.actions, folder, explain=True)


if __name__ == "__main__":
    main()
