"""Supporting paragraphs: the findings marked "(Recommendation)" in 2013–2017 reports, whole and numbered."""

from pathlib import Path

import pytest

from tracker.parsing import SupportingParagraph, parse_file, parse_text

SEEDS = Path(__file__).resolve().parents[2] / "seed" / "documents"
DOCUMENTS = Path(__file__).parent / "documents"

# Read off the 2017 Leicester report: the paragraphs that end "(Recommendation)", in order. Paragraphs 25 and
# 33 have the marker on a line of their own; paragraph 41 has "(Recommendation)." with a full stop after it.
LEICESTER_2017_MARKED = [19, 20, 21, 25, 33, 37, 41, 42, 51, 57, 79, 81, 82, 94, 96, 98, 101, 105]

TAMBERLEY_12 = (
    "Assessments are timely, but too many do not consider children's histories or the views of fathers. This "
    "means that some plans address the wrong risks and that social workers are not always clear about what must "
    "change for the child. Managers do not challenge this in their decision-making, and so the weaknesses persist."
)
TAMBERLEY_13 = (
    "Children who go missing are not always offered a return home interview. Where they are offered, interviews "
    "are timely and of good quality, and information is shared with the police."
)
TAMBERLEY_15 = (
    "Care leavers say that their personal advisers know them well and visit them often. Most live in suitable "
    "accommodation and are well supported to manage their tenancies. Care leavers do not receive a written "
    "summary of their health history when they leave care, and so some do not know about illnesses that run in "
    "their families."
)
TAMBERLEY_17 = "Senior leaders know their services well, but audits do not lead to change for children."


def test_leicester_2017_has_eighteen_marked_paragraphs():
    doc = parse_file(SEEDS / "001_11c695456367b2f4.txt")
    assert [p.number for p in doc.supporting_paragraphs] == LEICESTER_2017_MARKED
    for paragraph in doc.supporting_paragraphs:
        assert "recommendation)" not in paragraph.text.lower()
        assert paragraph.text[:1].isupper() and paragraph.text.endswith(".")
        assert not paragraph.text[:1].isdigit()
    by_number = {p.number: p.text for p in doc.supporting_paragraphs}
    assert by_number[19].startswith("The quality of children's assessments, including those in early help,")
    assert by_number[25] == (
        "Advocacy services for children in need of help and protection are underdeveloped. There is a very "
        "limited advocacy resource for this group of children, which means that only a few are able to benefit "
        "from it. This reduces the ability of children to directly influence decisions affecting their lives."
    )
    assert by_number[41].endswith("limited consideration of children's changing needs.")
    assert by_number[105].endswith("in their assessed and supported year in employment (ASYEs).")


def test_a_marked_paragraph_across_page_breaks_in_text():
    # Running header and "Page n of 4" footer between pages; paragraph 12 is cut mid-word at "decision-"/"making",
    # paragraph 15 between two sentences, its marker alone after a blank line; "( recommendation )" and
    # "(Recommendation)." as variants.
    doc = parse_file(DOCUMENTS / "sif_tamberley_marked.txt")
    assert doc.supporting_paragraphs == [
        SupportingParagraph(12, TAMBERLEY_12),
        SupportingParagraph(13, TAMBERLEY_13),
        SupportingParagraph(15, TAMBERLEY_15),
        SupportingParagraph(17, TAMBERLEY_17),
    ]
    assert len(doc.improvement_points) == 4
    assert not any("ecommendation" in p.text for p in doc.improvement_points)


def test_a_marked_paragraph_across_page_breaks_in_a_pdf():
    # Printed by WeasyPrint from sif_tamberley_marked.html: a running header and a page number on every page,
    # paragraph 12 running from page 1 onto page 2, paragraph 15 split between two sentences at the end of
    # page 2, the marker of paragraph 13 on a line of its own.
    doc = parse_file(DOCUMENTS / "sif_tamberley_marked.pdf")
    paragraphs = doc.supporting_paragraphs
    assert [p.number for p in paragraphs] == [12, 13, 15, 17]
    assert paragraphs[0].text.startswith(TAMBERLEY_12[:200])
    assert paragraphs[0].text.endswith("to read the files of the children they work with.")
    assert "Inspection of Tamberley" not in paragraphs[0].text
    assert paragraphs[1] == SupportingParagraph(13, TAMBERLEY_13)
    assert paragraphs[2].text.startswith("Care leavers say that their personal advisers know them well")
    assert "tenancies confidently. Care leavers do not receive a written summary" in paragraphs[2].text
    assert paragraphs[2].text.endswith("shared with care leavers in a form that they can keep.")
    assert paragraphs[3] == SupportingParagraph(17, TAMBERLEY_17)


@pytest.mark.parametrize(
    "marker",
    [
        "(Recommendation)",
        "( Recommendation )",
        "(recommendation)",
        "(Recommendation).",
        "\n(Recommendation)",
        "(Recommend-\nation)",
        "(Recommendation\n)",
    ],
    ids=["plain", "spaced", "lower-case", "full-stop", "own-line", "hyphenated", "bracket-wrapped"],
)
def test_marker_variants(marker):
    doc = parse_text(
        "Inspection of services for children in need of help and protection, children looked after and care "
        "leavers\nInspection dates: 2 to 20 May 2016\n\nInspection findings\n"
        f"7. Supervision is not regular. {marker}\n"
        "8. Children are seen alone.\n"
    )
    assert doc.supporting_paragraphs == [SupportingParagraph(7, "Supervision is not regular.")]


def test_paragraphs_run_together_are_cut_at_the_marker():
    doc = parse_text(
        "Inspection dates: 2 to 20 May 2016\n\n"
        "Plans are too long. (Recommendation) 9. Reviews are timely. Private fostering is weak. (Recommendation)\n"
    )
    assert doc.supporting_paragraphs == [
        SupportingParagraph(None, "Plans are too long."),
        SupportingParagraph(9, "Reviews are timely. Private fostering is weak."),
    ]


def test_documents_without_markers_have_none():
    for name in ("000_fa815bd9a06c470f.txt", "003_7af7db97a7e57556.txt", "004_ccc5be74032a3208.txt"):
        assert parse_file(SEEDS / name).supporting_paragraphs == []


def test_supporting_paragraphs_follow_the_strengths_in_the_dict():
    result = parse_file(DOCUMENTS / "sif_tamberley_marked.txt").to_dict()
    keys = list(result)
    assert keys.index("supporting_paragraphs") == keys.index("strengths") + 1
    assert result["supporting_paragraphs"][0] == {"number": 12, "text": TAMBERLEY_12}
