"""Production: refuses to start without the variables it cannot invent."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_int

DEBUG = False

for _required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not os.environ.get(_required):
        raise ImproperlyConfigured(f"Production needs the environment variable {_required}.")

# Persistent database connections (each gunicorn worker keeps its own): a request of one statement
# (a response-cache hit reads the content generation) does not open a new PostgreSQL connection.
# Health checks replace a connection the server closed (restart, failover) before it is used.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
GRAPHIQL_ENABLED = False
SCHEDULER_IN_PROCESS = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# HSTS: browsers use only HTTPS for this host for a year (0 turns it off, e.g. while testing
# the TLS setup). Sent on HTTPS answers only (SECURE_PROXY_SSL_HEADER).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
