"""Limits and errors (docs/api.md, "Errors"): clean client errors with codes, never a 5xx.

What a query may ask for (orders, page sizes, depth, aliases, cost, image sizes, ids) and what it
costs the database. Who may ask how often: tests/test_api_clients.py; what a request may look
like: tests/test_api_requests.py.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import EngagementAreaFactory, ImageFactory, PortraitPageFactory, publish
from tests.helpers.graphql_client import codes


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        '{ portraits(order: "owner__password") { items { slug } } }',
        '{ pages(order: "owner__password") { slug } }',
        '{ pages(order: "-owner__username,title") { slug } }',
        '{ campaign { children(order: "latest_revision__content") { slug } } }',
        '{ images(order: "uploaded_by_user__password") { title } }',
    ],
)
def test_unknown_order_is_a_clean_bad_user_input_error(graphql, tree, query):
    errors = graphql.errors(query)
    assert codes(errors) == {"BAD_USER_INPUT"}
    message = errors[0]["message"]
    assert "Unbekannte Sortierung" in message
    # No model field names leak through the message.
    for leaked in ("owner", "password", "Choices are", "latest_revision"):
        assert leaked not in message


@pytest.mark.django_db
@pytest.mark.parametrize(
    "order, expected",
    [
        ("title", ["Anton", "Berta"]),
        ("-title", ["Berta", "Anton"]),
        ("first_published_at", ["Berta", "Anton"]),  # published first, listed first
        ("-first_published_at", ["Anton", "Berta"]),
    ],
)
def test_contract_orders_are_accepted(graphql, tree, order, expected):
    for name in ("Berta", "Anton"):
        publish(PortraitPageFactory(parent=tree.dessau_section, name=name))
    items = graphql.data(
        "query($o: String) { portraits(order: $o) { items { title } } }", {"o": order}
    )["portraits"]["items"]
    assert [i["title"] for i in items] == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, argument",
    [
        ("{ portraits(perPage: 101) { items { slug } } }", "perPage"),
        ("{ portraits(perPage: 0) { items { slug } } }", "perPage"),
        ("{ portraits(page: 0) { items { slug } } }", "page"),
        ("{ pages(limit: 500) { slug } }", "limit"),
        ("{ images(limit: 101) { id } }", "limit"),
    ],
)
def test_page_size_over_the_limit_is_an_error_not_a_clamp(graphql, tree, query, argument):
    errors = graphql.errors(query)
    assert codes(errors) == {"BAD_USER_INPUT"}
    assert errors[0]["extensions"]["argument"] == argument


@pytest.mark.django_db
def test_per_page_100_is_allowed(graphql, tree):
    data = graphql.data("{ portraits(perPage: 100) { pagination { perPage } } }")
    assert data["portraits"]["pagination"]["perPage"] == 100


@pytest.mark.django_db
def test_unknown_field_is_a_validation_error_with_http_400(graphql, tree):
    response = graphql.post("{ portraits { items { password } } }")
    assert response.status_code == 400
    assert codes(response.json()["errors"]) == {"GRAPHQL_VALIDATION_FAILED"}


@pytest.mark.django_db
def test_too_deep_query_is_rejected(graphql, tree, settings):
    settings.GRAPHQL_MAX_DEPTH = 10
    nested = "parent { " * 12 + "slug" + " }" * 12
    response = graphql.post("{ campaign { %s } }" % nested)
    assert response.status_code == 400
    assert codes(response.json()["errors"]) == {"GRAPHQL_VALIDATION_FAILED"}


@pytest.mark.django_db
def test_too_many_aliases_are_rejected(graphql, tree, settings):
    aliases = " ".join(f"a{i}: campaign {{ slug }}" for i in range(31))
    response = graphql.post("{ %s }" % aliases)
    assert response.status_code == 400
    assert "Aliase" in response.json()["errors"][0]["message"]
    assert codes(response.json()["errors"]) == {"GRAPHQL_VALIDATION_FAILED"}


@pytest.mark.django_db
def test_too_costly_query_is_rejected(graphql, tree, settings):
    settings.GRAPHQL_MAX_COST = 200
    query = "{ portraits(perPage: 100) { items { slug title name town { slug } } } }"
    response = graphql.post(query)
    assert response.status_code == 400
    assert "aufwendig" in response.json()["errors"][0]["message"]
    settings.GRAPHQL_MAX_COST = 5000
    assert graphql.post(query).status_code == 200


@pytest.mark.django_db
def test_rendition_only_for_allowed_filters(graphql, tree):
    photo = ImageFactory(title="Foto")
    publish(PortraitPageFactory(parent=tree.dessau_section, slug="mit-foto", photo=photo))
    data = graphql.data(
        '{ portrait(slug: "mit-foto") { photo { alt credit '
        'rendition(fill: "400x400") { url width } } } }'
    )
    rendition = data["portrait"]["photo"]["rendition"]
    assert rendition["width"] == 400
    assert data["portrait"]["photo"]["alt"] == "Ein Beispielbild"
    errors = graphql.errors(
        '{ portrait(slug: "mit-foto") { photo { rendition(fill: "3999x3999") { url } } } }'
    )
    assert codes(errors) == {"BAD_USER_INPUT"}
    assert "3999" in errors[0]["message"]


@pytest.mark.django_db
def test_src_set_only_for_allowed_sizes(graphql, tree):
    photo = ImageFactory(title="Foto")
    publish(PortraitPageFactory(parent=tree.dessau_section, slug="mit-foto", photo=photo))
    data = graphql.data(
        '{ portrait(slug: "mit-foto") { photo { srcSet(sizes: [400, 800], format: "webp") } } }'
    )
    assert data["portrait"]["photo"]["srcSet"].count("w,") == 1
    errors = graphql.errors('{ portrait(slug: "mit-foto") { photo { srcSet(sizes: [123]) } } }')
    assert codes(errors) == {"BAD_USER_INPUT"}
    # The error names the widths that are allowed, so a developer can fix the query from it.
    assert errors[0]["message"].endswith("Erlaubt: 400, 800, 1200, 1600."), errors
    errors = graphql.errors(
        '{ portrait(slug: "mit-foto") { photo { srcSet(sizes: [320, 640], format: "webp") } } }'
    )
    assert "320, 640" in errors[0]["message"]
    assert "Erlaubt: 400, 800, 1200, 1600." in errors[0]["message"]


def _portrait_list_queries(graphql, per_page):
    query = """query($n: PositiveInt) { portraits(perPage: $n) { items {
        slug town { name slug contact { name } } areas { slug }
        photo { url alt rendition(fill: "400x400") { url } } } } }"""
    with CaptureQueriesContext(connection) as ctx:
        data = graphql.data(query, {"n": per_page})
    assert len(data["portraits"]["items"]) == per_page
    # Data queries only: on PostgreSQL each request also sets its statement timeout (and, inside
    # the test's transaction, a savepoint around it).
    control = ("SET LOCAL", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
    return sum(1 for q in ctx.captured_queries if not q["sql"].startswith(control))


@pytest.mark.django_db
def test_portrait_list_runs_a_constant_number_of_queries(graphql, tree):
    areas = [EngagementAreaFactory() for _ in range(3)]
    sections = list(tree.sections.values())
    for i in range(30):
        page = PortraitPageFactory(parent=sections[i % 2], photo=ImageFactory())
        page.areas.set(areas[: 1 + i % 3])
        publish(page)
    _portrait_list_queries(graphql, 30)  # renditions are made once, on the first request
    few = _portrait_list_queries(graphql, 5)
    many = _portrait_list_queries(graphql, 30)
    assert few == many, (few, many)
    assert many <= 6


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        '{ portrait(id: "99999999999999999999") { id } }',
        '{ programme(id: "99999999999999999999") { id } }',
        "{ portraits(id: 99999999999999999999999) { items { id } } }",
        "{ page(id: 99999999999999999999) { id } }",
        '{ image(id: "abc") { id } }',
    ],
)
def test_impossible_ids_are_a_clean_client_error(graphql, tree, query):
    response = graphql.post(query)
    assert response.status_code == 200
    assert codes(response.json()["errors"]) == {"BAD_USER_INPUT"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, variables",
    [
        # Variables count with their values: 100 at each of three levels is over the limit.
        (
            "query($n: PositiveInt) { pages(limit: $n) { children(limit: $n) "
            "{ children(limit: $n) { id title slug } } } }",
            {"n": 100},
        ),
        # A list without a size argument counts its default page size (12), not 1.
        (
            "{ pages { children { children { children { id title slug url urlPath } } } } }",
            None,
        ),
    ],
)
def test_cost_limit_is_not_bypassed_by_variables_or_defaults(graphql, tree, query, variables):
    response = graphql.post(query, variables)
    assert response.status_code == 400
    assert codes(response.json()["errors"]) == {"GRAPHQL_VALIDATION_FAILED"}


CONTRACT_LIST = """query($n: PositiveInt) { portraits(perPage: $n) { items {
    id slug title url urlPath name kind quote teaser town { slug name } areas { slug name }
    photo { url alt width height srcSet(sizes: [400]) } firstPublishedAt lastPublishedAt }
  pagination { total count perPage currentPage prevPage nextPage totalPages } } }"""


@pytest.mark.django_db
def test_a_page_size_sent_as_a_variable_is_priced_by_its_value(graphql, tree, settings):
    """Issue 19, item 8: `perPage: $n` with n = 2 was priced at 100 and refused."""
    for name in ("Anton", "Berta", "Carla"):
        publish(PortraitPageFactory(parent=tree.dessau_section, name=name))
    data = graphql.data(CONTRACT_LIST, {"n": 2})
    assert len(data["portraits"]["items"]) == 2
    assert data["portraits"]["pagination"]["perPage"] == 2
    assert graphql.data(CONTRACT_LIST, {"n": 100})["portraits"]["pagination"]["total"] == 3
    assert graphql.data(CONTRACT_LIST)["portraits"]["pagination"]["perPage"] == 12
    settings.GRAPHQL_MAX_COST = 200  # 2 portraits fit, 12 (the default) do not
    assert graphql.data(CONTRACT_LIST, {"n": 2})
    assert "aufwendig" in graphql.errors(CONTRACT_LIST)[0]["message"]
    response = graphql.post(CONTRACT_LIST, {"n": 101})
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "perPage"}
