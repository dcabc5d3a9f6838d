"""`/healthz/` for the city's monitoring: database and cache reachable, scheduler alive.

200 with `"status": "ok"` when the database and the cache answer, else 503. The scheduler's
last run is reported (from its heartbeat in the cache) but does not fail the check: a
monitoring rule decides how old is too old (it runs every minute).

The cache never raises (cms/cache.py): a value that does not come back is the failure. With
Redis down or hanging the answer takes at most one Redis timeout, then none while the breaker
is open; the outage itself is logged by the breaker, once.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

SCHEDULER_HEARTBEAT_KEY = "scheduler:last-run"


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    token = secrets.token_hex(8)
    cache.set("healthz", token, timeout=10)
    if cache.get("healthz") != token:
        raise RuntimeError("cache did not return the value just written")


@never_cache
@require_GET
def healthz(request):
    checks = {}
    for name, check in (("database", _database), ("cache", _cache)):
        try:
            check()
            checks[name] = "ok"
        except Exception as error:
            logger.warning("health check %s failed: %s", name, error)
            checks[name] = "error"
    healthy = all(value == "ok" for value in checks.values())
    body = {
        "status": "ok" if healthy else "error",
        **checks,
        "schedulerLastRun": cache.get(SCHEDULER_HEARTBEAT_KEY) if checks["cache"] == "ok" else None,
    }
    return JsonResponse(body, status=200 if healthy else 503)
