import json

from tests.helpers.data import committed
from tests.helpers.factories import make_authority, make_inspection, make_point
from tests.helpers.queries import count_queries
from tracker.export.plan_export import build_plan_export
from tracker.extensions import db
from tracker.models import FrameworkArea, PointFrameworkArea, PointKind


def test_export_lists_three_authorities_five_inspections_and_22_points(seeded_app):
    result = seeded_app.test_cli_runner().invoke(args=["plan", "export", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    authorities = data["authorities"]
    assert [a["name"] for a in authorities] == [
        "Leeds City Council",
        "Leicester City Council",
        "Leicestershire County Council",
    ]
    inspections = [i for a in authorities for i in a["inspections"]]
    assert len(inspections) == 5
    points = [p for i in inspections for p in i["improvement_points"]]
    assert len(points) == 22
    action = points[0]["actions"][0]
    assert set(action) >= {
        "title",
        "owner",
        "status",
        "rag",
        "rag_reason",
        "target_date",
        "milestones",
        "evidence",
        "updates",
    }
    assert action["milestones"] and {"title", "due_date", "original_due_date", "completed_date"} <= set(
        action["milestones"][0]
    )


def test_export_issues_a_fixed_number_of_queries(seeded_app):
    with seeded_app.app_context(), count_queries(db.engine) as counter:
        build_plan_export()
    assert counter.count <= 12


def test_export_gives_each_point_its_framework_areas_and_whether_the_council_answers_it(app):
    with committed(app):
        inspection = make_inspection(make_authority())
        ours = make_point(inspection, kind=PointKind.RECOMMENDATION, text="Strengthen the front door.")
        ours.framework_rows = [
            PointFrameworkArea(area=FrameworkArea.OUTCOME_3, position=1),
            PointFrameworkArea(area=FrameworkArea.ENABLER_1, position=2),
        ]
        make_point(inspection, kind=PointKind.PARTNERSHIP_RECOMMENDATION, number=1, text="Partners should share.")
    with app.app_context():
        [authority] = build_plan_export()["authorities"]
    points = authority["inspections"][0]["improvement_points"]
    assert [(p["kind"], p["framework"], p["answered_by_council"]) for p in points] == [
        ("recommendation", ["outcome_3", "enabler_1"], True),
        ("partnership_recommendation", [], False),
    ]
    json.dumps(points)  # plain data, as the command prints it
