"""The five seed documents give exactly the answers in shared/seeds/expected.json."""

from datetime import date
from pathlib import Path

import pytest

from tracker.parsing import parse_file

SEEDS = Path(__file__).resolve().parents[2] / "seed" / "documents"

LEICESTER_2017_RECOMMENDATIONS = [
    "Improve the quality of social work assessments, so that they are consistently informed by the child and "
    "his or her family history, reflect the diverse identities of individual children and are updated "
    "regularly to take account of children's changing needs and circumstances.",
    "Improve the timeliness and quality of safeguarding interventions for disabled children.",
    "Ensure that practice for children who are subject to private fostering arrangements meets statutory "
    "requirements and that all privately fostered children have an individual assessment.",
    "Ensure that children are enabled to participate in meetings that inform their plans and that "
    "these plans "
    "are succinct, containing clear details, actions and timescales.",
    "Ensure that the virtual school has the capacity to drive improvement for all children looked after.",
    "Improve the quality of medical and health information that care leavers receive prior to leaving care.",
    "Reduce the number of 18- to 21-year-old care leavers who are not in education, employment or training.",
    "Ensure that the transition arrangements from children's social care to adult services for young "
    "disabled children who have additional needs are both timely and effective.",
    "Improve the quality of frontline management oversight and direction across all teams to ensure that "
    "management oversight of practice supports effective case progression and decision-making.",
    "Ensure that elected members demonstrate a commitment to, and ambition for, children looked after, "
    "through regular attendance and participation in the corporate parenting forum.",
    "Develop a commissioning and sufficiency strategy to ensure that services are commissioned against "
    "identified need within an agreed framework across the city.",
]

EXPECTED = {
    "000_fa815bd9a06c470f.txt": {
        "authority": "Leicester City Council",
        "doc_type": "focused_visit",
        "visit_start": "2022-12-13",
        "visit_end": "2022-12-14",
        "published": "2023-01-30",
        "judgements": [],
        "overall_effectiveness": None,
        "improvement_points": [
            (
                "what_needs_to_improve",
                "The quality and effectiveness of management oversight in the duty and advice team.",
            ),
            (
                "what_needs_to_improve",
                "The quality and timeliness of decision-making for when a contact meets the threshold for a "
                "referral to ensure that information is gathered to inform next steps and prevent delays to "
                "assessment and allocation.",
            ),
            (
                "what_needs_to_improve",
                "The effectiveness of the interface between children's social care and early help to "
                "ensure that "
                "children are stepped up and stepped down at the right time.",
            ),
        ],
    },
    "001_11c695456367b2f4.txt": {
        "authority": "Leicester City Council",
        "doc_type": "inspection_report",
        "visit_start": "2017-06-19",
        "visit_end": "2017-07-13",
        "published": "2017-09-04",
        "judgements": [
            {"area": "Children who need help and protection", "grade": "Requires improvement to be good"},
            {
                "area": "Children looked after and achieving permanence",
                "grade": "Requires improvement to be good",
            },
            {"area": "Adoption performance", "grade": "Good"},
            {"area": "Experiences and progress of care leavers", "grade": "Requires improvement to be good"},
            {"area": "Leadership, management and governance", "grade": "Good"},
        ],
        "overall_effectiveness": "Requires improvement to be good",
        "improvement_points": [("recommendation", text) for text in LEICESTER_2017_RECOMMENDATIONS],
    },
    "002_6621623bf4a0c081.txt": {
        "authority": "Leeds City Council",
        "doc_type": "focused_visit",
        "visit_start": "2021-07-20",
        "visit_end": "2021-07-21",
        "published": "2021-08-31",
        "judgements": [],
        "overall_effectiveness": None,
        "improvement_points": [
            (
                "what_needs_to_improve",
                "The quality and consistency of assessments to ensure that key information and "
                "family history is "
                "gathered and analysed to inform decision-making, and the quality of children's plans.",
            ),
            (
                "what_needs_to_improve",
                "The quality and impact of management oversight and supervision to ensure that decisions are "
                "timely and well recorded.",
            ),
            (
                "what_needs_to_improve",
                "The quality and independence of audits to ensure that they provide learning to support "
                "improvement in social work practice and provide senior managers with an "
                "understanding of the "
                "quality of that practice.",
            ),
        ],
    },
    "003_7af7db97a7e57556.txt": {
        "authority": "Leicestershire County Council",
        "doc_type": "committee_report",
        "visit_start": "2024-04-15",
        "visit_end": "2024-05-03",
        "published": "2024-09-03",
        "judgements": [
            {
                "area": "The impact of leaders on social work practice with children and families",
                "grade": "Outstanding",
            },
            {
                "area": "The experiences and progress of children who need help and protection",
                "grade": "Good",
            },
            {"area": "The experiences and progress of children in care", "grade": "Outstanding"},
            {"area": "The experiences and progress of care leavers", "grade": "Outstanding"},
        ],
        "overall_effectiveness": "Outstanding",
        "improvement_points": [
            (
                "area_for_improvement",
                "Monitoring of pre-proceedings to tackle drift and delay and the accessibility of "
                "letters before "
                "proceedings.",
            ),
            ("area_for_improvement", "Timeliness of initial child protection conferences."),
        ],
    },
    "004_ccc5be74032a3208.txt": {
        "authority": "Leicestershire County Council",
        "doc_type": "unannounced_inspection",
        "visit_start": "2011-06-07",
        "visit_end": "2011-06-08",
        "published": "2011-07-06",
        "judgements": [],
        "overall_effectiveness": None,
        "improvement_points": [
            (
                "area_for_development",
                "Although the council recognises that practitioner workloads remain too variable in size, "
                "effective remedial action is yet to be taken. In particular the caseloads of newly "
                "qualified "
                "social workers are too high.",
            ),
            (
                "area_for_development",
                "The quality of assessments remains too variable. Some are still largely "
                "descriptive, lacking "
                "analysis and assessment. This was an area for development at the previous inspection.",
            ),
            (
                "area_for_development",
                "The new computerised recording system is not yet fully effective or used "
                "consistently by staff. "
                "This leads to some inefficiency in working practices and use of resources.",
            ),
        ],
    },
}


@pytest.mark.parametrize("filename", sorted(EXPECTED))
def test_seed_gives_expected_reading(filename):
    expected = EXPECTED[filename]
    result = parse_file(SEEDS / filename).to_dict()

    for key in ("authority", "doc_type", "visit_start", "visit_end", "published", "overall_effectiveness"):
        assert result[key] == expected[key], key
    assert result["judgements"] == expected["judgements"]
    points = [(p["kind"], p["text"]) for p in result["improvement_points"]]
    assert points == expected["improvement_points"]
    assert [p["number"] for p in result["improvement_points"]] == list(range(1, len(points) + 1))


def test_seed_keeps_its_source_text_verbatim():
    path = SEEDS / "003_7af7db97a7e57556.txt"
    doc = parse_file(path)
    assert doc.source_text == path.read_text(encoding="utf-8")
    assert doc.visit_start == date(2024, 4, 15)


def test_committee_report_strengths_are_its_numbered_paragraphs():
    strengths = parse_file(SEEDS / "003_7af7db97a7e57556.txt").strengths
    # Paragraph 12 introduces the list ("…detailed below."); paragraphs 13 to 19 are the strengths.
    assert len(strengths) == 7
    assert strengths[0].startswith("Leaders have proactively engaged in the current national social care reform")
    assert strengths[-1].startswith("An overwhelming majority of staff told inspectors")


def test_unannounced_inspection_strength_split_by_page_break_is_one_strength():
    strengths = parse_file(SEEDS / "004_ccc5be74032a3208.txt").strengths
    assert strengths == [
        "The implementation of a highly effective centralised referral team which is co-located with "
        "the common "
        "assessment framework (CAF) team ensures that thresholds are applied consistently across the county. "
        "Consequently, children and young people identified as at risk of significant harm receive a prompt, "
        "focused child protection response.",
        "Well developed multi-agency working arrangements with the police ensure timely and good quality "
        "safeguarding of children and young people. Joint visits to children and their families are "
        "immediate, "
        "well planned and focused promptly on the safeguarding needs of vulnerable children and "
        "young people.",
    ]


def test_report_body_recommendation_markers_are_not_points():
    doc = parse_file(SEEDS / "001_11c695456367b2f4.txt")
    assert len(doc.improvement_points) == 11
    assert not any("(Recommendation)" in p.text for p in doc.improvement_points)
