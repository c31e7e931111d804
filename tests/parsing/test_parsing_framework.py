"""National Framework cross-references taken off the end of a point (tracker/parsing/framework.py)."""

import pytest

from tracker.parsing.framework import split_reference
from tracker.vocabulary import FrameworkArea


@pytest.mark.parametrize(
    ("written", "text", "areas"),
    [
        ("The quality of plans. (outcome 2, national framework)", "The quality of plans.", ("outcome_2",)),
        ("The quality of plans (Outcome two, National Framework)", "The quality of plans", ("outcome_2",)),
        ("The quality of plans. (National Framework outcome four)", "The quality of plans.", ("outcome_4",)),
        ("The quality of plans. (Outcome 3)", "The quality of plans.", ("outcome_3",)),
        (
            "Oversight. (enabler: leaders drive conditions for effective practice, national framework)",
            "Oversight.",
            ("enabler_2",),
        ),
        ("Oversight. (enabler 2, leaders drive conditions for effective practice)", "Oversight.", ("enabler_2",)),
        ("Family time. (principle 3, national framework)", "Family time.", ("principle_3",)),
        ("Training. (Enabler three: National Framework.)", "Training.", ("enabler_3",)),
        ("Training. Enabler three: National Framework.", "Training.", ("enabler_3",)),
        ("Safety plans for children (outcome 3, national framework).", "Safety plans for children.", ("outcome_3",)),
        (
            "Homes and help. (outcome 1 and enabler 2, national framework)",
            "Homes and help.",
            ("outcome_1", "enabler_2"),
        ),
        ("Homes. (outcomes 1 and 4, national framework)", "Homes.", ("outcome_1", "outcome_4")),
    ],
)
def test_references_in_the_ways_reports_write_them(written, text, areas):
    assert split_reference(written) == (text, areas)
    assert all(area in FrameworkArea._value2member_map_ for area in areas)


@pytest.mark.parametrize(
    "written",
    [
        "Improve plans (see the outcomes in the plan).",
        "Improve plans. Outcomes for children are poor.",
        "Improve plans (national framework).",  # names no area: kept, not lost
        "Improve plans (outcome 9, national framework).",  # no such area
        "Review the plans (including those for disabled children).",
    ],
)
def test_a_bracket_that_is_not_a_reference_stays_in_the_text(written):
    assert split_reference(written) == (written, ())
