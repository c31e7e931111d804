"""Server-rendered SVG bar charts of BRAG counts. The page puts the same figures in a table beside them."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.models import Rag

# GOV.UK Design System colours; the tags use the same.
COLOURS = {Rag.RED: "#d4351c", Rag.AMBER: "#f47738", Rag.GREEN: "#00703c", Rag.BLUE: "#1d70b8"}
ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE)


@dataclass(frozen=True)
class Segment:
    rag: Rag
    count: int
    x: float
    width: float
    colour: str


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    y: float
    segments: list[Segment]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar]
    summary: str


def stacked_bars(rows: list[tuple[str, dict[Rag, int]]], *, width: int = 640, label_width: int = 220) -> Chart:
    """One horizontal bar per row, each split by BRAG, scaled to the largest total."""
    bar_height, gap = 22, 12
    largest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    plot = width - label_width - 40
    bars = []
    for n, (label, counts) in enumerate(rows):
        x = float(label_width)
        segments = []
        for rag in ORDER:
            count = counts.get(rag, 0)
            if count:
                w = plot * count / largest
                segments.append(Segment(rag, count, x, w, COLOURS[rag]))
                x += w
        bars.append(Bar(label, sum(counts.values()), n * (bar_height + gap), segments))
    summary = "; ".join(
        f"{label}: " + ", ".join(f"{counts.get(r, 0)} {r.label}" for r in ORDER) for label, counts in rows
    )
    return Chart(width, max(1, len(rows)) * (bar_height + gap), label_width, bar_height, bars, summary)
