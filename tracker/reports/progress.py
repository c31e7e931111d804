"""Progress on the plans, exception-led as councils' progress papers are: the figures first, then what needs
the Committee's attention (Red and Amber actions, anything overdue) in detail, Green actions one line each,
and the completed ones left to an appendix. The body so grows with what is going wrong, not with the plan.

Everything here is read from the plans' facts as at the paper's date (tracker/reports/facts.py), never
from the live models, so that the paper says what was known on that date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.models import Rag
from tracker.points.queries import Recurrence
from tracker.reports.facts import ActionFacts, AsAt, MilestoneFacts, PlanFacts, PointFacts
from tracker.reports.inputs import ReportInputs
from tracker.reports.model import Numberer, Paragraph, Section, Table
from tracker.reports.words import _heading_case, _point_kinds
from tracker.timeutil import long_date

BRAG = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE)


def share(count: int, total: int) -> str:
    """A whole-number percentage, or a dash where there is nothing to share."""
    return f"{round(100 * count / total)}%" if total else "—"


def times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


@dataclass(frozen=True)
class Counts:
    """One plan's actions by rating, and how many are complete."""

    total: int
    by_rag: dict[Rag, int]
    complete: int

    @classmethod
    def of(cls, actions: list[ActionFacts]) -> Counts:
        return cls(
            total=len(actions),
            by_rag={rag: sum(1 for a in actions if a.rag == rag) for rag in BRAG},
            complete=sum(1 for a in actions if a.complete),
        )

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.total + other.total,
            {rag: self.by_rag[rag] + other.by_rag[rag] for rag in BRAG},
            self.complete + other.complete,
        )

    def row(self, name: str) -> list[str]:
        return [
            name,
            f"{self.total:,}",
            *[f"{self.by_rag[rag]:,} ({share(self.by_rag[rag], self.total)})" for rag in BRAG],
            share(self.complete, self.total),
        ]


def overdue_milestones(action: ActionFacts, day: date) -> list[MilestoneFacts]:
    """An open action's milestones overdue at the date (a completed action's leftovers are not chased)."""
    return action.overdue_milestones(day)


def is_exception(action: ActionFacts, day: date) -> bool:
    """Told in detail: rated Red or Amber, or overdue itself or in any of its milestones."""
    return (
        action.rag in (Rag.RED, Rag.AMBER) or action.overdue_at(day) or bool(overdue_milestones(action, day))
    ) and not action.complete


def has_a_plan(plan: PlanFacts) -> bool:
    """Known to the tracker at the date, with at least one action by then."""
    return plan.known and bool(plan.actions)


def summary_sections(n: Numberer, as_at: AsAt) -> list[Section]:
    """The progress heading and the summary of progress over every plan covered."""
    return [Section("Progress on the Improvement Plan"), _summary(n, as_at)]


def plan_sections(n: Numberer, as_at: AsAt, inputs: ReportInputs, recurrences: dict) -> list[Section]:
    """A section per plan still open: its figures, its exceptions in detail, Green actions one line each.

    A plan whose every point has actions, all complete, has nothing to tell beyond its row in the summary:
    the plans done are named together in one paragraph, so that years of finished plans add a line each
    rather than a section each."""
    finished = [p for p in as_at.plans if _finished(p)]
    sections = [_plan_section(n, plan, inputs, recurrences) for plan in as_at.plans if not _finished(plan)]
    if finished:
        names = "; ".join(f"{p.inspection.title} ({_plural(len(p.actions), 'action')})" for p in finished)
        if len(finished) == 1:
            text = f"Every action in the plan for the {names} is complete and signed off by a director."
        else:
            text = f"Every action in these {len(finished)} plans is complete and signed off by a director: {names}."
        text += " The actions are listed, with the day each was signed off, in the appendix of the whole plan."
        sections.append(Section("Plans Complete", level=3, blocks=[n.paragraph(text)]))
    return sections


def _finished(plan: PlanFacts) -> bool:
    return has_a_plan(plan) and all(p.actions and all(a.complete for a in p.actions) for p in plan.answered)


def _summary(n: Numberer, as_at: AsAt) -> Section:
    summary = Section("Summary of Progress", level=3)
    day = long_date(as_at.day)
    if not as_at.plans:
        summary.blocks = [n.paragraph("No inspection is covered by this report, so there is no plan to report on.")]
        return summary
    reported = [p for p in as_at.plans if has_a_plan(p)]
    if not reported:
        summary.blocks = [n.paragraph(f"No plan covered by this report had any actions as at {day}.")]
        return summary
    per_plan = [(plan, Counts.of(plan.actions)) for plan in reported]
    total = per_plan[0][1]
    for _, counts in per_plan[1:]:
        total = total + counts
    actions = [a for p in reported for a in p.actions]
    late_actions = sum(1 for a in actions if a.overdue_at(as_at.day))
    late_milestones = sum(len(overdue_milestones(a, as_at.day)) for a in actions)
    plans = "the plan" if len(reported) == 1 else f"the {len(reported)} plans"
    r, a, g, b = (total.by_rag[rag] for rag in BRAG)
    summary.blocks = [
        n.paragraph(
            f"As at {day} {plans} held {_plural(total.total, 'action')}, of which {_complete_words(total)}. "
            f"By rating: {r:,} Red ({share(r, total.total)}), {a:,} Amber ({share(a, total.total)}), {g:,} Green "
            f"({share(g, total.total)}) and {b:,} Blue ({share(b, total.total)}). "
            f"{_overdue_words(late_actions, late_milestones)}"
        ),
        n.paragraph(
            "The table below shows each plan's actions by rating, with each rating's share of the plan: Red (off "
            "track or at serious risk), Amber (some slippage, recoverable), Green (on track) and Blue (complete, "
            "signed off by a director)."
        ),
        Table(
            caption="Actions by rating",
            header=["Plan", "Actions", "Red", "Amber", "Green", "Blue", "Complete"],
            rows=_summary_rows(per_plan, total),
            numeric_columns=[1, 2, 3, 4, 5, 6],
            widths=[33, 9, 11, 11, 11, 14, 11],
        ),
    ]
    return summary


def _summary_rows(per_plan: list[tuple[PlanFacts, Counts]], total: Counts) -> list[list[str]]:
    """A row per plan still open; the plans finished (all complete) together in one row, named in their own
    paragraph below, so that years of finished plans do not bury the open ones; then the total."""
    rows = [counts.row(plan.inspection.title) for plan, counts in per_plan if not _finished(plan)]
    finished = [counts for plan, counts in per_plan if _finished(plan)]
    if len(finished) == 1:
        rows += [counts.row(plan.inspection.title) for plan, counts in per_plan if _finished(plan)]
    elif finished:
        done = finished[0]
        for counts in finished[1:]:
            done = done + counts
        rows.append(done.row(f"{len(finished)} plans complete"))
    return rows + ([total.row("Total")] if len(per_plan) > 1 else [])


def _complete_words(counts: Counts) -> str:
    if not counts.complete:
        return "none is complete"
    verb = "is" if counts.complete == 1 else "are"
    return f"{counts.complete:,} ({share(counts.complete, counts.total)}) {verb} complete"


def _overdue_words(actions: int, milestones: int) -> str:
    if not actions and not milestones:
        return "Nothing is overdue."
    parts = []
    if actions:
        parts.append(f"{_plural(actions, 'action')} past {'its' if actions == 1 else 'their'} target date")
    if milestones:
        parts.append(_plural(milestones, "milestone"))
    verb = "is" if actions + milestones == 1 else "are"
    sentence = f"{' and '.join(parts)} {verb} overdue."
    return sentence[0].upper() + sentence[1:]


def _plan_section(n: Numberer, plan: PlanFacts, inputs: ReportInputs, recurrences: dict) -> Section:
    """What needs attention in one plan. Its figures are the summary's (a sentence for a paper over one plan,
    a row of its table for several), so they are not repeated here; nor are its complete actions (Blue, in
    the summary's figures and the appendix)."""
    day = long_date(inputs.as_at)
    title = plan.inspection.title
    if not plan.known:
        return Section(
            f"{title}: Progress",
            level=3,
            blocks=[n.paragraph(f"This plan did not yet exist on {day}, so there is no progress to report.")],
        )
    kinds = _point_kinds(plan.answered)
    on = _heading_case(kinds[0].plural) if len(kinds) == 1 else "Each Point"
    section = Section(f"{title}: Progress on {on}", level=3)
    if not plan.actions:
        section.blocks = [n.paragraph(f"No action had yet been agreed in this plan on {day}.")]
        return section
    on_day = inputs.as_at
    open_actions = [(point, a) for point in plan.answered for a in point.actions if not a.complete]
    # Red and Amber in detail, the worst first; a Green action with something overdue in a table row, its
    # overdue milestones beside it (the same words as in the detail); the other Green ones a line each.
    detailed = sorted(
        ((p, a) for p, a in open_actions if a.rag in (Rag.RED, Rag.AMBER)), key=lambda pa: pa[1].rag != Rag.RED
    )
    late = [(p, a) for p, a in open_actions if a.rag == Rag.GREEN and is_exception(a, on_day)]
    green = [(p, a) for p, a in open_actions if a.rag == Rag.GREEN and not is_exception(a, on_day)]
    lead = ""
    if not detailed and not late:
        lead = "No open action is rated Red or Amber and nothing is overdue."
    elif detailed:
        lead = f"{_plural(len(detailed), 'action is', 'actions are')} rated Red or Amber:"
    if lead:
        section.blocks.append(n.paragraph(lead))
    section.blocks += [_exception(n, point, action, inputs) for point, action in detailed]
    if late:
        section.blocks.append(
            n.paragraph(f"{_plural(len(late), 'Green action has', 'Green actions have')} something overdue:")
        )
        section.blocks.append(
            Table(
                caption=f"Green actions with something overdue: {title}",
                header=["Action", "Owner", "Overdue"],
                rows=[[f"{a.title} ({point.label})", a.owner, _overdue_cell(a, on_day)] for point, a in late],
                widths=[30, 25, 45],
            )
        )
    if green:
        section.blocks.append(n.paragraph(f"{_plural(len(green), 'action is', 'actions are')} Green, on track:"))
        section.blocks.append(
            Table(
                caption=f"Green actions: {title}",
                header=["Action", "Point", "Owner", "Target date"],
                rows=[[a.title, point.label, a.owner, long_date(a.target_date)] for point, a in green],
                widths=[32, 22, 26, 20],
            )
        )
    unanswered = [p for p in plan.answered if not p.actions]
    if unanswered:
        section.blocks.append(_no_action(n, unanswered))
    raised_before = [(p, r) for p in plan.answered for r in recurrences.get(p.id, [])]
    if raised_before:
        section.blocks.append(_recurring(n, raised_before))
    return section


def _exception(n: Numberer, point: PointFacts, action: ActionFacts, inputs: ReportInputs) -> Paragraph:
    """One action in detail, with its overdue milestones under it: an action and its milestones are one item."""
    day = inputs.as_at
    status = action.status.label.lower()
    # Why it is rated so and what is being done about it, in the same paragraph as the rating and owner:
    # what a councillor reads first, without a bullet of its own that seventy actions would each add.
    why = f"Why {action.rag.label}: {action.rag_reason.strip() or 'no reason recorded.'}"
    recovery = action.recovery.strip() if action.recovery else "none recorded."
    text = (
        f"{action.title} ({point.label}). {action.rag.label}; {status}; owner: {action.owner}; "
        f"target date {long_date(action.target_date)}"
        + (", which has passed." if action.overdue_at(day) else ".")
        + f" {why} Recovery: {recovery}"
    )
    bullets = [_late_milestone(m) for m in overdue_milestones(action, day)]
    # What was achieved is news only since the last report; without one, the whole history would be told.
    since = inputs.previous_report
    ended = [m for m in action.milestones if since and m.completed_date and since < m.completed_date <= day]
    done = [m for m in ended if m.closed_reason is None]
    if done:
        bullets.append(
            f"Milestones achieved since {long_date(since)}: "
            + "; ".join(f"{m.title} ({long_date(m.completed_date)})" for m in done)
            + "."
        )
    # A milestone closed as no longer needed was not achieved, so it is told apart, with why.
    if closed := [m for m in ended if m.closed_reason is not None]:
        bullets.append(
            f"Milestones closed as no longer needed since {long_date(since)}: "
            + "; ".join(f"{m.title} ({long_date(m.completed_date)}: {m.closed_reason.rstrip('. ')})" for m in closed)
            + "."
        )
    impact = [e for e in action.evidence if e.shows_impact]
    if impact:
        bullets.append("Evidence of impact: " + "; ".join(e.description.rstrip(". ") for e in impact) + ".")
    return n.paragraph(text, bullets=bullets)


def _overdue_cell(action: ActionFacts, day: date) -> str:
    """What is overdue of an action, in a table cell: its target date, then each overdue milestone."""
    lines = [f"Target date {long_date(action.target_date)} has passed."] if action.overdue_at(day) else []
    lines += [_late_milestone(m).removeprefix("Milestone overdue: ") for m in overdue_milestones(action, day)]
    return " ".join(lines)


def _late_milestone(milestone: MilestoneFacts) -> str:
    """ "Milestone overdue: …, originally due …, now due … (moved twice; latest reason: …)"; one never moved
    is only "due …": most are not, and "not moved" on each would be said dozens of times."""
    if not milestone.moves:
        return f"Milestone overdue: {milestone.title}, due {long_date(milestone.due_date)}."
    latest = milestone.moves[-1]
    return (
        f"Milestone overdue: {milestone.title}, originally due {long_date(milestone.original_due_date)}, now due "
        f"{long_date(milestone.due_date)} (moved {times(len(milestone.moves))}; latest reason: "
        f"{latest.reason.rstrip('.')})."
    )


def _no_action(n: Numberer, points: list[PointFacts]) -> Paragraph:
    if len(points) == 1:
        return n.paragraph(f"No action has yet been agreed for {points[0].label}: {points[0].text}")
    return n.paragraph(
        "No action has yet been agreed for these points:", bullets=[f"{p.label}: {p.text}" for p in points]
    )


def _recurring(n: Numberer, raised: list[tuple[PointFacts, Recurrence]]) -> Paragraph:
    """A weakness Ofsted has named before, beside its point: the Committee will ask why it came back."""
    lines = []
    for point, r in raised:
        said = "also raised in" if r.earlier else "raised again in"
        lines.append(f"{point.label}: {point.text} This was {said} {r.point.inspection.occasion} ({r.point.label}).")
    return n.paragraph("Weaknesses raised in more than one inspection:", bullets=lines)
