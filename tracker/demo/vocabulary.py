"""Words for synthetic plans: believable, and clearly invented (no real council or person)."""

from tracker.models import Theme

POINTS = {
    Theme.MANAGEMENT_OVERSIGHT: "The quality and impact of management oversight and supervision in the {team}.",
    Theme.ASSESSMENTS: "The quality of assessments in the {team}, so that they analyse family history and risk.",
    Theme.PLANNING: "Children's plans in the {team} are specific, with clear actions and timescales.",
    Theme.FRONT_DOOR: "The consistent application of thresholds when contacts reach the {team}.",
    Theme.EARLY_HELP: "Children are stepped up and stepped down between early help and the {team} at the right time.",
    Theme.QUALITY_ASSURANCE: "Audits in the {team} identify what needs to improve and lead to learning.",
    Theme.WORKFORCE: "Caseloads in the {team} allow social workers to spend time with children.",
    Theme.PARTICIPATION: "Children's wishes and feelings are heard and recorded by the {team}.",
    Theme.DISABLED_CHILDREN: "The timeliness of safeguarding responses for disabled children known to the {team}.",
    Theme.PRIVATE_FOSTERING: "Children in private fostering arrangements known to the {team} are assessed.",
    Theme.CHILDREN_IN_CARE: "Permanence is achieved without delay for children in care supported by the {team}.",
    Theme.CARE_LEAVERS: "Care leavers supported by the {team} have up-to-date pathway plans.",
    Theme.HEALTH: "Children in care supported by the {team} have timely health assessments.",
    Theme.EDUCATION: "Personal education plans for children supported by the {team} are of good quality.",
    Theme.COMMISSIONING: "The sufficiency of placements commissioned for children supported by the {team}.",
    Theme.CORPORATE_PARENTING: "Elected members' understanding of the experiences of children supported by the {team}.",
    Theme.COURT: "Pre-proceedings work in the {team} avoids drift and delay.",
    Theme.CHILD_PROTECTION_MEETINGS: "Strategy meetings convened by the {team} are timely and well attended.",
}
TEAMS = [
    "duty and advice team",
    "assessment service",
    "children in need service",
    "child protection service",
    "children in care service",
    "16-plus service",
    "disabled children's service",
    "fostering service",
    "youth justice service",
    "SEND service",
]
ACTIONS = [
    "Introduce a monthly audit of {n} cases in the {team}",
    "Train every manager in the {team} in reflective supervision",
    "Publish revised practice standards for the {team}",
    "Recruit {n} permanent social workers to the {team}",
    "Hold a quarterly performance clinic with the {team}",
    "Review the {team}'s tracker weekly at the leadership meeting",
]
MILESTONES = [
    "Draft agreed",
    "Pilot in one team",
    "Rolled out to all teams",
    "First audit completed",
    "Re-audit shows improvement",
]
NARRATIVES = [
    "Work continues as planned; the latest audit shows steady improvement.",
    "Two posts remain vacant, which has slowed the roll-out.",
    "The pilot finished and feedback from staff was positive.",
    "Performance data for the quarter shows the target being met.",
]
REPLAN_REASONS = [
    "Staff sickness in the team delayed the audit.",
    "The case recording system upgrade moved the start date.",
    "Agreed with the lead director to align with the quarterly board.",
]
