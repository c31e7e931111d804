"""For a folder of tests that need PostgreSQL: under --database=sqlite they are deselected, not skipped (CI
fails any skip), and the run's summary says how many and why."""

from __future__ import annotations

from pathlib import Path

import pytest


def postgresql_only(folder: Path, why: str):
    """The two pytest hooks a conftest.py takes as its own (assign them to their hook names)."""
    deselected_key = pytest.StashKey[int]()
    name = f"tests/{folder.name}"

    def pytest_collection_modifyitems(config, items):
        if config.getoption("--database") == "postgresql":
            return
        deselected = [item for item in items if folder in item.path.parents]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
            items[:] = [item for item in items if item not in deselected]
            config.stash[deselected_key] = len(deselected)

    def pytest_terminal_summary(terminalreporter, config):
        if count := config.stash.get(deselected_key, 0):
            terminalreporter.write_line(f"{name}: {count} deselected: {why} (--database=postgresql)")

    return pytest_collection_modifyitems, pytest_terminal_summary
