"""/healthz/ for monitoring: real database and cache, scheduler heartbeat."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone


@pytest.mark.django_db
def test_healthy_service_answers_ok(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok" and body["cache"] == "ok"
    assert body["schedulerLastRun"] is None  # no run yet
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_scheduler_run_leaves_a_heartbeat(client):
    before = timezone.now()
    call_command("run_scheduler", "--once")
    last_run = datetime.datetime.fromisoformat(client.get("/healthz/").json()["schedulerLastRun"])
    assert before <= last_run <= timezone.now()


@pytest.mark.django_db
def test_unreachable_cache_is_reported_as_503(client, settings):
    unreachable = {
        "default": {
            "BACKEND": "cms.cache.RedisCache",  # as configured with REDIS_URL
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": settings.REDIS_OPTIONS,
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "ok",
        "cache": "error",
        "schedulerLastRun": None,
    }
