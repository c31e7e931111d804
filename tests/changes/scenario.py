"""A council's plan history built through the real operations, at set times before, inside and after one
period, with what changed in that period worked out here from the operations performed (not from the
audit trail): the expectation changes_between is held to.

The period: after 31 March 2026 up to 30 June 2026, UK days. Both ends fall in British Summer Time, so the
period runs from 23:00 UTC on 31 March to 23:00 UTC on 30 June (written out here, not computed the way the
code computes it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_milestone, make_point, make_user
from tracker.actions import operations as ops
from tracker.audit import change_fields
from tracker.models import Action, EvidenceKind, Inspection, Rag, Role, Theme, User

SINCE, UNTIL = date(2026, 3, 31), date(2026, 6, 30)
START = datetime(2026, 3, 31, 23, 0)  # UK midnight at the start of 1 April (BST)
END = datetime(2026, 6, 30, 23, 0)  # UK midnight at the start of 1 July (BST)
SECOND = timedelta(seconds=1)

OWNER = "Sam Patel, Head of Service, Front Door"
OWNER2 = "Service Manager, Fostering"  # no name: shown by job title
DIRECTOR = "Jo Bloggs, Director of Children's Services"


def inside(at: datetime) -> bool:
    return START <= at < END


@dataclass
class Expected:
    rating_moves: list[tuple] = field(default_factory=list)  # (at, action, from, to, who, why, recovery)
    milestones_moved: list[tuple] = field(default_factory=list)  # (at, milestone, from, to, reason, who)
    proposals: list[tuple] = field(default_factory=list)  # (at, action, who)
    returns: list[tuple] = field(default_factory=list)  # (at, action, who, reason)
    sign_offs: list[tuple] = field(default_factory=list)  # (at, action, who, reason)
    challenges_raised: list[tuple] = field(default_factory=list)  # (at, action, question, who)
    challenges_answered: list[tuple] = field(default_factory=list)  # (at, action, question, answer, who)
    # What could fall due: (kind, action, milestone, due as at the end, done on (UK date) or None, existed)
    dated: list[tuple] = field(default_factory=list)

    def newly_overdue(self) -> list[tuple]:
        """Due in the period, not done by its end, existing by then: (due, action, kind, milestone)."""
        return sorted(
            (due, action, kind, milestone or "")
            for kind, action, milestone, due, done, existed in self.dated
            if existed and SINCE < due <= UNTIL and (done is None or done > UNTIL)
        )

    def filtered(self, actions: set[str]) -> Expected:
        """Only what concerns these actions (titles are unique in the scenario)."""
        keep = Expected()
        for name in ("rating_moves", "proposals", "returns", "sign_offs", "challenges_raised", "challenges_answered"):
            setattr(keep, name, [row for row in getattr(self, name) if row[1] in actions])
        keep.milestones_moved = [row for row in self.milestones_moved if row[-1] in actions]
        keep.dated = [row for row in self.dated if row[1] in actions]
        return keep


@dataclass
class Scenario:
    authority_id: int
    other_authority_id: int
    plan1: Inspection
    plan2: Inspection
    director: User
    owner: User
    expected: Expected
    themes: dict[str, str]  # action title -> theme
    plans: dict[str, int]  # action title -> inspection id


class _Log:
    """The operations, each also noted in the expectation when it falls in the period."""

    def __init__(self):
        self.expected = Expected()
        self.rag: dict[int, Rag] = {}
        self.reason: dict[int, str] = {}
        self.recovery: dict[int, str | None] = {}

    def start(self, action: Action) -> None:
        self.rag[action.id], self.reason[action.id], self.recovery[action.id] = action.rag, action.rag_reason, None

    def _move(self, at, action, who, to, reason, recovery):
        before = self.rag[action.id]
        self.rag[action.id], self.reason[action.id] = to, reason
        if recovery is not None:
            self.recovery[action.id] = recovery
        if to == Rag.GREEN or to == Rag.BLUE:
            self.recovery[action.id] = None
        if before != to and inside(at):
            shown = self.recovery[action.id] if to in (Rag.RED, Rag.AMBER) else None
            self.expected.rating_moves.append((at, action.title, before, to, who, reason, shown))

    def progress(self, action, actor, who, at, rag, reason, recovery=None):
        ops.record_progress(action, actor, rag=rag, rag_reason=reason, narrative="Update.", recovery=recovery, at=at)
        self._move(at, action, who, rag, reason, recovery)

    def rating(self, action, actor, who, at, rag, reason):
        ops.set_rating(action, actor, rag=rag, rag_reason=reason, at=at)
        self._move(at, action, who, rag, reason, None)

    def propose(self, action, actor, who, at):
        ops.add_evidence(
            action,
            actor,
            kind=EvidenceKind.AUDIT,
            description="Audit of impact.",
            evidence_date=(at - timedelta(days=1)).date(),
            shows_impact=True,
            link="https://example.org/audit",
            at=at - timedelta(hours=1),
        )
        ops.propose_completion(action, actor, at=at)
        if inside(at):
            self.expected.proposals.append((at, action.title, who))

    def give_back(self, action, director, who, at, reason):
        ops.return_proposal(action, director, reason=reason, at=at)
        if inside(at):
            self.expected.returns.append((at, action.title, who, reason))

    def sign(self, action, director, who, at, reason):
        ops.sign_off(action, director, reason=reason, at=at)
        self._move(at, action, who, Rag.BLUE, reason, None)
        if inside(at):
            self.expected.sign_offs.append((at, action.title, who, reason))

    def replan(self, milestone, actor, who, at, to, reason):
        before = milestone.due_date
        ops.replan_milestone(milestone, actor, new_due_date=to, reason=reason, at=at)
        if inside(at):
            self.expected.milestones_moved.append(
                (at, milestone.title, before, to, reason, who, milestone.action.title)
            )

    def challenge(self, action, director, who, at, question):
        challenge = ops.raise_challenge(action, director, question=question, at=at)
        if inside(at):
            self.expected.challenges_raised.append((at, action.title, question, who))
        return challenge

    def answer(self, challenge, actor, who, at, answer):
        ops.answer_challenge(challenge, actor, answer=answer, at=at)
        if inside(at):
            self.expected.challenges_answered.append((at, challenge.action.title, challenge.question, answer, who))


def build(app) -> Scenario:
    """The history (operations deliberately not in time order: the lists must come back in time order)."""
    log = _Log()
    with committed(app):
        home = make_authority()
        owner = make_user(home, name="Sam Patel", job_title="Head of Service, Front Door")
        owner2 = make_user(home, job_title="Service Manager, Fostering")
        director = make_user(home, Role.DIRECTOR, name="Jo Bloggs", job_title="Director of Children's Services")
        plan1, plan2 = make_inspection(home), make_inspection(home, published=date(2025, 6, 1))
        point1, point2 = make_point(plan1), make_point(plan2)
        created = datetime(2026, 1, 5, 9, 0)

        def action(point, title, theme, target, who=owner):
            made = make_action(point, who, director, title=title, theme=theme, target_date=target, created_at=created)
            log.start(made)
            return made

        a1 = action(point1, "Front door audits", Theme.FRONT_DOOR.label, date(2026, 12, 31))
        a2 = action(point1, "Supervision quality", "Supervision", date(2026, 5, 15), who=owner2)
        a3 = action(point2, "Care leavers offer", "Care leavers", UNTIL)
        a4 = action(point1, "Return home interviews", Theme.FRONT_DOOR.label, date(2026, 6, 1))
        a5 = action(point2, "Placement sufficiency", "Placements", date(2026, 4, 20))
        a6 = action(point1, "Early help assessments", "Early help", SINCE)
        a8 = action(point1, "Missing children", Theme.FRONT_DOOR.label, date(2026, 4, 1))

        m1 = make_milestone(a1, date(2026, 3, 20), title="Audit 40 contacts")
        m2 = make_milestone(a1, date(2026, 5, 20), title="Train duty staff")
        m3 = make_milestone(a1, UNTIL, title="Re-audit")
        m4 = make_milestone(a2, date(2026, 5, 1), title="Supervision audit")
        m5 = make_milestone(a2, date(2026, 6, 1), title="Policy refresh")
        make_milestone(a2, SINCE, title="Case file sample")

        # One action at a time, each in its own time order, so the actions' changes interleave in time: the
        # lists must come back in time order, not in the order they were written.
        # a1: ratings just before, at the very start, inside (keeping the reason as it was), a second before
        # the end, and exactly at the end; milestones moved before and inside the period; one done on the last day.
        log.rating(a1, owner, OWNER, START - SECOND, Rag.AMBER, "Staff vacancies")
        log.progress(a1, owner, OWNER, START, Rag.RED, "Two social workers left", "Agency staff from May")
        log.rating(a1, owner, OWNER, datetime(2026, 5, 10, 9, 0), Rag.AMBER, "Two social workers left")
        log.progress(a1, owner, OWNER, END - SECOND, Rag.GREEN, "Back to full strength")
        log.progress(a1, owner, OWNER, END, Rag.AMBER, "Sickness in the team", "Cover from the pool")
        log.replan(m1, owner, OWNER, datetime(2026, 3, 1, 10, 0), date(2026, 4, 10), "Waiting for the new system")
        log.replan(m2, owner, OWNER, datetime(2026, 5, 18, 14, 0), date(2026, 8, 1), "Trainer ill")
        ops.complete_milestone(m3, owner, completed_date=UNTIL, at=datetime(2026, 6, 30, 12, 0))
        question = log.challenge(a1, director, DIRECTOR, datetime(2026, 5, 5, 9, 0), "Why has the audit slipped?")
        log.answer(question, owner, OWNER, datetime(2026, 5, 6, 9, 0), "Two leavers; cover agreed.")
        log.expected.dated += [
            ("Action", a1.title, None, a1.target_date, None, True),
            ("Milestone", a1.title, m1.title, date(2026, 4, 10), None, True),
            ("Milestone", a1.title, m2.title, date(2026, 8, 1), None, True),
            ("Milestone", a1.title, m3.title, UNTIL, UNTIL, True),
        ]
        # A milestone added after the period, due in it, was not there to be missed.
        late = ops.add_milestone(a1, owner, title="Late addition", due_date=date(2026, 5, 5), at=datetime(2026, 7, 20))
        log.expected.dated.append(("Milestone", a1.title, late.title, late.due_date, None, False))

        # a2: a challenge raised before and answered inside; a milestone moved only after the period (due in
        # it as at the end); one done only after the period; one due on the day the period starts after.
        question = log.challenge(a2, director, DIRECTOR, datetime(2026, 3, 15, 9, 0), "Is supervision monthly?")
        log.answer(question, owner2, OWNER2, datetime(2026, 4, 3, 16, 0), "Yes, from April.")
        log.progress(a2, owner2, OWNER2, datetime(2026, 4, 15, 10, 0), Rag.AMBER, "Audit late", "Extra auditor")
        log.replan(m4, owner2, OWNER2, datetime(2026, 7, 5, 10, 0), date(2026, 9, 1), "Auditor on leave")
        ops.complete_milestone(m5, owner2, completed_date=date(2026, 7, 2), at=datetime(2026, 7, 2, 9, 0))
        log.expected.dated += [
            ("Action", a2.title, None, date(2026, 5, 15), None, True),
            ("Milestone", a2.title, m4.title, date(2026, 5, 1), None, True),
            ("Milestone", a2.title, m5.title, date(2026, 6, 1), date(2026, 7, 2), True),
            ("Milestone", a2.title, "Case file sample", SINCE, None, True),
        ]

        # a3 (the second plan): a rating inside; a challenge raised at 23:00 BST on the last day, answered half
        # an hour later (the next UK day, though still 30 June in UTC).
        log.rating(a3, owner, OWNER, datetime(2026, 6, 10, 11, 0), Rag.RED, "No accommodation yet")
        question = log.challenge(a3, director, DIRECTOR, datetime(2026, 6, 30, 22, 0), "Which providers?")
        log.answer(question, owner, OWNER, datetime(2026, 6, 30, 23, 30), "Two, both in talks.")
        log.expected.dated.append(("Action", a3.title, None, UNTIL, None, True))

        # a4: proposed, returned, proposed again and signed off, all inside.
        log.propose(a4, owner, OWNER, datetime(2026, 4, 5, 9, 0))
        log.give_back(a4, director, DIRECTOR, datetime(2026, 4, 8, 9, 0), "Sample all three teams")
        log.propose(a4, owner, OWNER, datetime(2026, 5, 1, 9, 0))
        log.sign(a4, director, DIRECTOR, datetime(2026, 5, 3, 9, 0), "Re-audit: 92% within 24 hours")
        log.expected.dated.append(("Action", a4.title, None, a4.target_date, date(2026, 5, 3), True))

        # a5 (the second plan): proposed inside, signed off only after the period: still overdue at its end.
        log.propose(a5, owner, OWNER, datetime(2026, 6, 20, 9, 0))
        log.sign(a5, director, DIRECTOR, datetime(2026, 7, 10, 9, 0), "Twelve new placements")
        log.expected.dated.append(("Action", a5.title, None, a5.target_date, date(2026, 7, 10), True))

        # a6: proposed before the period; due on its first day's eve.
        log.propose(a6, owner, OWNER, datetime(2026, 3, 20, 9, 0))
        log.expected.dated.append(("Action", a6.title, None, SINCE, None, True))

        # a8: due on the period's first day; its target moved out of the period only after it.
        change_fields(a8, director, at=datetime(2026, 7, 3, 9, 0), target_date=date(2027, 1, 31))
        log.expected.dated.append(("Action", a8.title, None, date(2026, 4, 1), None, True))

        # An action added after the period, its target in it.
        a7 = ops.create_action(
            point1,
            director,
            title="Later action",
            description="",
            owner=owner,
            lead_director=director,
            theme=Theme.FRONT_DOOR,
            target_date=date(2026, 5, 5),
            rag=Rag.GREEN,
            at=datetime(2026, 7, 15, 9, 0),
        )
        log.expected.dated.append(("Action", a7.title, None, a7.target_date, None, False))

        # Another council's changes in the period are never this council's.
        away = make_authority()
        stranger = make_user(away)
        theirs = make_action(make_point(make_inspection(away)), stranger, title="Their action", target_date=UNTIL)
        ops.set_rating(theirs, stranger, rag=Rag.RED, rag_reason="Theirs", at=datetime(2026, 5, 1))

        actions = [a1, a2, a3, a4, a5, a6, a7, a8]
        return Scenario(
            authority_id=home.id,
            other_authority_id=away.id,
            plan1=plan1,
            plan2=plan2,
            director=director,
            owner=owner,
            expected=log.expected,
            themes={a.title: a.theme for a in actions},
            plans={a.title: a.improvement_point.inspection_id for a in actions},
        )


def busy_council(app, actions: int) -> int:
    """A council whose every action was rated Red then Green, had its milestone moved and done, and was challenged
    and answered, all in the scenario's period; each action (not its milestone, done early) is newly overdue in it."""
    with committed(app):
        home = make_authority()
        owner = make_user(home)
        director = make_user(home, Role.DIRECTOR)
        point = make_point(make_inspection(home))
        at = datetime(2026, 5, 1, 9, 0)
        for n in range(actions):
            action = make_action(
                point, owner, director, title=f"Action {n}", target_date=date(2026, 5, 20), created_at=at
            )
            milestone = make_milestone(action, date(2026, 5, 10), title=f"Milestone {n}")
            ops.record_progress(action, owner, rag=Rag.RED, rag_reason="Late", narrative=".", recovery="Help", at=at)
            ops.replan_milestone(milestone, owner, new_due_date=date(2026, 6, 10), reason="Late", at=at)
            challenge = ops.raise_challenge(action, director, question="Why?", at=at)
            ops.answer_challenge(challenge, owner, answer="Because.", at=at)
            ops.complete_milestone(milestone, owner, completed_date=date(2026, 5, 2), at=at)
            ops.set_rating(action, owner, rag=Rag.GREEN, rag_reason="Back on track", at=at.replace(hour=10))
        return home.id
