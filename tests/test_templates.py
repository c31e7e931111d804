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
