"""Development: embedded SQLite, local media, console email (unless EMAIL_BACKEND is set),
GraphiQL."""

from cms.secret_key import installation_secret_key

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    CONTENT_SECURITY_POLICY,
    CORS_ALLOWED_ORIGINS,
    EMAIL_BACKEND_FROM_ENV,
    PUBLIC_SITE_URL,
    SECRET_KEY,
    VAR_DIR,
)

DEBUG = True
# Without SECRET_KEY in the environment: this installation's own key, made on first run.
SECRET_KEY = SECRET_KEY or installation_secret_key(VAR_DIR / "secret_key")
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]
CORS_ALLOWED_ORIGINS = CORS_ALLOWED_ORIGINS or ["http://localhost:3000"]
# The public site a front end serves during development (the CORS origin above).
PUBLIC_SITE_URL = PUBLIC_SITE_URL or "http://localhost:3000"
# Mails to the console unless EMAIL_BACKEND says otherwise (e.g. SMTP to try real delivery).
EMAIL_BACKEND = EMAIL_BACKEND_FROM_ENV or "django.core.mail.backends.console.EmailBackend"
GRAPHIQL_ENABLED = True
# GraphiQL's page has an inline script and style (its scripts are served by the app itself):
# no Content-Security-Policy for it (development only).
CONTENT_SECURITY_POLICY = {**CONTENT_SECURITY_POLICY, "EXCLUDE_URL_PREFIXES": ["/graphiql/"]}
# `make run` also runs the publishing scheduler inside the server process.
SCHEDULER_IN_PROCESS = True
# Webhooks to a receiver on this machine (http://127.0.0.1:…); the task worker in-process.
WEBHOOK_ALLOW_LOOPBACK = True
TASK_WORKER_IN_PROCESS = True
