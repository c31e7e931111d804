"""docs/performance.md as `make bench` writes it: the newest tables, the growth, the run before, the load test."""

from tests.benchmark import report
from tests.benchmark.measure import Growth, Timing, alternating

FLOOR = Timing("Floor: a trivial route, signed in", 2.0, 2.5, 1)


def _runs(overdue_ms: float) -> dict:
    return {
        ("SQLite", 1000): [FLOOR, Timing("Overdue list, first page", overdue_ms, overdue_ms + 1, 7)],
        ("SQLite", 100000): [FLOOR, Timing("Overdue list, first page", overdue_ms * 1.5, overdue_ms * 2, 7)],
    }


def test_the_table_the_growth_the_previous_run_and_the_load_test_are_all_kept(tmp_path):
    path = tmp_path / "performance.md"
    growth = {"SQLite": [Growth("Overdue list, first page", 8.0, 12.0)]}
    report.write(path, _runs(8.0), growth, 200, [])
    path.write_text(path.read_text() + "\n## Load test\n\nFigures from make load.\n")
    report.write(path, _runs(6.0), growth, 210, ["PostgreSQL 15"])
    text = path.read_text()
    latest, previous = text.split("## Latest run", 1)[1].split("## Previous run")
    assert "| Overdue list, first page | 6.0 / 7.0 (3.0x), 7 | 9.0 / 12.0 (4.5x), 7 |" in latest
    assert "#### SQLite: growth from 1,000 to 100,000 actions (requests alternating)" in latest
    assert "| Overdue list, first page | 8.0 | 12.0 | 1.50x |" in latest
    assert "| Overdue list, first page | 8.0 / 9.0 (4.0x), 7 |" in previous and "PostgreSQL 15" not in previous
    assert text.rstrip().endswith("## Load test\n\nFigures from make load.")


def test_alternating_times_each_in_turn():
    order = []
    growth = alternating("a page", lambda: order.append("small"), lambda: order.append("large"), runs=3, warm_up=1)
    assert order == ["small", "large"] * 4
    assert growth.name == "a page" and growth.small_ms >= 0 and growth.large_ms >= 0
