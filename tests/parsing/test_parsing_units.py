"""The small pieces: dates, council names, grades, line joining."""

from datetime import date

import pytest

from tracker.parsing.authorities import canonical
from tracker.parsing.blocks import join_text
from tracker.parsing.dates import date_ranges
from tracker.parsing.judgements import normal_grade


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("on 13 and 14 December 2022.", date(2022, 12, 13), date(2022, 12, 14)),
        ("19 June to 13 July 2017", date(2017, 6, 19), date(2017, 7, 13)),
        ("from 15 April to 3 May 2024", date(2024, 4, 15), date(2024, 5, 3)),
        ("7 and 8 June 2011", date(2011, 6, 7), date(2011, 6, 8)),
        ("17 to 21 March 2025", date(2025, 3, 17), date(2025, 3, 21)),
        ("18 November 2019 to 29 November 2019", date(2019, 11, 18), date(2019, 11, 29)),
        ("12 – 23 March 2012", date(2012, 3, 12), date(2012, 3, 23)),
        ("11, 12 and 13 June 2019", date(2019, 6, 11), date(2019, 6, 13)),
        ("30 December 2019 to 3 January 2020", date(2019, 12, 30), date(2020, 1, 3)),
        ("28 November to 2 December 2022", date(2022, 11, 28), date(2022, 12, 2)),
        ("on 13 October 2020.", date(2020, 10, 13), date(2020, 10, 13)),
        ("on 3rd Sept 2019", date(2019, 9, 3), date(2019, 9, 3)),
        ("on the 15 and 16 of May 2018", date(2018, 5, 15), date(2018, 5, 16)),
        ("1/06/2015 – 25/06/2015", date(2015, 6, 1), date(2015, 6, 25)),
        ("12/09/2016 to 06/10/2016", date(2016, 9, 12), date(2016, 10, 6)),
        ("on 01.06.2015", date(2015, 6, 1), date(2015, 6, 1)),
    ],
)
def test_date_ranges(text, start, end):
    assert date_ranges(text)[0][1:] == (start, end)


def test_impossible_dates_and_ranges_are_ignored():
    found = date_ranges("31 February 2024, or from 1 January 2020 to 1 January 2024")
    # No 31 February; and four years is two separate dates, not an inspection.
    assert [(start, end) for _, start, end in found] == [
        (date(2020, 1, 1), date(2020, 1, 1)),
        (date(2024, 1, 1), date(2024, 1, 1)),
    ]


def test_figures_that_are_no_date_are_ignored():
    # No 31 February; a month 13 is no month (dates are day first); a version number is no date.
    assert date_ranges("31/02/2015, 12/13/2015 and version 1.2.2015.3") == []


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("Leeds", "Leeds City Council"),
        ("Leicester", "Leicester City Council"),
        ("Leicestershire County Council", "Leicestershire County Council"),
        ("Dorset", "Dorset Council"),
        ("Bournemouth, Christchurch and Poole", "Bournemouth, Christchurch and Poole Council"),
        ("Barnet", "London Borough of Barnet"),
        ("Windsor and Maidenhead", "Royal Borough of Windsor and Maidenhead"),
        ("Bradford", "City of Bradford Metropolitan District Council"),
        ("St. Helens", "St Helens Borough Council"),
        ("Hull", "Kingston upon Hull City Council"),
        ("Fenmarsh County Council", "Fenmarsh County Council"),
        ("Hartlepool Borough", "Hartlepool Borough Council"),
        ("East Riding", "East Riding of Yorkshire Council"),
    ],
)
def test_council_names(written, official):
    assert canonical(written) == official


@pytest.mark.parametrize(
    ("written", "grade"),
    [
        ("Requires improvement", "Requires improvement to be good"),
        ("requires improvement to be good.", "Requires improvement to be good"),
        ("OUTSTANDING", "Outstanding"),
        ("good", "Good"),
        ("Inadequate", "Inadequate"),
    ],
)
def test_grades_in_ofsteds_words(written, grade):
    assert normal_grade(written) == grade


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("the longer-", "term needs", "the longer-term needs"),
        ("16-", "and 17-year-olds", "16- and 17-year-olds"),
        ("children in", "care", "children in care"),
        ("a list -", "with a dash", "a list - with a dash"),
    ],
)
def test_lines_join(before, after, joined):
    assert join_text(before, after) == joined
