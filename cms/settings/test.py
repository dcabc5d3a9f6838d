"""Tests: fast hashing, in-memory email, temporary media (set by conftest); Redis cache when
REDIS_URL is set, else an in-memory cache."""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CACHES, PUBLIC_SITE_URL, REDIS_URL, RENDITIONS_CACHE


def per_test_process(url):
    """The Redis URL of this test process. `make test` runs the suite in parallel processes
    (pytest-xdist: gw0, gw1, …), each with its own test database and its own Redis database
    (the configured one minus the worker's number): a test's `cache.clear()` flushes only its
    own. Processes a test starts inherit PYTEST_XDIST_WORKER and get the same database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) - int(worker[2:])
    if database < 0:
        raise ValueError(f"no Redis database left for test process {worker} below {url}")
    return urlunsplit(parts._replace(path=f"/{database}"))


# Tests that need a real Redis even on the SQLite run (tests/test_concurrency.py) use this one:
# REDIS_URL's, else TEST_REDIS_URL (.ci/run gives the SQLite run, beside the PostgreSQL run, a
# Redis of its own).
TEST_REDIS_URL = per_test_process(
    REDIS_URL or os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
)

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PUBLIC_SITE_URL = PUBLIC_SITE_URL or "http://localhost:3000"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not REDIS_URL:  # CI's PostgreSQL run sets REDIS_URL and tests against the real Redis
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": RENDITIONS_CACHE,
    }
else:
    CACHES["default"]["LOCATION"] = TEST_REDIS_URL
# Local files whatever the environment says; tests/test_media_s3.py switches to its own SeaweedFS.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "renditions": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CORS_ALLOWED_ORIGINS = ["https://www.bitterfeld-wolfen.de"]
GRAPHQL_CACHE_SECONDS = 0  # tests/test_response_cache.py turns it on
# Image work only where a test asks for it (tests/test_renditions_background.py: "all").
PREPARED_RENDITIONS = []
# Tests run real webhook receivers on 127.0.0.1 (tests/test_webhooks*.py).
WEBHOOK_ALLOW_LOOPBACK = True
