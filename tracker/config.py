"""Configuration from the environment, one class per environment (twelve-factor).

Every setting can be given as an environment variable of the same name; README lists them.
"""

import os
from pathlib import Path

from tracker.parsing.limits import Limits

DEFAULT_SECRET_KEY = "dev-only-not-secret"


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


READER = Limits()  # the defaults, and how they were measured, are in tracker/parsing/limits.py


class Config:
    # None means "an SQLite file in the instance folder"; create_app fills it in once it knows that folder.
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    # The schema owner's connection, for migrations, restores and `seed --reset` (tracker/database_roles.py);
    # None: DATABASE_URL does both, as in development.
    MIGRATIONS_DATABASE_URL = os.environ.get("MIGRATIONS_DATABASE_URL")
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER")  # None: instance/uploads, outside the web root
    MAX_UPLOAD_MB = _env_int("MAX_UPLOAD_MB", 10)
    # A council's Word template for its papers (tracker/reports/council_template.py): a template is styles and a
    # header, rarely over 1 MB; it must also stay under MAX_UPLOAD_MB, the limit of any request.
    REPORT_TEMPLATE_MAX_BYTES = _env_int("REPORT_TEMPLATE_MAX_BYTES", 5 * 1024 * 1024)
    SERVICE_NAME = os.environ.get("SERVICE_NAME", "Improvement plan tracker")
    SEED_FOLDER = os.environ.get("SEED_FOLDER", str(Path(__file__).resolve().parent.parent / "seed"))
    HOME_PAGE_SIZE = _env_int("HOME_PAGE_SIZE", 50)
    OVERDUE_PAGE_SIZE = _env_int("OVERDUE_PAGE_SIZE", 50)
    # What "not updated" and "due soon" mean on every page, export, reminder and paper (tracker/definitions.py).
    STALE_DAYS = _env_int("STALE_DAYS", 45)
    DUE_SOON_DAYS = _env_int("DUE_SOON_DAYS", 14)
    # Dates are judged against this day when set (YYYY-MM-DD): tests pin it; production leaves it empty.
    TODAY = os.environ.get("TRACKER_TODAY")

    # Reminder emails: through SMTP when MAIL_SERVER is set, otherwise written to REMINDER_OUTBOX as .eml files.
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = _env_int("MAIL_PORT", 587)
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "true").lower() == "true"
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_FROM = os.environ.get("MAIL_FROM", "improvement-tracker@localhost")
    REMINDER_OUTBOX = os.environ.get("REMINDER_OUTBOX")  # None: instance/outbox
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000")
    # Sessions end after this long without a request, and this long after signing in whatever happens.
    SESSION_IDLE_MINUTES = _env_int("SESSION_IDLE_MINUTES", 30)
    SESSION_ABSOLUTE_HOURS = _env_int("SESSION_ABSOLUTE_HOURS", 12)
    # The time-out warning shows this long before a session ends (GOV.UK's pattern: two minutes).
    SESSION_WARNING_SECONDS = _env_int("SESSION_WARNING_SECONDS", 120)
    # Where failed sign-ins are counted (tracker/auth/throttle.py): memory for one process; Redis, e.g.
    # redis://host:6379/0, when several processes or instances serve the app, so that all count together.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # A store that stops answering fails a sign-in within seconds rather than holding a worker (Redis's
    # client waits for ever by default); memory ignores them.
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 2}
    RATELIMIT_HEADERS_ENABLED = False
    # Behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto, so the throttle sees each
    # person's address rather than the proxy's and HTTPS is recognised. 0: no proxy, trust no header.
    PROXY_COUNT = _env_int("PROXY_COUNT", 0)
    # An uploaded or pasted document is read by a process of its own (tracker/parsing/sandbox.py) under these
    # limits, one setting for each field of Limits (tracker/imports/reader.py). Each web process reads at most
    # PARSE_CONCURRENCY documents at once and refuses more ("busy") rather than queueing them.
    PARSE_CPU_SECONDS = _env_int("PARSE_CPU_SECONDS", READER.cpu_seconds)
    PARSE_TIMEOUT_SECONDS = _env_float("PARSE_TIMEOUT_SECONDS", READER.timeout_seconds)
    PARSE_MEMORY_MB = _env_int("PARSE_MEMORY_MB", READER.memory_mb)
    PARSE_MAX_PAGES = _env_int("PARSE_MAX_PAGES", READER.max_pages)
    PARSE_MAX_PARAGRAPHS = _env_int("PARSE_MAX_PARAGRAPHS", READER.max_paragraphs)
    PARSE_MAX_TEXT_CHARACTERS = _env_int("PARSE_MAX_TEXT_CHARACTERS", READER.max_text_characters)
    PARSE_MAX_UNPACKED_MB = _env_int("PARSE_MAX_UNPACKED_MB", READER.max_unpacked_mb)
    PARSE_MAX_NESTING = _env_int("PARSE_MAX_NESTING", READER.max_nesting)
    PARSE_CONCURRENCY = _env_int("PARSE_CONCURRENCY", 2)

    # The job queue that renders and publishes committee papers outside requests (tracker/jobs/): unset, an
    # SQLite file in the instance folder (no server to run); redis://host:6379/1 in production, which every
    # instance's web processes and workers share. `flask --app wsgi jobs worker` runs the jobs.
    JOB_QUEUE_URL = os.environ.get("JOB_QUEUE_URL")
    JOB_WORKERS = _env_int("JOB_WORKERS", 2)  # jobs one worker process runs at once (threads)
    # A job still running after this long lost its worker (killed, the machine restarted): it is marked failed
    # when the report is next asked for a job of its kind. A 2,000-action paper takes about a minute.
    JOB_ABANDONED_MINUTES = _env_int("JOB_ABANDONED_MINUTES", 30)

    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_ENABLED = True
    # A form's CSRF token lasts as long as its session (the idle and absolute limits, emptied at every sign-in and
    # sign-out), not Flask-WTF's default hour: a page kept open by "Stay signed in" must still save.
    WTF_CSRF_TIME_LIMIT = None
    TESTING = False
    PRODUCTION = False
    HSTS = False  # Strict-Transport-Security: on in production, which is served only over HTTPS

    @property
    def MAX_CONTENT_LENGTH(self) -> int:  # noqa: N802 - Flask reads this exact name
        # The upload limit plus room for the other fields of a multipart form.
        return (self.MAX_UPLOAD_MB + 1) * 1024 * 1024

    @property
    def MAX_FORM_MEMORY_SIZE(self) -> int:  # noqa: N802 - Flask reads this exact name
        # A document's text pasted into a form field (Flask's default is 500 kB): as many characters as the
        # reader accepts, at most four bytes each in UTF-8.
        return 4 * self.PARSE_MAX_TEXT_CHARACTERS


class DevelopmentConfig(Config):
    DEBUG = False


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"
    WTF_CSRF_ENABLED = False  # tests that prove CSRF switch it back on
    SQLALCHEMY_ENGINE_OPTIONS = {}


class ProductionConfig(Config):
    # Start-up refuses a default secret key, demo accounts or power over the audit trail (tracker/production.py).
    PRODUCTION = True
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS = True


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def config_from_environment() -> Config:
    name = os.environ.get("TRACKER_ENV", "development")
    try:
        return CONFIGS[name]()
    except KeyError:
        raise RuntimeError(f"TRACKER_ENV must be one of {', '.join(CONFIGS)}, not {name!r}") from None
