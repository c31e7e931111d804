"""The 2017 Leicester report's "(Recommendation)" paragraphs, each linked to the recommendation it supports.

The table below was made by reading the report, before comparing it with what the tracker links.
"""

from datetime import date

from sqlalchemy import select

from tests.helpers.data import committed
from tests.helpers.seeded import seeded_user
from tracker.extensions import db
from tracker.models import Authority, Inspection, SupportingParagraph
from tracker.points.linking import best_matches

# Paragraph number → the recommendation it lies behind, as read in the report:
#  1 assessments informed by history and identity, updated; 2 safeguarding disabled children;
#  3 private fostering; 4 participation in meetings, succinct plans with timescales; 5 virtual school
#  capacity; 6 care leavers' health information; 7 care leavers NEET; 8 transition to adult services;
#  9 frontline management oversight across all teams; 10 elected members and corporate parenting;
#  11 commissioning and sufficiency strategy.
BY_READING = {
    19: 1,  # quality of assessments, family history, identity
    20: 4,  # child protection and child in need plans too long, no timescales
    21: 4,  # core groups and reviews; chairs too stretched to engage children
    25: 4,  # advocacy: children cannot influence decisions about their lives
    33: 3,  # privately fostered children share their carers' assessment
    37: 1,  # viability assessments of carers lack analysis
    41: 1,  # looked after children's assessments vary in quality
    42: 4,  # care plans lack detail, clarity and timescales
    51: 5,  # virtual school team too small
    57: None,  # foster carers lack delegated authority: no recommendation answers it; any link is accepted
    79: 8,  # transition planning to adult services for disabled care leavers
    81: 6,  # care leavers' health summaries
    82: 7,  # care leavers aged 18 to 21 not in education, employment or training
    94: 11,  # no up-to-date commissioning strategy
    96: 11,  # sufficiency strategy weak
    98: 10,  # elected members' commitment to corporate parenting
    101: 2,  # disabled children's service: child in need and child protection practice not robust
    105: 9,  # reliance on agency staff; managers recruited
}


def _report(app):
    with committed(app):
        inspection = db.session.scalar(
            select(Inspection)
            .join(Authority)
            .where(Authority.name == "Leicester City Council")
            .where(Inspection.published.between(date(2017, 1, 1), date(2017, 12, 31)))
        )
        links = {
            p.number: (p.improvement_point.number if p.improvement_point else None, p.similarity)
            for p in inspection.supporting_paragraphs
        }
        _ = [p.number for p in inspection.improvement_points]
        return inspection, links


def test_each_marked_paragraph_is_linked_to_the_recommendation_it_supports(seeded_app):
    inspection, links = _report(seeded_app)
    assert len(inspection.improvement_points) == 11
    assert set(links) == set(BY_READING)
    assert all(number is not None for number, _ in links.values()), "every paragraph is linked to one"
    disagreements = {
        paragraph: (links[paragraph][0], wanted)
        for paragraph, wanted in BY_READING.items()
        if wanted is not None and links[paragraph][0] != wanted
    }
    assert not disagreements, f"paragraph: (linked, by reading) {disagreements}"


def test_the_point_page_shows_what_inspectors_found(seeded_client):
    app = seeded_client.app
    inspection, _ = _report(app)
    with committed(app):
        point = next(p for p in inspection.improvement_points if p.number == 11)
        paragraphs = db.session.scalars(
            select(SupportingParagraph).where(SupportingParagraph.improvement_point_id == point.id)
        ).all()
    seeded_client.sign_in(seeded_user(app, "Leicester City Council"))
    page = seeded_client.get_page("points.show", point_id=point.id)
    assert page.find("h2", string="What inspectors found")
    quotes = [q.get_text(" ", strip=True) for q in page.select("#findings blockquote")]
    assert [p.number for p in paragraphs] == [94, 96]
    assert quotes[0].startswith("Paragraph 94 The local authority does not currently have an up-to-date commissioning")
    assert "(Recommendation)" not in " ".join(quotes)


def test_a_paragraph_goes_to_the_point_it_resembles():
    points = ["Improve the quality of pathway plans for care leavers.", "Ensure elected members attend."]
    paragraphs = [
        "Elected members rarely attend the corporate parenting board.",
        "Pathway plans lack detail. Care leavers do not know their plans.",
    ]
    assert [m[0] for m in best_matches(paragraphs, points)] == [1, 0]
    assert best_matches(paragraphs, []) == [None, None]


def test_a_paragraph_with_nothing_in_common_is_left_unlinked():
    assert best_matches(["Weather was fine."], ["Improve pathway plans for care leavers."]) == [None]
