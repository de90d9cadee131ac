"""Perf Assist settings: one module, every value read from the environment.

Every variable is listed in README.md and .env.example. Defaults are safe for a
single-user install: SQLite in the data directory, DEBUG off, a generated key.
"""

import logging
import os
import secrets
import stat
import time
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# An optional .env beside manage.py; real environment variables win over it. The test suite
# reads none (PERFASSIST_ENV_FILE empty, perfassist/test_settings.py).
ENV_FILE = os.environ.get("PERFASSIST_ENV_FILE", str(BASE_DIR / ".env"))
_before_env_file = set(os.environ)
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)
# The variables that .env set (Settings → LLM says where each value came from).
ENV_FILE_NAMES = frozenset(os.environ.keys() - _before_env_file)

DATA_DIR = Path(env.str("PERFASSIST_DATA_DIR", default=str(BASE_DIR / "data")))
if not DATA_DIR.is_absolute():
    DATA_DIR = BASE_DIR / DATA_DIR


def _keep_private(path: Path) -> None:
    """Take group and world access away from a file or folder of ours: the data directory
    holds the secret key and every journal. One another user owns is left as it is."""
    try:
        info = path.stat()
    except FileNotFoundError:  # SQLite removes its -wal and -shm files when it is done
        return
    mode = stat.S_IMODE(info.st_mode)
    if info.st_uid == os.getuid() and mode & 0o077:
        path.chmod(mode & 0o700)
        logging.getLogger("perfassist.settings").warning(
            "%s was open to other users (mode %o): now only its owner's (%o).",
            path,
            mode,
            mode & 0o700,
        )


# SQLite cannot create its file in a missing folder, even when SECRET_KEY is set.
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
_keep_private(DATA_DIR)
SQLITE_FILE = DATA_DIR / "perfassist.sqlite3"
# SQLite would create the database 0644 (readable by every user of the machine); made 0600
# here first, it keeps that mode, and SQLite gives its -wal and -shm files the same. Only in
# a data directory of ours: a build step run as root (the Dockerfile's collectstatic) must
# not leave a file the app's user cannot open.
if not env.str("DATABASE_URL", default="") and DATA_DIR.stat().st_uid == os.getuid():
    try:
        os.close(os.open(SQLITE_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        for path in (SQLITE_FILE, Path(f"{SQLITE_FILE}-wal"), Path(f"{SQLITE_FILE}-shm")):
            _keep_private(path)


def _load_or_create_secret_key(data_dir: Path) -> str:
    """Keep a generated key in the data directory so sessions survive restarts.

    O_EXCL makes concurrent first starts (several gunicorn workers) agree on one key.
    """
    key_file = data_dir / "secret_key"
    try:
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _attempt in range(50):  # another process may be writing it right now
            key = key_file.read_text().strip()
            if key:
                return key
            time.sleep(0.02)
        raise ImproperlyConfigured(f"{key_file} is empty: delete it or set SECRET_KEY.") from None
    key = secrets.token_urlsafe(50)
    with os.fdopen(descriptor, "w") as file:
        file.write(key)
    return key


SECRET_KEY = env.str("SECRET_KEY", default="") or _load_or_create_secret_key(DATA_DIR)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "perfassist.apps.TasksConfig",  # django_tasks_db, named for the admin
    "perfassist.apps.AxesConfig",  # axes, named for the admin
    "ninja",  # serves the API docs' scripts from our own static files, not a CDN
    "journal",
    "perf",
    "reminders",
]

MIDDLEWARE = [
    # First: /healthz answers the container's probe before the host check and the HTTPS
    # redirect, which a probe on localhost over plain HTTP would fail.
    "perfassist.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "journal.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Failed logins are counted by django-axes for each pair of user name and address: after
# AXES_FAILURE_LIMIT of one pair, that name is refused from that address for
# AXES_COOLOFF_TIME hours. Counting the name alone would let anyone lock its owner out
# from elsewhere; the owner still logs in from their own address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_TIME", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind N reverse proxies, the client's address is the Nth from the right of
# X-Forwarded-For (each proxy appends the address it was called from); with none,
# REMOTE_ADDR, which a client cannot forge. django-ipware counts only the proxies
# before the last one, hence N - 1; not strict, so addresses a client forged in front
# of the chain are passed over rather than making ipware fall back to the proxy's own.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    IPWARE_STRICT = False
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

ROOT_URLCONF = "perfassist.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Widget templates may live in templates/ (widgets/time_zone_select.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "perfassist.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{SQLITE_FILE}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while another process writes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    # Writers take the lock up front and queue behind a long write (an import of 100,000
    # entries holds it about 30 s) for up to SQLITE_BUSY_TIMEOUT seconds instead of failing.
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault(
        "timeout", env.float("SQLITE_BUSY_TIMEOUT", default=60.0)
    )

# A connection broken by a database restart is noticed and opened again before its next use
# (by requests and by the worker), instead of failing that use.
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "journal:login"
LOGIN_REDIRECT_URL = "journal:today"
LOGOUT_REDIRECT_URL = "journal:login"

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
# Each language by its own name, as language pickers usually show them.
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date format per language, everywhere (perfassist/formats/ says which and why).
FORMAT_MODULE_PATH = "perfassist.formats"
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    # default-src covers it too; said here so that the web app manifest is not lost with it.
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Behind HTTPS: HTTPS=true turns on the redirect, secure cookies and HSTS (a year, with
# subdomains and preload); each can still be set on its own. A reverse proxy that ends TLS
# must say so in a header, named by PROXY_SSL_HEADER (usually X-Forwarded-Proto).
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=HTTPS)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
if proxy_ssl_header := env.str("PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_ssl_header.upper().replace("-", "_"), "https")

# Perf summaries are written in the background by `manage.py run_worker` (make run starts it).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "llm"],
    }
}

# A running summary or week beats its heart every RUN_HEARTBEAT_SECONDS; every worker
# sweeps every RUN_SWEEP_SECONDS and fails runs silent for RUN_STALE_SECONDS (their worker
# died), so a killed worker's run ends failed within about 1.5 minutes (perf/runs.py).
RUN_HEARTBEAT_SECONDS = env.float("RUN_HEARTBEAT_SECONDS", default=10.0)
RUN_STALE_SECONDS = env.float("RUN_STALE_SECONDS", default=60.0)
RUN_SWEEP_SECONDS = env.float("RUN_SWEEP_SECONDS", default=15.0)

# The largest journal file Settings' import takes, and the most a zip of notes may unpack
# to. Checked from Content-Length before the body is read (perf/views/importing.py); the
# file then waits in the database for the worker, so keep it to tens of megabytes.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=20 * 1024 * 1024)

# Requests of one web server process that may wait for a summary at once (Prefer: wait):
# all of gunicorn's threads but one (gunicorn.conf.py reads GUNICORN_THREADS too).
API_WAITS_PER_PROCESS = max(env.int("GUNICORN_THREADS", default=4) - 1, 1)

# The LLM that writes perf summaries (perf/llm). "auto": Anthropic when ANTHROPIC_API_KEY
# is set, else an OpenAI-compatible server when OPENAI_BASE_URL is set, else compose's
# local-ai profile (LOCAL_AI_URL) when its service runs, else the offline draft
# (perf/llm/config.py). The SDKs read ANTHROPIC_BASE_URL themselves.
LLM_PROVIDER = env.str("LLM_PROVIDER", default="auto")
LLM_MODEL = env.str("LLM_MODEL", default="")
LLM_TIMEOUT = env.float("LLM_TIMEOUT", default=120.0)
LLM_MAX_RETRIES = env.int("LLM_MAX_RETRIES", default=2)
ANTHROPIC_API_KEY = env.str("ANTHROPIC_API_KEY", default="")
OPENAI_BASE_URL = env.str("OPENAI_BASE_URL", default="")
OPENAI_API_KEY = env.str("OPENAI_API_KEY", default="")
# "" (auto): json_schema, falling back to json_object, then none, on the server's refusal.
OPENAI_JSON_MODE = env.str("OPENAI_JSON_MODE", default="")
# Set by docker-compose.yml for web and worker: the local-ai profile's Ollama, and its model.
LOCAL_AI_URL = env.str("LOCAL_AI_URL", default="")
LOCAL_MODEL = env.str("LOCAL_MODEL", default="qwen2.5:3b")
# A period whose prompt would pass this many tokens is summarised week by week first;
# 0 sizes it for the provider (perf/llm/budget.py). Weeks are written this many at once.
LLM_INPUT_BUDGET = env.int("LLM_INPUT_BUDGET", default=0)
LLM_CONCURRENCY = env.int("LLM_CONCURRENCY", default=4)

# E-mail, which only reminders send (reminders/): EMAIL_URL as django-environ reads it, such
# as smtp+tls://user:password@mail.example.com:587 (consolemail:// prints mails instead).
# Without it no reminder is sent (EMAIL_CONFIGURED tells reminders/services.py), Settings
# says reminders are off, and MAILERS stays undefined: Django 6.1 checks a MAILERS that is
# empty (mail.W001) or that drops mail (mail.E001 under check --deploy) as a mistake.
EMAIL_CONFIGURED = bool(env.str("EMAIL_URL", default=""))
if EMAIL_CONFIGURED:
    _email = env.email_url("EMAIL_URL", default="")
    _options = {}
    if _email["EMAIL_BACKEND"].endswith(".smtp.EmailBackend"):
        _options = {
            "host": _email["EMAIL_HOST"],
            "port": _email["EMAIL_PORT"],
            "username": _email["EMAIL_HOST_USER"] or "",
            "password": _email["EMAIL_HOST_PASSWORD"] or "",
            "use_tls": bool(_email.get("EMAIL_USE_TLS")),
            "use_ssl": bool(_email.get("EMAIL_USE_SSL")),
            "timeout": 30,  # a worker thread waits on it: never for ever
        }
    elif _email["EMAIL_BACKEND"].endswith(".filebased.EmailBackend"):
        _options = {"file_path": _email["EMAIL_FILE_PATH"]}
    MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _options}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Perf Assist <perfassist@localhost>")
# Where the links in e-mails point (a mail has no request to take the host from).
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
# Every worker looks for reminders due every REMINDERS_SWEEP_SECONDS; the times of day a new
# user's daily nudge and Friday digest start at (both are off until the user turns them on).
REMINDERS_SWEEP_SECONDS = env.float("REMINDERS_SWEEP_SECONDS", default=60.0)
REMINDER_NUDGE_TIME = env.str("REMINDER_NUDGE_TIME", default="17:00")
REMINDER_DIGEST_TIME = env.str("REMINDER_DIGEST_TIME", default="16:00")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
