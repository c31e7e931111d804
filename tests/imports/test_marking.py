"""The rule that turns lines ticked in the passage into improvement points (tracker.imports.marking)."""

import pytest

from tests.imports.readings import MARKED, PASSAGE, TICKED
from tracker.imports.marking import points_from_lines


def test_wrapped_bullets_join_and_a_line_not_ticked_ends_a_point():
    assert points_from_lines(PASSAGE, TICKED) == MARKED


@pytest.mark.parametrize(
    ("lines", "points"),
    [
        # A capital letter after a finished sentence starts a new point.
        (["Improve the timeliness of visits.", "Strengthen supervision."], 2),
        # A capital letter after a line that did not finish a sentence carries it on (a name, say).
        (["The support given to children by", "Children's Services staff."], 1),
        # A lower-case line carries on even after a full stop (an abbreviation such as "e.g.").
        (["The plans for children, e.g.", "those in need, are reviewed."], 1),
        # A number or a bullet always starts a new point.
        (["1. The quality of plans", "2. the timeliness of reviews"], 2),
        (["- the quality of plans", "- the timeliness of reviews"], 2),
    ],
)
def test_a_ticked_line_starts_a_new_point_only_by_the_rule(lines, points):
    assert len(points_from_lines(lines, list(range(len(lines))))) == points


def test_list_signs_are_left_off_and_a_hyphen_at_a_line_end_joins_without_a_space():
    lines = ["(a) The quality of multi-", "agency work with schools."]
    assert points_from_lines(lines, [0, 1]) == ["The quality of multi-agency work with schools."]


def test_lines_the_page_did_not_offer_and_blank_lines_are_ignored():
    lines = ["Improve the quality of plans for", "", "children in care."]
    assert points_from_lines(lines, [0, 1, 2, 7, -1, 0]) == ["Improve the quality of plans for", "children in care."]
