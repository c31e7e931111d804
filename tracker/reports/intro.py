"""The paper's opening sections, in the order and words of the council's own papers (see the September 2024
Leicestershire report in seed/documents): purpose, policy, background, the inspection and its findings."""

from __future__ import annotations

from tracker.models import Authority, DocumentKind, Inspection, PointKind
from tracker.points.answering import answered
from tracker.reports.facts import PlanFacts
from tracker.reports.inputs import ReportInputs
from tracker.reports.model import Numberer, Section, Table
from tracker.reports.words import _INSPECTION, _WORDS, _count_words, _dates, _heading_case, _point_kinds
from tracker.timeutil import long_date


def _purpose(n: Numberer, place: Authority, main: Inspection | None, inputs: ReportInputs) -> Section:
    if main is None:
        text = (
            "The purpose of this report is to inform the Committee of progress against "
            f"{place.possessive} improvement plans."
        )
    else:
        words = _WORDS[main.doc_type]
        text = (
            f"The purpose of this report is to provide the outcome of the Ofsted {words.event} {words.of} children’s "
            f"services in {place.short_name} and the progress made against the improvement plan as at "
            f"{long_date(inputs.as_at)}."
        )
    return Section("Purpose of the Report", blocks=[n.paragraph(text)])


def _policy(n: Numberer, inputs: ReportInputs, main: Inspection | None) -> Section:
    words = _WORDS[main.doc_type] if main else _INSPECTION
    paragraphs = [n.paragraph(text) for text in inputs.policy_paragraphs if text.strip()]
    paragraphs.append(n.paragraph(f"The Ofsted {words.event} was undertaken in accordance with {words.framework}."))
    return Section("Policy Framework and Previous Decisions", blocks=paragraphs)


def _the_inspection(n: Numberer, place: Authority, main: Inspection) -> Section:
    event = _WORDS[main.doc_type].event
    blocks = [n.paragraph(f"The {event} was carried out {_dates(main)}.")]
    if main.doc_type == DocumentKind.FOCUSED_VISIT:
        blocks.append(n.paragraph("It was a focused visit, which looks at one area of practice and ends in a letter."))
    published = f" The findings were published on {long_date(main.published)}." if main.published else ""
    blocks.append(
        n.paragraph(
            "The inspectors read case files, met with staff and leaders in the Department and talked to children, "
            f"young people and their families.{published}"
        )
    )
    return Section(f"{place.possessive} Ofsted {_heading_case(event)}", blocks=blocks)


def _findings(n: Numberer, place: Authority, main: Inspection) -> Section:
    words = _WORDS[main.doc_type]
    blocks: list = [
        n.paragraph(
            f"The findings of the {words.event} are detailed in a {words.document} from Ofsted, which is appended to "
            "this report."
        )
    ]
    if main.judgements:
        blocks.append(
            n.paragraph(
                f"The {words.document} includes gradings indicating how the Service is judged to be performing across "
                f"{_count_words(len(main.judgements))} broad areas. The grades available to Ofsted are "
                "(1) inadequate – which triggers formal intervention by DfE, (2) requires improvement to be good, "
                "(3) good, and (4) outstanding."
            )
        )
        blocks.append(n.paragraph(f"{place.short_name} has been graded as follows:"))
        blocks.append(
            Table(
                caption=f"{place.possessive} {words.event} judgements",
                header=["Judgement", "Grade"],
                rows=[[j.area, j.grade] for j in main.judgements],
            )
        )
    else:
        blocks.append(n.paragraph(f"This {words.event} did not give graded judgements."))
    if main.overall_effectiveness:
        blocks.append(
            n.paragraph(
                f"The overall effectiveness of children’s services in {place.short_name} has been judged to be "
                f"{main.overall_effectiveness}."
            )
        )
    return Section("Inspection Findings", blocks=blocks)


def _headlines(n: Numberer, place: Authority, main: Inspection, plan: PlanFacts) -> list[Section]:
    """`plan`: the main inspection's plan as at the paper's date, which says which points the council answered
    then (a recommendation taken on later is not one the paper's date had)."""
    document = _WORDS[main.doc_type].document
    strengths = Section(f"{place.possessive} Strengths", level=3)
    if main.strengths:
        strengths.blocks = [n.paragraph(s.text) for s in main.strengths]
    else:
        strengths.blocks = [n.paragraph(f"The {document} did not set out strengths as a separate list.")]
    points = (
        [p for p in main.improvement_points if p.id in {f.id for f in plan.answered}]
        if plan.known
        else answered(main.improvement_points)
    )
    # Each kind of point under the document's own heading for it: a focused visit's "What needs to improve"
    # is not renamed "areas for improvement".
    kinds = _point_kinds(points) or _point_kinds(main.improvement_points) or [PointKind.AREA_FOR_IMPROVEMENT]
    sections = [Section("Report Headlines"), strengths]
    # "also" only after something was outlined: not after "did not set out strengths".
    outlined = bool(main.strengths)
    for kind in kinds:
        section = Section(_heading_case(kind.plural), level=3)
        of_kind = [p for p in points if p.kind == kind]
        if of_kind:
            also = " also" if outlined else ""
            section.blocks = [
                n.paragraph(f"The {document}{also} outlined {_the_following(kind)}:", bullets=[p.text for p in of_kind])
            ]
            outlined = True
        elif main.improvement_points:
            # Only recommendations the council does not answer (to the safeguarding partnership, by default).
            section.blocks = [
                n.paragraph(f"The {document} did not identify any {kind.plural.lower()} for the council to answer.")
            ]
        else:
            section.blocks = [n.paragraph(f"The {document} did not identify any {kind.plural.lower()}.")]
        sections.append(section)
    return sections


def _the_following(kind: PointKind) -> str:
    """How a sentence introduces a list of points of this kind."""
    if kind in (PointKind.WHAT_NEEDS_TO_IMPROVE, PointKind.PRIORITY_AND_IMMEDIATE_ACTION):
        return f"the following under “{kind.plural}”"
    return f"the following {kind.plural.lower()}"
