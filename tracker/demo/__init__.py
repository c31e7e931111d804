"""Synthetic plans at the sizes a county reaches, for the benchmark, the load test and query-count tests."""
