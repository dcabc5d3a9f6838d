"""Tests: fast hashing, in-memory email, temporary media (set by conftest); Redis cache when
REDIS_URL is set, else an in-memory cache."""

from .base import *  # noqa: F403
from .base import REDIS_URL, RENDITIONS_CACHE

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not REDIS_URL:  # CI's PostgreSQL run sets REDIS_URL and tests against the real Redis
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": RENDITIONS_CACHE,
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
GRAPHIQL_ENABLED = False
SCHEDULER_IN_PROCESS = False
CORS_ALLOWED_ORIGINS = ["https://www.bitterfeld-wolfen.de"]
GRAPHQL_CACHE_SECONDS = 0  # tests/test_response_cache.py turns it on
# Image work only where a test asks for it (tests/test_renditions_background.py: "all").
PREPARED_RENDITIONS = []
# Tests run real webhook receivers on 127.0.0.1 (tests/test_webhooks*.py).
WEBHOOK_ALLOW_LOOPBACK = True
