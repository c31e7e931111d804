"""Run the load test: `python -m tests.load [--users 50] [--run-time 60] [--councils 4] [--actions 10000]`.

Starts a throwaway PostgreSQL, migrates it and fills it with `demo generate`'s councils (publishing two
committee reports each), serves it with gunicorn, runs Locust headless with the three journeys, writes the
figures into docs/performance.md's "Load test" section and exits 1 unless issue 8's acceptance is met.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from tests.benchmark import databases
from tests.load import figures, server

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent.parent / "docs" / "performance.md"
# Each worker renders every page once before the count starts, as a server that has been up a while has.
WARM_UP_USERS = 8
APPLICATION = ("tracker", "templates", "migrations", "wsgi.py")  # the files whose changes would change the figures


def _cpu_seconds_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu_times() -> tuple[float, float]:
    """The whole machine's busy and total CPU time so far (/proc/stat), to show what else was running."""
    fields = [float(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and waiting for I/O
    return sum(fields) - idle, sum(fields)


def _code() -> str:
    """The commit measured, and whether the application's files had changes beyond it."""

    def git(*words: str) -> str:
        return subprocess.run(["git", *words], cwd=HERE, capture_output=True, text=True, check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "code of unknown version"
    changed = git("status", "--porcelain", "--", *APPLICATION)
    return f"code at {commit}{' with uncommitted changes to the application' if changed else ''}"


def run_locust(
    base: str, requests_file: Path, councils: int, users: int, spawn_rate: float, seconds: int
) -> tuple[float, float, float]:
    """Locust headless, every request written to `requests_file`. Returns the CPU-seconds Locust itself used,
    how busy the machine's CPUs were meanwhile (0 to 1), and the CPU-seconds the machine had in that time."""
    command = [str(Path(sys.executable).parent / "locust"), "-f", str(HERE / "locustfile.py"), "--headless"]
    command += ["--host", base, "-u", str(users), "-r", str(spawn_rate), "-t", f"{seconds}s", "--stop-timeout", "15"]
    command += ["--only-summary", "--councils", str(councils), "--requests-file", str(requests_file)]
    before, (busy, total) = _cpu_seconds_of_children(), _cpu_times()
    finished = subprocess.run(command, cwd=HERE.parent.parent, check=False)
    if not requests_file.exists():
        raise RuntimeError(f"Locust wrote no figures (exit status {finished.returncode})")
    busy, total = (now - then for now, then in zip(_cpu_times(), (busy, total), strict=True))
    return _cpu_seconds_of_children() - before, busy / total, total / os.sysconf("SC_CLK_TCK")


def main() -> None:
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # publishing the reports: CSS it does not support
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", type=int, default=60, help="seconds")
    parser.add_argument("--councils", type=int, default=4)
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--warm-up", type=int, default=15, help="seconds of a smaller run first, not counted")
    parser.add_argument("--out", type=Path, default=DOCS)
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="load-") as folder, databases.postgres() as pg:
        folder = Path(folder)
        print(f"PostgreSQL {pg.version}: {args.councils} councils, {args.actions:,} actions", flush=True)
        url = pg.new()
        server.prepare(url, folder, args.councils, args.actions)
        with server.gunicorn(url, folder, args.workers) as base:
            print(f"gunicorn with {args.workers} workers on {base}; Locust: {args.users} users for {args.run_time} s")
            if args.warm_up:
                print(f"Warming up: {WARM_UP_USERS} users for {args.warm_up} s (not counted)", flush=True)
                run_locust(base, folder / "warm-up.csv", args.councils, WARM_UP_USERS, WARM_UP_USERS, args.warm_up)
            requests_file = folder / "requests.csv"
            locust_cpu, busy, available = run_locust(
                base, requests_file, args.councils, args.users, args.spawn_rate, args.run_time
            )
        result = figures.read(requests_file, args.run_time)
        cpus = os.cpu_count() or 1
        description = (
            f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {_code()}, on {cpus} CPUs, Python {platform.python_version()}, "
            f"PostgreSQL {pg.version}, gunicorn {version('gunicorn')} with {args.workers} workers, "
            f"Locust {version('locust')}. {args.councils} councils, {args.actions:,} actions. After "
            f"{args.warm_up} s of {WARM_UP_USERS} users to warm the workers up (not counted), {args.users} users "
            f"starting {args.spawn_rate:g} a second, measured for {args.run_time} s once all had signed in. The "
            f"CPUs were {100 * busy:.0f}% busy over the run (Locust itself {100 * locust_cpu / available:.0f}%, "
            "the rest gunicorn, PostgreSQL and anything else running on the machine)."
        )
    latest = figures.run_text(result, description, args.users, args.run_time)
    figures.write(args.out, latest)
    print(f"\n{latest}\nWritten to {args.out} in {time.monotonic() - started:.0f} s in all.")
    sys.exit(0 if result.passed else 1)


if __name__ == "__main__":
    main()
