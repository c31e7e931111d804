"""The improvement-plan tracker: a Flask application factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from tracker import production
from tracker.accounts.cli import users_cli
from tracker.accounts.views import bp as accounts_bp
from tracker.actions.blueprint import bp as actions_bp
from tracker.audit_trail.views import bp as audit_bp
from tracker.auth.views import bp as auth_bp
from tracker.backups.cli import backup_cli
from tracker.config import Config, config_from_environment
from tracker.councils.views import bp as councils_bp
from tracker.demo.cli import demo_cli
from tracker.errors import register_error_pages
from tracker.export.cli import plan_cli
from tracker.extensions import csrf, db, limiter, login_manager, migrate
from tracker.figures import thousands
from tracker.forms import autocomplete_attributes, error_summary_items
from tracker.headers import register_security_headers
from tracker.health.views import bp as health_bp
from tracker.held_input import register_held_input
from tracker.home.views import bp as home_bp
from tracker.imports.views import bp as imports_bp
from tracker.inspections.cli import inspection_cli
from tracker.inspections.views import bp as inspections_bp
from tracker.jobs import queue as job_queue
from tracker.jobs.cli import jobs_cli
from tracker.models import User
from tracker.navigation import navigation_items
from tracker.outages import watch_connections
from tracker.oversight.blueprint import bp as oversight_bp
from tracker.pages.views import bp as pages_bp
from tracker.points.views import bp as points_bp
from tracker.reminders.cli import reminders_cli
from tracker.reports import jobs as report_jobs
from tracker.reports.cli import report_cli
from tracker.reports.views import bp as reports_bp
from tracker.security import enforce_access
from tracker.seeding.cli import seed_command
from tracker.sessions import check_session
from tracker.timeutil import long_date

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Config | None = None) -> Flask:
    app = Flask(
        # The package's name, not this module's: the app's logger is "tracker", the parent of every module's own.
        "tracker",
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        # GOV.UK Frontend's CSS asks for its fonts and images under /assets.
        static_url_path="/assets",
    )
    app.config.from_object(config or config_from_environment())
    Path(app.instance_path).mkdir(exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'tracker.db'}"
    if not app.config.get("UPLOAD_FOLDER"):
        app.config["UPLOAD_FOLDER"] = str(Path(app.instance_path) / "uploads")
    if not app.config.get("REMINDER_OUTBOX"):
        app.config["REMINDER_OUTBOX"] = str(Path(app.instance_path) / "outbox")

    _init_templates(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_commands(app)
    register_error_pages(app)
    register_security_headers(app)
    register_held_input(app)
    if app.config["PROXY_COUNT"]:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    production.check(app)
    return app


def _init_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(app.template_folder),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    WTFormsHelpers(app)
    app.add_template_global(error_summary_items)
    app.add_template_global(long_date)
    app.add_template_global(autocomplete_attributes)
    app.add_template_filter(thousands)
    app.context_processor(navigation_items)


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    # Flask-Login's own context processor loads the signed-in user for every template, the 503 page drawn
    # without the database included; templates get the unloaded proxy instead (tracker/navigation.py).
    login_manager.init_app(app, add_context_processor=False)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Sign in to see this page."
    login_manager.user_loader(_load_user)
    watch_connections(app)
    job_queue.init_app(app, run=report_jobs.run)


def _load_user(user_id: str):
    return db.session.get(User, int(user_id))


def _register_blueprints(app: Flask) -> None:
    for bp in (
        accounts_bp,
        audit_bp,
        auth_bp,
        councils_bp,
        health_bp,
        home_bp,
        actions_bp,
        imports_bp,
        inspections_bp,
        oversight_bp,
        pages_bp,
        points_bp,
        reports_bp,
    ):
        app.register_blueprint(bp)
    app.before_request(check_session)  # first: an ended session is treated as signed out
    app.before_request(enforce_access)


def _register_commands(app: Flask) -> None:
    app.cli.add_command(inspection_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(seed_command)
    app.cli.add_command(plan_cli)
    app.cli.add_command(reminders_cli)
    app.cli.add_command(report_cli)
    app.cli.add_command(jobs_cli)
