"""One council however a document writes it: names as real Ofsted documents and councils print them."""

import pytest

from tracker.councils.matching import find_named, names_another, official_name, same_council


@pytest.mark.parametrize(
    ("named", "council"),
    [
        ("Leicester", "Leicester City Council"),
        ("Leicester City Council", "Leicester City Council"),
        ("Bournemouth, Christchurch and Poole", "Bournemouth, Christchurch and Poole Council"),
        ("Bournemouth, Christchurch & Poole Council", "Bournemouth, Christchurch and Poole Council"),
        ("BCP", "Bournemouth, Christchurch and Poole Council"),
        ("York", "City of York Council"),
        ("City of York Council", "City of York"),
        ("Kingston upon Hull", "Kingston upon Hull City Council"),
        ("Hull City Council", "Kingston upon Hull City Council"),
        ("St. Helens", "St Helens Borough Council"),
        ("Windsor & Maidenhead", "Royal Borough of Windsor and Maidenhead"),
        ("Dorset", "Dorset Council"),
        ("Bradford Children and Families Trust", "City of Bradford Metropolitan District Council"),
    ],
)
def test_the_same_council_however_it_is_written(named, council):
    assert same_council(named, council)
    assert not names_another(named, council)


@pytest.mark.parametrize(
    ("named", "council"),
    [
        ("Wokingham Borough Council", "Leicester City Council"),
        ("Dorset Council", "Leicester City Council"),
        ("Leicestershire County Council", "Leicester City Council"),  # the county is not the city
        ("Kingston upon Thames", "Kingston upon Hull City Council"),
    ],
)
def test_another_council_is_clearly_named(named, council):
    assert not same_council(named, council)
    assert names_another(named, council)


def test_a_name_that_is_no_councils_or_none_is_not_clear_enough_to_refuse_on():
    assert not names_another("Ashcombe", "Leicester City Council")
    assert not names_another(None, "Leicester City Council")


def test_the_official_name_is_offered_and_the_council_found_among_those_given():
    assert official_name("Wokingham") == "Wokingham Borough Council"
    assert official_name("Ashcombe") == "Ashcombe"
    councils = [(1, "Leeds City Council"), (2, "Kingston upon Hull City Council")]
    assert find_named("Hull", councils) == 2
    assert find_named("Leicester", councils) is None
