"""Publishing the 2,000-action council's paper under gunicorn through the job queue, as the issue asks.

It runs the scale-out test that does this with 300 actions (tests/scaleout/test_publishing_through_the_queue.py:
gunicorn serves the confirmation, a real `jobs worker` process publishes) with PUBLISH_ACTIONS=2000, on a
throwaway PostgreSQL, and reports whether it published and how long the whole run took.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ACTIONS = 2000
TEST = "tests/scaleout/test_publishing_through_the_queue.py"
ROOT = Path(__file__).resolve().parents[2]


def measure() -> list[str]:
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", TEST, "--database=postgresql", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env={**os.environ, "PUBLISH_ACTIONS": str(ACTIONS), "CI": "true"},
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    outcome = "published" if run.returncode == 0 else "FAILED"
    lines = [
        f"Publishing the paper over every plan of a generated {ACTIONS:,}-action council under gunicorn, through "
        f"the job queue and a real worker (`{TEST}` with PUBLISH_ACTIONS={ACTIONS}): {outcome}; the whole run, "
        f"the council's generation included, took {seconds:.0f} s.",
        "",
    ]
    if run.returncode != 0:
        lines += ["```", run.stdout[-3000:], "```", ""]
    return lines
