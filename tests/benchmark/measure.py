"""Timing one thing many times: median, 95th percentile, and the SQL statements one run issues."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import event


@dataclass(frozen=True)
class Timing:
    name: str
    median_ms: float
    p95_ms: float
    queries: int

    def times_floor(self, floor: Timing) -> float:
        return self.median_ms / floor.median_ms if floor.median_ms else float("nan")


def measure(name: str, work: Callable[[], object], engine, *, runs: int, warm_up: int = 2) -> Timing:
    for _ in range(warm_up):
        work()
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return Timing(name, statistics.median(samples), p95, len(statements))


@dataclass(frozen=True)
class Growth:
    name: str
    small_ms: float
    large_ms: float

    @property
    def ratio(self) -> float:
        return self.large_ms / self.small_ms


def alternating(
    name: str, small: Callable[[], object], large: Callable[[], object], *, runs: int, warm_up: int = 2
) -> Growth:
    """The medians of two pieces of work timed in turn, so that both meet the machine in the same state."""
    for _ in range(warm_up):
        small()
        large()
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for work, taken in zip((small, large), samples, strict=True):
            started = time.perf_counter()
            work()
            taken.append((time.perf_counter() - started) * 1000)
    return Growth(name, statistics.median(samples[0]), statistics.median(samples[1]))
