"""Schemathesis in GraphQL mode against the real /graphql/ endpoint (the whole WSGI stack,
in-process): generated queries and mutations for every root field never get a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from graphql import get_introspection_query, graphql_sync
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from cms.graphql.schema import schema as served_schema
from tests.factories import EngagementAreaFactory, ImageFactory, PortraitPageFactory, publish


def _load_schema():
    """The served schema, introspected without a request: on PostgreSQL every request to
    /graphql/ opens a transaction (statement timeout), and collection may not use the database.
    The generated cases are then sent through the real WSGI stack."""
    introspection = graphql_sync(served_schema.graphql_schema, get_introspection_query())
    loaded = schemathesis.graphql.from_dict(introspection.data)
    loaded.app = get_wsgi_application()
    loaded.location = "/graphql/"
    return loaded


schema = _load_schema()


@pytest.fixture
def content(tree):
    area = EngagementAreaFactory(name="Klimaschutz", slug="klimaschutz")
    for town in tree.sections.values():
        page = PortraitPageFactory(parent=town, photo=ImageFactory())
        page.areas.set([area])
        publish(page)
    return tree


@pytest.mark.fuzz
@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error(case, content, django_settings_for_fuzz):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500, response.text[:500]
    # A resolver that crashed is a server error too, even inside an HTTP 200.
    errors = response.json().get("errors") or []
    assert not [e for e in errors if e["extensions"]["code"] == "INTERNAL_SERVER_ERROR"], errors


@pytest.fixture
def django_settings_for_fuzz(settings):
    settings.GRAPHQL_RATE_LIMIT = 100_000
    settings.NOMINATION_RATE_LIMIT = 100_000
    # The raw WSGI handler closes database connections at the end of each request, as in
    # production; inside a test transaction that would close it under the test (PostgreSQL).
    # Django's test client does the same disconnecting.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield settings
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
