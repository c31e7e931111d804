"""Server-rendered SVG bar charts of BRAG counts. The page puts the same figures in a table beside them."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.models import Rag

# GOV.UK Design System colours; the tags use the same.
COLOURS = {Rag.RED: "#d4351c", Rag.AMBER: "#f47738", Rag.GREEN: "#00703c", Rag.BLUE: "#1d70b8"}
ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE)


# The chart is drawn for the narrowest place it is shown, a 320 px screen less the page's 15 px margins, and
# scales only up from there, so its 16-unit text is never drawn smaller than 16 px (WCAG 2.2 1.4.10 Reflow;
# before, a 640-wide chart shrank to half and its labels to 7 px). Each label sits on its own line above its
# bar, so a long theme name needs no room beside the bar.
WIDTH = 288
FONT_SIZE = 16
LABEL_CHARS = 30  # what fits in WIDTH at FONT_SIZE; the table beside the chart has the whole name
_LINE, _BAR, _GAP = 22, 24, 14
_TOTAL_ROOM = 56  # for the total after the bar, up to "99,999"
_DIGIT = 10  # the width of a bold digit at FONT_SIZE, near enough


@dataclass(frozen=True)
class Segment:
    rag: Rag
    count: int
    x: float
    width: float
    colour: str

    @property
    def count_fits(self) -> bool:
        return self.width >= len(f"{self.count:,}") * _DIGIT + 6


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    y: float  # the top of the label's line; the bar is below it
    segments: list[Segment]

    @property
    def shown_label(self) -> str:
        return self.label if len(self.label) <= LABEL_CHARS else self.label[: LABEL_CHARS - 1].rstrip() + "…"

    @property
    def label_y(self) -> float:
        return self.y + FONT_SIZE

    @property
    def bar_y(self) -> float:
        return self.y + _LINE

    @property
    def count_y(self) -> float:
        return self.bar_y + _BAR / 2 + FONT_SIZE * 0.35


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_height: int
    font_size: int
    bars: list[Bar]
    summary: str


def stacked_bars(rows: list[tuple[str, dict[Rag, int]]]) -> Chart:
    """One horizontal bar per row under its label, each split by BRAG, scaled to the largest total."""
    largest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    plot = WIDTH - _TOTAL_ROOM
    bars = []
    for n, (label, counts) in enumerate(rows):
        x = 0.0
        segments = []
        for rag in ORDER:
            count = counts.get(rag, 0)
            if count:
                w = plot * count / largest
                segments.append(Segment(rag, count, x, w, COLOURS[rag]))
                x += w
        bars.append(Bar(label, sum(counts.values()), n * (_LINE + _BAR + _GAP), segments))
    summary = "; ".join(
        f"{label}: " + ", ".join(f"{counts.get(r, 0):,} {r.label}" for r in ORDER) for label, counts in rows
    )
    height = max(1, len(rows)) * (_LINE + _BAR + _GAP) - _GAP
    return Chart(WIDTH, height, _BAR, FONT_SIZE, bars, summary)
