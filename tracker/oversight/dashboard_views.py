"""The directors' dashboard: what is late, at risk, claimed done, and who owns each."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from tracker import definitions
from tracker.models import Rag, Role
from tracker.oversight import charts, dashboard
from tracker.oversight.deadlines import statutory_deadlines
from tracker.oversight.overdue import OverdueFilters, due_soon, overdue_page
from tracker.oversight.scope import oversight_authority
from tracker.oversight.signoff_queries import (
    WITHDRAWN_DAYS,
    answers_waiting,
    awaiting_sign_off,
    count_awaiting,
    count_open_challenges,
    count_withdrawn,
    open_challenges,
)
from tracker.points.queries import recurring_in_authority, unanswered_in_authority
from tracker.security import requires_role
from tracker.timeutil import today


@requires_role(Role.DIRECTOR, Role.ADMINISTRATOR)
def show():
    authority = oversight_authority()
    day = today()
    inspections, plans_total = dashboard.recent_plans(authority.id)
    by_plan, by_theme = dashboard.brag_counts(authority.id, inspections, plans_total)
    overdue_rows, overdue_total = overdue_page(authority.id, day, OverdueFilters(), 1, dashboard.LIST_LIMIT)
    due_soon_days = definitions.due_soon_days()
    soon_rows, soon_total = due_soon(authority.id, day, due_soon_days, dashboard.LIST_LIMIT)
    stale_days = definitions.stale_days()
    stale_rows, stale_total = dashboard.stale(authority.id, day, stale_days)
    doubtful_rows, doubtful_total = dashboard.doubtful(authority.id, day)
    trend = dashboard.rag_trend([i.id for i in inspections], day)
    answers, answers_total = answers_waiting(authority.id)
    return render_template(
        "oversight/dashboard.html",
        title="Improvement plan dashboard",
        authority=authority,
        today=day,
        by_plan=by_plan,
        plans_shown=len(inspections),
        plans_total=plans_total,
        by_theme=by_theme,
        plan_chart=charts.stacked_bars([(b.label, b.counts) for b in by_plan]),
        theme_chart=charts.stacked_bars([(b.label, b.counts) for b in by_theme]),
        overdue=(overdue_rows, overdue_total),
        due_soon=(soon_rows, soon_total),
        due_soon_days=due_soon_days,
        stale=(stale_rows, stale_total),
        stale_days=stale_days,
        doubtful=(doubtful_rows, doubtful_total),
        no_action=unanswered_in_authority(authority.id, dashboard.LIST_LIMIT),
        recurring=recurring_in_authority(authority.id, dashboard.LIST_LIMIT),
        challenges=open_challenges(authority_id=authority.id),
        challenges_total=count_open_challenges(authority.id),
        answers=answers,
        answers_total=answers_total,
        may_accept=current_user.role == Role.DIRECTOR,
        awaiting=awaiting_sign_off(authority.id, current_user.id),
        awaiting_total=count_awaiting(authority.id),
        withdrawn_total=count_withdrawn(authority.id),
        withdrawn_days=WITHDRAWN_DAYS,
        deadlines=[(i, statutory_deadlines(i)) for i in inspections],
        trend=[(i, trend.get(i.id, [])) for i in inspections],
        brag=charts.ORDER,
        Rag=Rag,
    )
