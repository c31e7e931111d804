"""The paper's "Changes since the last report": what moved between the last paper's figures and this one's.

A numbered paragraph with every count, then a sub-section (with its table) for each kind of change there was,
as council progress papers report movement; one sentence when nothing moved. Each table lists at most `limit` rows (the
worst first is not defined for every kind, so the earliest), saying how many more there are and where they
are (the "What changed" page and its download): a county's quarter can hold hundreds of moves, and the paper
must stay short.
"""

from __future__ import annotations

from datetime import date, datetime

from tracker.changes.model import Changes, RatingMove, Subject
from tracker.changes.period import uk_date
from tracker.changes.rows import CHALLENGE_ANSWERED, CHALLENGE_RAISED, PROPOSED, RETURNED, SIGNED_OFF
from tracker.reports.model import Numberer, Paragraph, Section, Table
from tracker.timeutil import long_date

HEADING = "Changes since the last report"
TABLE_LIMIT = 40


def _on(moment: datetime) -> str:
    return long_date(uk_date(moment))


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"


def _action(subject: Subject) -> str:
    return f"{subject.action} ({subject.plan})"


def _cut(n: Numberer, rows: list[list[str]], limit: int, noun: str) -> tuple[list[list[str]], list[Paragraph]]:
    """The rows a table shows, and the sentence saying how many more there are, if any."""
    if len(rows) <= limit:
        return rows, []
    rest = len(rows) - limit
    return rows[:limit], [
        n.paragraph(
            f"The first {limit} {noun} are listed; {_count(rest, 'more is', 'more are')} on the tracker’s "
            "“What changed” page and in its download."
        )
    ]


def _were(number: int, noun: str) -> str:
    """ "1 milestone was", "3 milestones were"."""
    return f"{_count(number, noun)} {'was' if number == 1 else 'were'}"


def _summary(changes: Changes) -> str:
    worse = sum(1 for m in changes.rating_moves if _worse(m))
    moves = len(changes.rating_moves)
    parts = [
        f"{_count(moves, 'rating')} moved ({worse} to a worse rating, {moves - worse} to a better one or complete)",
        f"{_count(len(changes.newly_overdue), 'item')} became overdue",
        f"{_were(len(changes.milestones_moved), 'milestone')} moved",
        f"{_were(len(changes.proposals), 'action')} proposed as complete, {len(changes.returns)} returned to the "
        f"owner and {len(changes.sign_offs)} signed off",
        f"{_were(len(changes.challenges_raised), 'challenge')} raised and {len(changes.challenges_answered)} answered",
    ]
    return "In that time " + ", ".join(parts[:-1]) + ", and " + parts[-1] + "."


def _worse(move: RatingMove) -> bool:
    return move.from_rag is not None and move.to_rag.severity > move.from_rag.severity


def changes_sections(
    n: Numberer, changes: Changes, since: date, until: date, *, limit: int = TABLE_LIMIT
) -> list[Section]:
    period = f"after {long_date(since)} up to {long_date(until)}"
    intro = Section(HEADING)
    if changes.nothing:
        intro.blocks = [
            n.paragraph(
                f"Nothing in the plan changed {period}: no rating moved, nothing became overdue, no milestone was "
                "moved, no action was proposed, returned or signed off, and no challenge was raised or answered."
            )
        ]
        return [intro]
    intro.blocks = [n.paragraph(f"This section sets out what changed in the plan {period}. {_summary(changes)}")]
    return [
        intro,
        *_ratings(n, changes, limit),
        *_overdue(n, changes, limit),
        *_milestones(n, changes, limit),
        *_decisions(n, changes, limit),
        *_challenges(n, changes, limit),
    ]


def _ratings(n: Numberer, changes: Changes, limit: int) -> list[Section]:
    moves = changes.rating_moves
    if not moves:
        return []
    rows = [
        [
            _action(m.subject),
            m.from_rag.label if m.from_rag else "None",
            m.to_rag.label,
            m.why + (f" Recovery: {m.recovery_to_add}" if m.recovery_to_add else ""),
            m.who,
            _on(m.when),
        ]
        for m in moves
    ]
    rows, more = _cut(n, rows, limit, "moves")
    worse = [m for m in moves if _worse(m)]
    lead = f"{_count(len(moves), 'rating')} moved, {len(worse)} to a worse rating."
    table = Table(
        caption="Ratings moved",
        header=["Action", "From", "To", "Why", "Who", "Date"],
        rows=rows,
        widths=[28, 8, 8, 30, 14, 12],
    )
    return [Section("Ratings Moved", level=3, blocks=[n.paragraph(lead), table, *more])]


def _overdue(n: Numberer, changes: Changes, limit: int) -> list[Section]:
    items = changes.newly_overdue
    if not items:
        return []
    rows = [
        [
            f"Milestone: {o.milestone} (action: {o.subject.action})" if o.milestone else f"Action: {o.subject.action}",
            o.subject.plan,
            o.owner,
            long_date(o.due),
        ]
        for o in items
    ]
    rows, more = _cut(n, rows, limit, "items")
    lead = (
        f"{_count(len(items), 'item')} fell due in the period and {'was' if len(items) == 1 else 'were'} not done by "
        f"{long_date(changes.until)}."
    )
    table = Table(
        caption="Newly overdue", header=["Item", "Plan", "Owner", "Was due"], rows=rows, widths=[45, 20, 20, 15]
    )
    return [Section("Newly Overdue", level=3, blocks=[n.paragraph(lead), table, *more])]


def _milestones(n: Numberer, changes: Changes, limit: int) -> list[Section]:
    moves = changes.milestones_moved
    if not moves:
        return []
    rows = [
        [
            f"{m.milestone} (action: {m.subject.action})",
            long_date(m.from_date),
            long_date(m.to_date),
            m.reason,
            m.who,
            _on(m.when),
        ]
        for m in moves
    ]
    rows, more = _cut(n, rows, limit, "moves")
    lead = f"{_were(len(moves), 'milestone')} moved, each with its reason."
    table = Table(
        caption="Milestones moved",
        header=["Milestone", "From", "To", "Why", "Who", "Date"],
        rows=rows,
        widths=[26, 12, 12, 26, 12, 12],
    )
    return [Section("Milestones Moved", level=3, blocks=[n.paragraph(lead), table, *more])]


def _decisions(n: Numberer, changes: Changes, limit: int) -> list[Section]:
    decided = [(PROPOSED, d) for d in changes.proposals] + [(RETURNED, d) for d in changes.returns]
    decided += [(SIGNED_OFF, d) for d in changes.sign_offs]
    if not decided:
        return []
    decided.sort(key=lambda pair: pair[1].when)
    rows = [[_action(d.subject), kind, d.reason, d.who, _on(d.when)] for kind, d in decided]
    rows, more = _cut(n, rows, limit, "decisions")
    lead = (
        f"{_were(len(changes.proposals), 'action')} proposed as "
        f"complete by {'its owner' if len(changes.proposals) == 1 else 'their owners'}; directors signed off "
        f"{len(changes.sign_offs)} and returned {len(changes.returns)} to the owner with what was missing."
    )
    table = Table(
        caption="Completions and sign-offs",
        header=["Action", "Decision", "Reason", "Who", "Date"],
        rows=rows,
        widths=[30, 14, 30, 14, 12],
    )
    return [Section("Completions and Sign-offs", level=3, blocks=[n.paragraph(lead), table, *more])]


def _challenges(n: Numberer, changes: Changes, limit: int) -> list[Section]:
    events = [(c.when, CHALLENGE_RAISED, c.subject, c.question, c.who) for c in changes.challenges_raised]
    events += [
        (c.when, CHALLENGE_ANSWERED, c.subject, f"{c.question} Answer: {c.answer}", c.who)
        for c in changes.challenges_answered
    ]
    if not events:
        return []
    events.sort(key=lambda event: event[0])
    rows = [[_action(subject), kind, text, who, _on(when)] for when, kind, subject, text, who in events]
    rows, more = _cut(n, rows, limit, "challenges and answers")
    raised, answered = len(changes.challenges_raised), len(changes.challenges_answered)
    lead = (
        f"Directors raised {_count(raised, 'challenge')} to action owners, and {_count(answered, 'challenge')} "
        f"{'was' if answered == 1 else 'were'} answered."
    )
    table = Table(
        caption="Challenges raised and answered",
        header=["Action", "Event", "Challenge", "Who", "Date"],
        rows=rows,
        widths=[26, 14, 36, 12, 12],
    )
    return [Section("Challenges", level=3, blocks=[n.paragraph(lead), table, *more])]
