"""Settings shared by every environment.

The environment is read here, once; dev/test/production only adjust. Secrets and DEBUG are
never decided here. The fixed parts, which read no environment, are grouped in
cms/settings/parts/ (apps and middleware, content and API shape, languages, security) and
imported by name below.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from psycopg import IsolationLevel

from cms.environment import env_bool, env_int, env_list, env_url
from cms.settings.parts.apps import (  # noqa: F401 (settings)
    AUTH_PASSWORD_VALIDATORS,
    AUTHENTICATION_BACKENDS,
    DEFAULT_AUTO_FIELD,
    INSTALLED_APPS,
    MIDDLEWARE,
    ROOT_URLCONF,
    TASKS,
    TEMPLATES,
    WSGI_APPLICATION,
)
from cms.settings.parts.content import (  # noqa: F401 (settings)
    GRAPHENE,
    GRAPHQL_ALLOWED_IMAGE_FILTERS,
    GRAPHQL_MAX_PAGE_SIZE,
    GRAPPLE,
    WAGTAIL_ALLOW_UNICODE_SLUGS,
    WAGTAIL_SITE_NAME,
    WAGTAIL_WORKFLOW_ENABLED,
    WAGTAILADMIN_NOTIFICATION_USE_HTML,
    WAGTAILAPI_LIMIT_MAX,
    WAGTAILAPI_RICH_TEXT_FORMAT,
    WAGTAILDOCS_DOCUMENT_MODEL,
    WAGTAILDOCS_SERVE_METHOD,
    WAGTAILIMAGES_IMAGE_MODEL,
    WAGTAILSEARCH_BACKENDS,
)
from cms.settings.parts.languages import (  # noqa: F401 (settings)
    FORMAT_MODULE_PATH,
    LANGUAGE_CODE,
    LANGUAGES,
    LEICHTE_SPRACHE,
    TIME_ZONE,
    USE_I18N,
    USE_TZ,
    WAGTAIL_CONTENT_LANGUAGES,
    WAGTAIL_DATE_FORMAT,
    WAGTAIL_DATETIME_FORMAT,
    WAGTAIL_I18N_ENABLED,
    WAGTAIL_TIME_FORMAT,
    WAGTAIL_USER_TIME_ZONES,
    WAGTAILADMIN_PERMITTED_LANGUAGES,
    WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE,
)
from cms.settings.parts.security import (  # noqa: F401 (settings)
    ADMIN_CONTENT_SECURITY_POLICY,
    ADMIN_CSP_PATH_PREFIXES,
    AXES_CLIENT_IP_CALLABLE,
    AXES_DISABLE_ACCESS_LOG,
    AXES_ENABLE_ADMIN,
    AXES_LOCKOUT_CALLABLE,
    AXES_LOCKOUT_PARAMETERS,
    AXES_RESET_ON_SUCCESS,
    AXES_VERBOSE,
    CONTENT_SECURITY_POLICY,
    CORS_ALLOW_HEADERS,
    CORS_ALLOW_METHODS,
    CORS_EXPOSE_HEADERS,
    CORS_URLS_REGEX,
    WAGTAIL_GRAVATAR_PROVIDER_URL,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# The embedded database and uploads of `make run`; never committed. Made when first written
# (cms/embedded_sqlite, Django's file storage), never by importing the settings.
VAR_DIR = BASE_DIR / "var"


SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Without DATABASE_URL: the embedded SQLite database of `make run` (production refuses it).
EMBEDDED_DATABASE = not DATABASE_URL
# Seconds a connection is kept; unset (None): 0 here, 60 in production (production.py).
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", None)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=DATABASE_CONN_MAX_AGE or 0,
    )
}
if EMBEDDED_DATABASE:  # Django's SQLite, making var/ on the first connection
    DATABASES["default"]["ENGINE"] = "cms.embedded_sqlite"
# Django's connection pool (psycopg_pool), one per process and database: on with
# DATABASE_POOL_MAX_SIZE > 0 on PostgreSQL. Django refuses a pool with persistent connections,
# so it cannot be combined with DATABASE_CONN_MAX_AGE. Sizes: docs/deployment.md, "Connections".
DATABASE_POOL_MAX_SIZE = env_int("DATABASE_POOL_MAX_SIZE", 0)
DATABASE_POOL = {
    "min_size": env_int("DATABASE_POOL_MIN_SIZE", 1),
    "max_size": DATABASE_POOL_MAX_SIZE,
    "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),  # seconds to wait for a free connection
}
if DATABASE_POOL_MAX_SIZE and DATABASE_CONN_MAX_AGE:
    raise ImproperlyConfigured(
        "DATABASE_POOL_MAX_SIZE and DATABASE_CONN_MAX_AGE exclude each other (Django's pool "
        "keeps the connections itself): set one of them."
    )
# A streaming replica for anonymous public API reads (cms/replica.py): only with PostgreSQL.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASE_CONN_MAX_AGE or 0
    )
# A replica down or hanging costs this once per process and DATABASE_REPLICA_RETRY_SECONDS
# (the primary answers meanwhile).
DATABASE_REPLICA_CONNECT_TIMEOUT = env_int("DATABASE_REPLICA_CONNECT_TIMEOUT", 1)
for _alias, _timeout in (
    ("default", env_int("DATABASE_CONNECT_TIMEOUT", 5)),
    ("replica", DATABASE_REPLICA_CONNECT_TIMEOUT),
):
    if DATABASES.get(_alias, {}).get("ENGINE") != "django.db.backends.postgresql":
        continue
    # An unreachable database fails the request within seconds (HTTP 503), not minutes.
    DATABASES[_alias].setdefault("OPTIONS", {}).setdefault("connect_timeout", _timeout)
    if DATABASE_POOL_MAX_SIZE:
        DATABASES[_alias]["OPTIONS"]["pool"] = dict(DATABASE_POOL)
if "replica" in DATABASES:
    if DATABASES["default"]["ENGINE"] != DATABASES["replica"]["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs PostgreSQL, as DATABASE_URL.")
    # One snapshot per request: every read of a request answered by the replica sees the same
    # replayed state, the one whose content generation was compared (cms/replica.py).
    DATABASES["replica"]["OPTIONS"]["isolation_level"] = IsolationLevel.REPEATABLE_READ
    # A replica host gone from the network fails a request's statement (data unacknowledged this
    # long, milliseconds) instead of hanging it; a pool waits no longer than a connect would.
    DATABASES["replica"]["OPTIONS"]["tcp_user_timeout"] = 1000 * DATABASE_REPLICA_CONNECT_TIMEOUT
    if DATABASE_POOL_MAX_SIZE:
        DATABASES["replica"]["OPTIONS"]["pool"]["timeout"] = DATABASE_REPLICA_CONNECT_TIMEOUT
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests: no database of its own
DATABASE_REPLICA_RETRY_SECONDS = env_int("DATABASE_REPLICA_RETRY_SECONDS", 10)
DATABASE_ROUTERS = ["cms.replica.ReplicaRouter"]

REDIS_URL = os.environ.get("REDIS_URL", "")
# Redis connection settings, in one place for the cache and the rate limiter (which uses the
# cache's connection pool). Short timeouts and a per-process breaker (cms/cache.py): an outage
# costs one timeout per process and REDIS_RETRY_SECONDS, not one per cache call.
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))  # seconds, connect and read
REDIS_OPTIONS = {
    "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
    "SOCKET_TIMEOUT": REDIS_TIMEOUT,
    "RETRY_SECONDS": env_int("REDIS_RETRY_SECONDS", 10),  # breaker: next try after an outage
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "engagierte-stadt",
            "OPTIONS": REDIS_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Wagtail's rendition cache (the "renditions" alias) stays in each process, in every environment:
# in Redis every get_rendition would be a network write of a pickled rendition.
RENDITIONS_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 20000},  # ~0.5 KB each
}
CACHES["renditions"] = RENDITIONS_CACHE

# Logins: django-axes locks a username from one client address after LOGIN_FAILURE_LIMIT
# failures for LOGIN_LOCKOUT_MINUTES (cms/accounts.py); Koordination lifts lockouts in the admin.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30))
PASSWORD_RESET_RATE_LIMIT = env_int("PASSWORD_RESET_RATE_LIMIT", 5)
PASSWORD_RESET_RATE_LIMIT_WINDOW = env_int("PASSWORD_RESET_RATE_LIMIT_WINDOW", 3600)
# Strict-Transport-Security on HTTPS answers, in seconds; unset (None): off here, a year in
# production (production.py); 0 turns it off everywhere.
HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", None)
SECURE_HSTS_SECONDS = HSTS_SECONDS or 0

# The project's own translations (locale/de): a few of Wagtail's German strings that read badly,
# overridden; they take precedence over the apps' catalogues. The .mo is committed
# (tests/test_admin_german.py checks it agrees with the .po).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))  # `manage.py backup`

# Media on S3-compatible storage (media/storage.py, docs/deployment.md "Media on S3") when
# S3_BUCKET is set; otherwise MEDIA_ROOT. Renditions have a storage alias of their own either way:
# on S3 they are the one public part of the bucket (public-read, unsigned addresses), originals
# and documents stay private (signed addresses of S3_SIGNED_URL_SECONDS; documents streamed
# through Wagtail's serve_view).
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
if S3_BUCKET:
    _S3_PUBLIC_URL = urlsplit(env_url("S3_PUBLIC_URL"))  # renditions' address, e.g. a CDN
    _S3_OPTIONS = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": env_url("S3_ENDPOINT_URL") or None,  # None: AWS
        "region_name": os.environ.get("S3_REGION") or None,
        # Unset: boto3's own lookup (AWS_* variables, the instance's role).
        "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": os.environ.get("S3_ADDRESSING_STYLE") or "path",
        "signature_version": "s3v4",
        "file_overwrite": False,  # as Wagtail requires
    }
    MEDIA_STORAGE = {
        "default": {
            "BACKEND": "media.storage.PrivateS3Storage",
            "OPTIONS": {
                **_S3_OPTIONS,
                "querystring_expire": env_int("S3_SIGNED_URL_SECONDS", 300),
            },
        },
        "renditions": {
            "BACKEND": "media.storage.PublicRenditionS3Storage",
            "OPTIONS": {
                **_S3_OPTIONS,
                # Empty: no ACL, for buckets without ACLs whose policy opens `images/` instead.
                "default_acl": os.environ.get("S3_RENDITIONS_ACL", "public-read") or None,
                "custom_domain": (_S3_PUBLIC_URL.netloc + _S3_PUBLIC_URL.path) or None,
                "url_protocol": f"{_S3_PUBLIC_URL.scheme or 'https'}:",
            },
        },
    }
else:
    MEDIA_STORAGE = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "renditions": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
STORAGES = {
    **MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"

# Wagtail
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public website that shows the pages (the CMS is headless): a page's `url` is a path on it,
# its `fullUrl` (GraphQL) and `html_url` (REST) are this + the path, and seed_demo points the
# Wagtail Site at it. Scheme and host, optionally a path prefix, no trailing slash. Empty (the
# default outside development and tests): no absolute page addresses.
PUBLIC_SITE_URL = os.environ.get("PUBLIC_SITE_URL", "").strip().rstrip("/")
# Collections whose images and documents are public even when no visible content uses them.
PUBLIC_MEDIA_COLLECTIONS = env_list("PUBLIC_MEDIA_COLLECTIONS", "Öffentlich")
# Renditions made in the background task queue (media/tasks.py) when a portrait or organisation
# is published or a public image saved, never on a client's request once the queue has drained:
# "all" = every filter of GRAPPLE["ALLOWED_IMAGE_FILTERS"] a client can ask for; or a list of
# filter specs; empty (tests): none.
PREPARED_RENDITIONS = env_list("PREPARED_RENDITIONS", "all")
if PREPARED_RENDITIONS == ["all"]:
    PREPARED_RENDITIONS = "all"

WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
GRAPHQL_MAX_DEPTH = env_int("GRAPHQL_MAX_DEPTH", 10)
GRAPHQL_MAX_ALIASES = env_int("GRAPHQL_MAX_ALIASES", 30)
# Reverse proxies in front of the app that append to X-Forwarded-For (nginx: 1). 0 = none, the
# socket address is the client. Rate limits are per client address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
GRAPHQL_RATE_LIMIT = env_int("GRAPHQL_RATE_LIMIT", 300)  # requests per window per IP
GRAPHQL_RATE_LIMIT_WINDOW = env_int("GRAPHQL_RATE_LIMIT_WINDOW", 60)  # seconds
NOMINATION_RATE_LIMIT = env_int("NOMINATION_RATE_LIMIT", 5)
NOMINATION_RATE_LIMIT_WINDOW = env_int("NOMINATION_RATE_LIMIT_WINDOW", 3600)
NOMINATION_RETENTION_DAYS = env_int("NOMINATION_RETENTION_DAYS", 180)

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
# What the environment said (None: nothing); dev falls back to the console instead of SMTP.
EMAIL_BACKEND_FROM_ENV = os.environ.get("EMAIL_BACKEND") or None
EMAIL_BACKEND = EMAIL_BACKEND_FROM_ENV or "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "engagiertestadt@dessau-rosslau.de")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # graphene logs every resolver error with a traceback; our view reports them.
        "graphql.execution.utils": {"level": "CRITICAL"},
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # one INFO line per login attempt otherwise
    },
}
GRAPHQL_MAX_COST = env_int("GRAPHQL_MAX_COST", 5000)
PREVIEW_TOKEN_MAX_AGE = env_int("PREVIEW_TOKEN_MAX_AGE", 3600)
GRAPHQL_MAX_SEARCH_HITS = env_int("GRAPHQL_MAX_SEARCH_HITS", 500)
# Query cost (cms/graphql/arguments.py, docs/api.md "Query cost") of a list field without a
# size argument, per item it may return: its bound in GRAPHQL_LIST_COSTS, any other (snippets,
# programmes, stream-field lists, ...) GRAPHQL_DEFAULT_LIST_COST.
GRAPHQL_DEFAULT_LIST_COST = env_int("GRAPHQL_DEFAULT_LIST_COST", 20)
# `search`: its hit cap. `translations`: one version per other content language. `areas`: a
# portrait's engagement areas (the network works in 7; the list of a whole page is read in one
# statement), GRAPHQL_AREAS_PER_PORTRAIT.
GRAPHQL_AREAS_PER_PORTRAIT = env_int("GRAPHQL_AREAS_PER_PORTRAIT", 10)
GRAPHQL_LIST_COSTS = {
    "search": GRAPHQL_MAX_SEARCH_HITS,
    "translations": len(WAGTAIL_CONTENT_LANGUAGES) - 1,
    "areas": GRAPHQL_AREAS_PER_PORTRAIT,
}
# Argument values (literals and variables), checked before anything runs: entries of a list
# (or an input object), characters of a string.
GRAPHQL_MAX_LIST_LENGTH = env_int("GRAPHQL_MAX_LIST_LENGTH", 100)
GRAPHQL_MAX_STRING_LENGTH = env_int("GRAPHQL_MAX_STRING_LENGTH", 10_000)
# Work graphql-core may spend checking that fields of one name can be merged (its default is
# 500,000, most of a second): ordinary queries need a few units.
GRAPHQL_MAX_MERGE_WORK = env_int("GRAPHQL_MAX_MERGE_WORK", 20_000)
GRAPHQL_MAX_SRCSET_SIZES = env_int("GRAPHQL_MAX_SRCSET_SIZES", 10)  # distinct sizes per srcSet
GRAPHQL_MAX_TOKENS = env_int("GRAPHQL_MAX_TOKENS", 5000)  # lexical tokens per document
GRAPHQL_MAX_DEFINITIONS = env_int("GRAPHQL_MAX_DEFINITIONS", 100)  # operations + fragments
# Per GraphQL request: each SQL statement (PostgreSQL `SET LOCAL statement_timeout`) and the
# whole execution; over either, the answer is a BAD_USER_INPUT error (HTTP 400).
GRAPHQL_STATEMENT_TIMEOUT_MS = env_int("GRAPHQL_STATEMENT_TIMEOUT_MS", 5000)
GRAPHQL_TIME_BUDGET_MS = env_int("GRAPHQL_TIME_BUDGET_MS", 10000)
# Seconds a public answer is cached (cms/graphql/cache.py). Needs a cache shared by all
# processes, so it is off unless REDIS_URL is set.
GRAPHQL_CACHE_SECONDS = env_int("GRAPHQL_CACHE_SECONDS", 60 if REDIS_URL else 0)
# Seconds a portrait list's order is kept per content generation, for its total and deep pages
# (pages/list_index.py); correct with any cache, as the generation lives in the database. 0: off.
PAGE_LIST_INDEX_SECONDS = env_int("PAGE_LIST_INDEX_SECONDS", 300)
# Automatic persisted queries (cms/graphql/persisted.py, docs/api-caching.md): a query longer
# than MAX_BYTES (UTF-8) is answered but not stored; at most SLOTS queries are stored at once,
# each for SECONDS. In the default cache (Redis: shared by all processes).
GRAPHQL_PERSISTED_QUERY_MAX_BYTES = env_int("GRAPHQL_PERSISTED_QUERY_MAX_BYTES", 20_000)
GRAPHQL_PERSISTED_QUERY_SLOTS = env_int("GRAPHQL_PERSISTED_QUERY_SLOTS", 4096)
GRAPHQL_PERSISTED_QUERY_SECONDS = env_int("GRAPHQL_PERSISTED_QUERY_SECONDS", 7 * 24 * 3600)
# GET answers: ETag and `max-age=0, must-revalidate`. With a purge-capable CDN configured
# (WAGTAILFRONTENDCACHE), CDN_MAX_AGE > 0 lets it keep them that many seconds (`s-maxage`); every
# content change then purges CDN_PURGE_URLS on commit (the CDN must treat the purge of /graphql/
# as a prefix ban). Bound for a withdrawal at the CDN: docs/api-caching.md.
# Varnish in front (deploy/varnish/default.vcl; docs/deployment.md): its address(es), banned
# once per committed content change, each ban given VARNISH_TIMEOUT seconds (a cache that is
# down or hangs is logged, never holds up the change). With Varnish, answers may stay there
# 60 s by default (the bound when a ban is lost; normally they are dropped at the commit).
VARNISH_URLS = env_list("VARNISH_URLS")
VARNISH_TIMEOUT = float(os.environ.get("VARNISH_TIMEOUT", "2"))
if VARNISH_URLS:
    WAGTAILFRONTENDCACHE = {
        f"varnish{index}": {
            "BACKEND": "cms.httpcache.VarnishBackend",
            "LOCATION": url,
            "TIMEOUT": VARNISH_TIMEOUT,
        }
        for index, url in enumerate(VARNISH_URLS)
    }
GRAPHQL_CDN_MAX_AGE = env_int("GRAPHQL_CDN_MAX_AGE", 60 if VARNISH_URLS else 0)
GRAPHQL_CDN_PURGE_URLS = env_list(
    "GRAPHQL_CDN_PURGE_URLS", f"{WAGTAILAPI_BASE_URL.rstrip('/')}/graphql/"
)

TASK_WORKER_IN_PROCESS = False  # dev.py: `make run` runs the worker inside runserver
SCHEDULER_IN_PROCESS = False  # dev.py: `make run` runs the publishing scheduler inside runserver
GRAPHIQL_ENABLED = False  # dev.py: GraphiQL at /graphiql/ (development only)
# A task RUNNING longer than this is taken as lost (its worker died) and queued again
# (webhooks/worker.py); every task must finish well within it (a webhook attempt: 13 s at most).
TASK_LEASE = env_int("TASK_LEASE", 300)  # seconds

# Webhooks (webhooks/, docs/webhooks.md). Endpoints must be HTTPS on public addresses; with
# WEBHOOK_ALLOW_LOOPBACK (development, tests) http://127.0.0.1 and other loopback URLs too.
WEBHOOK_ALLOW_LOOPBACK = env_bool("WEBHOOK_ALLOW_LOOPBACK")
WEBHOOK_CONNECT_TIMEOUT = float(os.environ.get("WEBHOOK_CONNECT_TIMEOUT", "3"))  # seconds
WEBHOOK_READ_TIMEOUT = float(os.environ.get("WEBHOOK_READ_TIMEOUT", "10"))  # seconds
WEBHOOK_MAX_RESPONSE_BYTES = env_int("WEBHOOK_MAX_RESPONSE_BYTES", 16 * 1024)  # read, then cut
# Seconds between a failed attempt and the next (Standard Webhooks' schedule, 27.6 hours in all).
WEBHOOK_RETRY_DELAYS = [
    int(seconds)
    for seconds in env_list("WEBHOOK_RETRY_DELAYS", "5,300,1800,7200,18000,36000,36000")
]
# An endpoint failing without a single success for this long is paused, Koordination told.
WEBHOOK_PAUSE_AFTER = env_int("WEBHOOK_PAUSE_AFTER", 24 * 3600)  # seconds
