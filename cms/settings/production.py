"""Production: refuses to start without the variables it cannot invent. Like dev, it reads no
environment itself: base has read it."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    DATABASE_CONN_MAX_AGE,
    DATABASE_POOL_MAX_SIZE,
    DATABASES,
    EMBEDDED_DATABASE,
    HSTS_SECONDS,
    SECRET_KEY,
)

DEBUG = False

for _name, _missing in (
    ("SECRET_KEY", not SECRET_KEY),
    ("ALLOWED_HOSTS", not ALLOWED_HOSTS),
    ("DATABASE_URL", EMBEDDED_DATABASE),
):
    if _missing:
        raise ImproperlyConfigured(f"Production needs the environment variable {_name}.")

# Persistent database connections (each gunicorn worker keeps its own): a request of one statement
# (a response-cache hit reads the content generation) does not open a new PostgreSQL connection.
# Health checks replace a connection the server closed (restart, failover) before it is used.
# With a pool (DATABASE_POOL_MAX_SIZE) the pool keeps and checks them instead.
if DATABASE_CONN_MAX_AGE is None and not DATABASE_POOL_MAX_SIZE:  # unset: a minute
    for _database in DATABASES.values():
        _database["CONN_MAX_AGE"] = 60
for _database in DATABASES.values():
    _database["CONN_HEALTH_CHECKS"] = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# HSTS: browsers use only HTTPS for this host for a year (SECURE_HSTS_SECONDS=0 turns it off, e.g.
# while testing the TLS setup). Sent on HTTPS answers only (SECURE_PROXY_SSL_HEADER).
SECURE_HSTS_SECONDS = 31536000 if HSTS_SECONDS is None else HSTS_SECONDS
