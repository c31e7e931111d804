"""The committee report's content, in the order and words of the council's own papers (see the
September 2024 Leicestershire report in seed/documents). Every section says something: one with
nothing to report says so in a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.models import ActionStatus, Authority, DocumentKind, ImprovementPoint, Inspection, PointKind, Rag
from tracker.points.answering import answered
from tracker.reports.background import appendix as appendix_section
from tracker.reports.background import background, background_papers
from tracker.reports.data import ReportData
from tracker.reports.inputs import ReportInputs
from tracker.reports.model import Numberer, Paragraph, Report, Section, Table
from tracker.timeutil import long_date

BRAG = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE)


def _dates(inspection: Inspection) -> str:
    start, end = inspection.visit_start, inspection.visit_end
    if start and end and start != end:
        return f"from {long_date(start)} to {long_date(end)}"
    if start:
        return f"on {long_date(start)}"
    return "on dates not recorded"


@dataclass(frozen=True)
class _Words:
    """How a paper speaks of one kind of document."""

    title: str  # the paper's default title
    event: str  # what Ofsted did: "inspection", "focused visit"
    of: str  # an inspection "of" children's services, a visit "to" them
    document: str  # what Ofsted wrote: "report", "letter"
    framework: str  # what it was carried out under


_ILACS = "the framework for the Inspection of Local Authority Children’s Services"
_INSPECTION = _Words(
    "Ofsted Inspection of Local Authority Children’s Social Care Services", "inspection", "of", "report", _ILACS
)
_WORDS = {
    DocumentKind.INSPECTION_REPORT: _INSPECTION,
    # The council's own paper about an inspection reports that inspection.
    DocumentKind.COMMITTEE_REPORT: _INSPECTION,
    # Focused and monitoring visits are part of the ILACS framework.
    DocumentKind.FOCUSED_VISIT: _Words(
        "Ofsted Focused Visit to Local Authority Children’s Services", "focused visit", "to", "letter", _ILACS
    ),
    DocumentKind.MONITORING_VISIT: _Words(
        "Ofsted Monitoring Visit to Local Authority Children’s Services", "monitoring visit", "to", "letter", _ILACS
    ),
    DocumentKind.JTAI: _Words(
        "Joint Targeted Area Inspection of the Multi-agency Response",
        "joint targeted area inspection",
        "of",
        "letter",
        "the framework for joint targeted area inspections",
    ),
    DocumentKind.UNANNOUNCED_INSPECTION: _Words(
        "Ofsted Unannounced Inspection of Local Authority Children’s Services",
        "unannounced inspection",
        "of",
        "letter",
        "the framework for unannounced inspections of contact, referral and assessment arrangements",
    ),
}


def default_title(kind: DocumentKind | None) -> str:
    """The paper's title for a report on this kind of document (none: a report on the plans alone)."""
    return (_WORDS[kind] if kind else _INSPECTION).title


_MINOR_WORDS = {"a", "an", "and", "by", "for", "in", "of", "on", "the", "to"}


def _heading_case(text: str) -> str:
    """ "What needs to improve" → "What Needs to Improve", as the council's papers set their headings."""
    words = text.split()
    return " ".join(w if i and w in _MINOR_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _point_kinds(points: list[ImprovementPoint]) -> list[PointKind]:
    """The kinds of the points, in the order the document gave them."""
    return list(dict.fromkeys(p.kind for p in points))


def build(inputs: ReportInputs, data: ReportData) -> Report:
    n = Numberer()
    place = data.authority
    main = data.inspections[0] if data.inspections else None
    sections = [
        _purpose(n, place, main, inputs),
        _policy(n, inputs, main),
        background(n, data, main),
    ]
    if main is not None:
        sections += [
            _the_inspection(n, place, main),
            _findings(n, place, main),
            *_headlines(n, place, main),
        ]
    sections += _progress(n, data, inputs)
    sections += _closing(n, data, inputs, main)
    heading = [
        f"{inputs.committee.upper()} - {long_date(inputs.meeting_date).upper()}",
        inputs.title.upper(),
        f"REPORT OF THE {inputs.report_of.upper()}",
    ]
    return Report(heading_lines=heading, title=inputs.title, sections=sections)


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


def _count_words(count: int) -> str:
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return words[count] if count < len(words) else str(count)


def _headlines(n: Numberer, place: Authority, main: Inspection) -> list[Section]:
    document = _WORDS[main.doc_type].document
    strengths = Section(f"{place.possessive} Strengths", level=3)
    if main.strengths:
        strengths.blocks = [n.paragraph(s.text) for s in main.strengths]
    else:
        strengths.blocks = [n.paragraph(f"The {document} did not set out strengths as a separate list.")]
    points = answered(main.improvement_points)
    # Each kind of point under the document's own heading for it: a focused visit's "What needs to improve"
    # is not renamed "areas for improvement".
    kinds = _point_kinds(points) or _point_kinds(main.improvement_points) or [PointKind.AREA_FOR_IMPROVEMENT]
    sections = [Section("Report Headlines"), strengths]
    for kind in kinds:
        section = Section(_heading_case(kind.plural), level=3)
        of_kind = [p for p in points if p.kind == kind]
        if of_kind:
            section.blocks = [
                n.paragraph(f"The {document} also outlined {_the_following(kind)}:", bullets=[p.text for p in of_kind])
            ]
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


def _progress(n: Numberer, data: ReportData, inputs: ReportInputs) -> list[Section]:
    since = inputs.previous_report
    sections = [Section("Progress on the Improvement Plan")]
    summary = Section("Summary of Progress", level=3)
    if not data.inspections:
        summary.blocks = [n.paragraph("No inspection is covered by this report, so there is no plan to report on.")]
        return [*sections, summary]
    rows = []
    for inspection in data.inspections:
        actions = [a for p in answered(inspection.improvement_points) for a in p.actions]
        counts = [sum(1 for a in actions if a.rag == rag) for rag in BRAG]
        rows.append([inspection.title, *[str(c) for c in counts], str(len(actions))])
    summary.blocks = [
        n.paragraph(
            f"The table below shows the actions in each plan by rating as at {long_date(inputs.as_at)}: Red (off track "
            "or at serious risk), Amber (some slippage, recoverable), Green (on track) and Blue (complete, signed off "
            "by a director)."
        ),
        Table(
            caption="Actions by rating",
            header=["Plan", "Red", "Amber", "Green", "Blue", "Total"],
            rows=rows,
            numeric_columns=[1, 2, 3, 4, 5],
        ),
    ]
    sections.append(summary)
    for inspection in data.inspections:
        kinds = _point_kinds(answered(inspection.improvement_points))
        on = _heading_case(kinds[0].plural) if len(kinds) == 1 else "Each Point"
        section = Section(f"{inspection.title}: Progress on {on}", level=3)
        for point in answered(inspection.improvement_points):
            section.blocks += _point_progress(n, point, since, inputs.as_at, data.recurrences.get(point.id, []))
        overdue = data.overdue.get(inspection.id, [])
        if overdue:
            section.blocks.append(
                n.paragraph(
                    f"{len(overdue)} item{'s are' if len(overdue) != 1 else ' is'} overdue as at "
                    f"{long_date(inputs.as_at)}:"
                )
            )
            section.blocks.append(
                Table(
                    caption=f"Overdue items: {inspection.title}",
                    header=["Item", "Owner", "Originally due", "Now due", "Times moved", "Reason"],
                    widths=[25, 19, 17, 17, 9, 13],
                    rows=[
                        [
                            f"{row.kind}: {row.item}",
                            row.owner,
                            long_date(row.original_date),
                            long_date(row.due_date) if row.due_date != row.original_date else "Not moved",
                            str(row.times_moved),
                            row.reasons or "",
                        ]
                        for row in overdue
                    ],
                )
            )
        else:
            section.blocks.append(n.paragraph(f"Nothing in this plan is overdue as at {long_date(inputs.as_at)}."))
        sections.append(section)
    return sections


def _point_progress(n: Numberer, point, since: date | None, as_at: date, recurrences: list) -> list[Paragraph]:
    heading = f"{point.kind.label} {point.number}: {point.text}"
    for r in recurrences:
        said = "also raised in" if r.earlier else "raised again in"
        heading += f" This was {said} {r.point.inspection.occasion} ({r.point.label})."
    if not point.actions:
        return [n.paragraph(f"{heading} No action has yet been agreed for this point.")]
    bullets = []
    for action in point.actions:
        status = (
            "complete, signed off by a director"
            if action.status == ActionStatus.COMPLETE
            else action.status.label.lower()
        )
        line = (
            f"{action.title} (owner: {action.owner.job_title}; {status}; rated {action.rag.label}: {action.rag_reason})"
        )
        done = [
            m
            for m in action.milestones
            if m.completed_date and m.completed_date <= as_at and (since is None or m.completed_date > since)
        ]
        if done:
            line += (
                " Milestones achieved"
                + (f" since {long_date(since)}" if since else "")
                + ": "
                + "; ".join(f"{m.title} ({long_date(m.completed_date)})" for m in done)
                + "."
            )
        impact = [e for e in action.evidence if e.shows_impact and e.evidence_date <= as_at]
        if impact:
            line += " Evidence of impact: " + "; ".join(e.description.rstrip(". ") for e in impact) + "."
        bullets.append(line)
    return [n.paragraph(heading, bullets=bullets)]


def _closing(n: Numberer, data: ReportData, inputs: ReportInputs, main: Inspection | None) -> list[Section]:
    recommendation = Section(
        "Recommendation",
        blocks=[
            n.paragraph(
                f"The Committee is asked to note the outcome of the {_WORDS[main.doc_type].event} and the progress "
                "made against the improvement plan."
                if main
                else "The Committee is asked to note the progress made against the improvement plans."
            )
        ],
    )
    papers = background_papers(data, inputs)
    appendix = appendix_section(data, main)
    officers = Section("Officers to Contact")
    officers.blocks = [
        Paragraph("\n".join(line for line in (o.name, o.job_title, o.telephone, o.email) if line))
        for o in inputs.officers
    ] or [Paragraph("No officers have been named for this report.")]
    return [recommendation, papers, appendix, officers]
