"""Development: embedded SQLite, local media, console email, GraphiQL."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, CORS_ALLOWED_ORIGINS, SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]
CORS_ALLOWED_ORIGINS = CORS_ALLOWED_ORIGINS or ["http://localhost:3000"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
GRAPHIQL_ENABLED = True
# `make run` also runs the publishing scheduler inside the server process.
SCHEDULER_IN_PROCESS = True
