"""Rules about points are PointKind's, never restated in a template: no template spells a kind's value
(which group a kind is shown in comes from PointKind.answered_by_council, its name from its label)."""

import re
from pathlib import Path

import pytest

from tracker.vocabulary import PointKind

TEMPLATES = sorted((Path(__file__).parent.parent / "templates").rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(path.parents[1])))
def test_no_template_spells_a_point_kinds_value(template):
    text = template.read_text()
    spelled = [kind.value for kind in PointKind if re.search(rf"""["']{kind.value}["']""", text)]
    assert not spelled, f"{template.name} names {spelled}: use the kind's properties or label"


@pytest.mark.parametrize("template", [t for t in TEMPLATES if "<table" in t.read_text()], ids=lambda path: path.name)
def test_every_table_scrolls_in_its_own_box_so_the_page_never_widens(template):
    text = template.read_text()
    boxed = text.count("table_scroll(") + text.count('class="tracker-table-scroll"')
    assert boxed == text.count("<table"), f"{template.name}: wrap each table in table_scroll (macros.html)"
