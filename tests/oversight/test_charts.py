"""The dashboard's charts: legible on the narrowest screen, whatever the labels and counts."""

from tracker.models import Rag, Theme
from tracker.oversight.charts import LABEL_CHARS, stacked_bars

# A 320 px screen less GOV.UK's 15 px page margins: the narrowest box a chart is drawn in.
NARROWEST = 320 - 2 * 15


def test_chart_text_is_at_least_16_px_in_the_narrowest_box():
    chart = stacked_bars([(t.label, {Rag.RED: 1, Rag.GREEN: 1234}) for t in Theme])
    assert chart.width <= NARROWEST
    assert chart.font_size * NARROWEST / chart.width >= 16


def test_long_labels_are_shortened_and_counts_carry_commas():
    chart = stacked_bars([(Theme.CHILD_PROTECTION_MEETINGS.label, {Rag.AMBER: 1234, Rag.BLUE: 5})])
    bar = chart.bars[0]
    assert len(bar.shown_label) <= LABEL_CHARS and bar.shown_label.endswith("…")
    assert "1,234 Amber" in chart.summary
    # A count is written on its segment only where it fits: the wide one, not the sliver.
    assert [s.count_fits for s in bar.segments] == [True, False]
