"""Settings for chibo, driven by environment variables (see README, "Configuration").

Local use needs none of them: DEBUG is on, the embedded PostgreSQL starts by itself.
Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and usually DATABASE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# With DEBUG on, wrong addresses and errors still show the app's own pages (core.middleware.FriendlyErrorsMiddleware);
# a developer who wants Django's technical 404 and traceback pages sets CHIBO_TECHNICAL_ERRORS=1.
TECHNICAL_ERRORS = env_bool("CHIBO_TECHNICAL_ERRORS", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "pgtrigger",  # the database refuses changes to approved records (core/frozen.py)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "members",
    "documents",
    "meetings",
    "dues",
    "evaluations",
    "assignments",
    "supervision",
    "chibo",  # the top layer: seed_demo and bench_data (ARCHITECTURE.md)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.PrivateAnswersMiddleware",  # after static files: every answer is private, no-store
    "core.middleware.DatabaseUnavailableMiddleware",  # outside the session: a lost database is a 503
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "core.pagecache.PageCacheMiddleware",  # after the session and the language: they make its key
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "members.twofactor.SecondStepMiddleware",  # the committee's code after the password, before any page
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.BadRequestMiddleware",  # a NUL in the address is a 400 (with the menu), before any lookup by it
    "core.middleware.FriendlyErrorsMiddleware",  # DEBUG on too: the app's 404, 400 and 500 pages, not Django's
    "axes.middleware.AxesMiddleware",  # it answers a locked-out login
    "core.submissions.OncePerSubmissionMiddleware",  # last: it runs a view sent with a one-time token
]

# Longest text a form takes, in characters: any text field, and the minutes (about 30 printed pages).
TEXT_LIMIT = 20_000
MINUTES_TEXT_LIMIT = 100_000

ROOT_URLCONF = "chibo.urls"
WSGI_APPLICATION = "chibo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "members.context_processors.current_member",
            ],
            "builtins": ["core.templatetags.submissions"],  # {% submission_token %} in every form
        },
    },
]

# Database: DATABASE_URL, or the embedded PostgreSQL in .pgdata/ of the checkout.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "600"))
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=CONN_MAX_AGE, conn_health_checks=True)
    }
else:
    from core.embedded_db import embedded_database

    DATABASES = {
        "default": {
            **embedded_database(Path(os.environ.get("CHIBO_PGDATA", BASE_DIR / ".pgdata"))),
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
        }
    }
# Form choice lists iterate their querysets with .iterator(): on PostgreSQL that is a server-side
# cursor (DECLARE, FETCH, CLOSE: three round trips). Our lists are a few dozen rows; fetch them at once.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# Parameters bound by the server: psycopg then prepares a statement run five times on a connection, so the
# per-request lookups (the user with their member and cell, the meeting with its people) are planned once per
# connection, not on every request (planning a five-table join took 0.5 ms, bench/RESULTS.md). Behind a pooler
# in transaction mode without prepared-statement support (PgBouncer before 1.21, or max_prepared_statements = 0),
# set DB_PREPARE_THRESHOLD=off.
_prepare = os.environ.get("DB_PREPARE_THRESHOLD", "5")
DATABASES["default"].setdefault("OPTIONS", {}).update(
    server_side_binding=True, prepare_threshold=None if _prepare.lower() == "off" else int(_prepare)
)
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("chibo runs on PostgreSQL only: DATABASE_URL must be postgres://…")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 first (new and changed passwords); the others still check passwords stored before.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Login throttling (django-axes): 5 failures for one username from one address lock it for 15 minutes.
# members.backends.LoginBackend is Django's ModelBackend that refuses demo logins unless DEBUG is on.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "members.backends.LoginBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "members.views.locked_out"
AXES_VERBOSE = False
# Behind a proxy every request comes from the proxy's address: the client's is the one the proxy adds
# to X-Forwarded-For. PROXY_COUNT says how many proxies stand in front (1 with the recommended TLS
# proxy, the default when SECURE_PROXY_SSL_HEADER=1); 0 reads REMOTE_ADDR, for a server reached directly.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1" if env_bool("SECURE_PROXY_SSL_HEADER", False) else "0"))
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_address"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Two-step login (members/twofactor.py): time-based codes (django-otp), recovery codes. A wrong code waits
# 1, 2, 4, 8 … seconds before the next try (django-otp's throttling of each device).
OTP_TOTP_ISSUER = "chibo"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
SESSION_ENGINE = "core.sessions"  # database sessions that also read the data version (one query)
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))

# Rendered pages kept in each worker's memory until the data changes (chibo/pagecache.py).
# PAGE_CACHE_SECONDS=0 turns it off; the entries are at most this old even if a change were missed.
# Off by default under DEBUG, where an edited template must show at the next reload.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if DEBUG else "300"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "500"))},
    },
}

# Vietnamese first; English msgids in code, the catalogue in locale/vi/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_TZ = True
FORMAT_MODULE_PATH = ["chibo.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# A strict Content-Security-Policy: no inline script or style, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "chibo@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in mail (members.notifications) are absolute: the address members open the app at.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO" if not DEBUG else "WARNING")},
}
