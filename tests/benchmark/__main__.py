"""Run the benchmark: `python -m tests.benchmark [--sizes 1000,10000,100000] [--databases sqlite,postgresql]
[--archive ../shared/corpus/archive] [--parse-only] [--paper-only]`."""

from __future__ import annotations

import argparse
import gc
import logging
import resource
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from flask_migrate import upgrade

from tests.benchmark import databases, pages, paper, parsing, publishing, report
from tests.conftest import make_config
from tracker.app import create_app
from tracker.demo.generate import generate
from tracker.extensions import db

DOCS = Path(__file__).resolve().parent.parent.parent / "docs" / "performance.md"
PER_COUNCIL = 10_000


def _app_with_plan(url: str, size: int, folder: Path):
    app = create_app(make_config(url, folder, TODAY="2026-11-22"))
    pages.add_floor(app)
    app.logger.disabled = True
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        generate(max(1, size // PER_COUNCIL), size)
        print(f"  generated {size:,} actions in {time.perf_counter() - started:.1f} s", flush=True)
    return app


@contextmanager
def _frozen():
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _close(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    logging.getLogger("alembic").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--out", type=Path, default=DOCS)
    parser.add_argument("--archive", default=str(parsing.ARCHIVE), help="real Ofsted PDFs; relative to the project")
    parser.add_argument("--parse-only", action="store_true", help="only the parse time; print it, write nothing")
    parser.add_argument(
        "--paper-only", action="store_true", help="only the 2,000-action council's paper; print it, write nothing"
    )
    args = parser.parse_args()
    folder = parsing.archive_folder(args.archive)
    parse_lines = None
    if not args.paper_only:
        print(f"Parsing the PDFs in {folder} …", flush=True)
        parse_lines = parsing.summary(parsing.measure(folder), folder)
        print("\n".join(parse_lines), flush=True)
    if args.parse_only:
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = {}
    growths = {}
    notes = []
    papers = []
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="bench-") as folder:
        folder = Path(folder)
        if not args.paper_only:
            print("Printing a long PDF report for the import …", flush=True)
        long_pdf = b"" if args.paper_only else pages.long_report_pdf()
        targets = []
        for name in args.databases.split(","):
            if name == "sqlite":
                targets.append(databases.Sqlite(folder))
            elif name == "postgresql":
                pg = stack.enter_context(databases.postgres())
                notes.append(f"PostgreSQL {pg.version}")
                targets.append(pg)
        for target in targets:
            print(f"{target.kind}, the paper over every plan of {paper.ACTIONS:,} actions", flush=True)
            papers.append(paper.measure(target.kind, target.new(), folder / f"{target.kind}-paper"))
            print("\n".join(paper.summary(papers[-1:])), flush=True)
            if args.paper_only:
                continue
            kept = {}
            for size in sizes:
                print(f"{target.kind}, {size:,} actions", flush=True)
                app = _app_with_plan(target.new(), size, folder / f"{target.kind}-{size}")
                # Measured as a server process runs (wsgi.py): what start-up made is kept out of the garbage
                # collector's full sweeps. Released again before the next database is built.
                with _frozen():
                    runs[(target.kind, size)] = pages.measure_all(app, long_pdf)
                if size in (min(sizes), max(sizes)):
                    kept[size] = app  # for the growth, measured once both are built
                else:
                    _close(app)
            if len(kept) == 2:
                print(f"{target.kind}, growth from {min(sizes):,} to {max(sizes):,} actions", flush=True)
                with _frozen():
                    growths[target.kind] = pages.growth(kept[min(sizes)], kept[max(sizes)])
            for app in kept.values():
                _close(app)
    publish_lines = []
    if "postgresql" in args.databases.split(","):
        print(f"Publishing the {paper.ACTIONS:,}-action paper under gunicorn through the job queue …", flush=True)
        publish_lines = publishing.measure()
        print("\n".join(publish_lines), flush=True)
    if args.paper_only:
        return
    memory_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(report.write(args.out, runs, growths, memory_mb, notes, parse_lines, paper.summary(papers) + publish_lines))


if __name__ == "__main__":
    main()
