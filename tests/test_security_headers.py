"""Security headers: a Content-Security-Policy on every answer (strict for the API and our own
pages, the least the Wagtail admin needs there: see test_security_headers_browser.py) and HSTS
in production."""

import base64
import hashlib
import os
import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.helpers.processes import setting_in_a_new_process

CSP = "Content-Security-Policy"


def directives(response):
    policy = response[CSP]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/graphql/?query={__typename}", "/healthz/", "/gibt-es-nicht/", "/documents/1/x.pdf"],
)
def test_api_and_public_answers_load_nothing(client, tree, url):
    response = client.get(url, HTTP_ACCEPT="application/json")
    policy = directives(response)
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response[CSP]
    assert "'unsafe-eval'" not in response[CSP]


@pytest.mark.django_db
def test_graphql_post_answers_carry_the_strict_policy(graphql, tree):
    response = graphql.post("{ __typename }")
    assert response.status_code == 200
    assert directives(response)["default-src"] == ["'none'"]


@pytest.mark.django_db
def test_our_html_pages_style_themselves_by_the_hash_of_their_style(client, tree):
    response = client.get("/gibt-es-nicht/", HTTP_ACCEPT="text/html")
    style = re.search(r"<style>(.*?)</style>", response.content.decode(), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert directives(response)["style-src"] == [f"'sha256-{digest}'"]


@pytest.mark.django_db
def test_admin_allows_only_its_own_origin_and_no_eval(client, people):
    for response in (
        client.get(reverse("wagtailadmin_login")),
        client.force_login(people["coordinator"]) or client.get(reverse("wagtailadmin_home")),
    ):
        assert response.status_code == 200
        policy = directives(response)
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert "'unsafe-eval'" not in response[CSP]


def production_setting(name, **env):
    """A setting as cms.settings.production computes it from the environment."""
    environment = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "cms.example.org",
        "DATABASE_URL": "postgres://cms@127.0.0.1:5432/cms",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        **env,
    }
    return setting_in_a_new_process(name, environment)


def test_production_sends_hsts_for_a_year_by_default():
    assert production_setting("SECURE_HSTS_SECONDS") == "31536000"
    assert production_setting("SECURE_HSTS_SECONDS", SECURE_HSTS_SECONDS="0") == "0"
    assert production_setting("SECURE_HSTS_SECONDS", SECURE_HSTS_SECONDS="600") == "600"


def test_development_sends_no_hsts():
    assert settings.SECURE_HSTS_SECONDS == 0


@pytest.mark.django_db
def test_hsts_header_on_https_answers(client, tree, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/healthz/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"
