"""The committed schema is the reviewed one: regenerate it with `make schema`."""

from pathlib import Path

import pytest
from graphql import print_schema

from cms.graphql.schema import schema

SNAPSHOT = Path(__file__).parent / "snapshots" / "schema.graphql"

# Names that partner websites code against (docs/api.md); they must never disappear.
CONTRACT = {
    "Query": [
        "portraits",
        "portrait",
        "programmes",
        "programme",
        "campaign",
        "partnerCities",
        "organisations",
        "contacts",
        "engagementAreas",
        "page",
        "pages",
        "search",
        "images",
        "documents",
        "site",
    ],
    "PortraitPage": [
        "id",
        "slug",
        "title",
        "url",
        "urlPath",
        "name",
        "kind",
        "quote",
        "teaser",
        "body",
        "town",
        "areas",
        "photo",
        "firstPublishedAt",
        "lastPublishedAt",
    ],
    "ProgrammePage": [
        "id",
        "slug",
        "title",
        "url",
        "teaser",
        "body",
        "externalUrl",
        "funders",
        "contact",
    ],
    "CampaignPage": [
        "id",
        "slug",
        "title",
        "url",
        "launchDate",
        "intro",
        "nominationCall",
        "contact",
    ],
    "PartnerCity": ["name", "slug", "memberSince", "website", "isCoordinating", "contact"],
    "Organisation": ["name", "slug", "role", "website", "logo"],
    "ContactPerson": [
        "name",
        "role",
        "department",
        "street",
        "postcode",
        "city",
        "phone",
        "fax",
        "email",
    ],
    "EngagementArea": ["name", "slug", "description"],
    "Image": ["id", "url", "alt", "credit", "width", "height", "focalPoint", "rendition", "srcSet"],
    "PortraitPagePaginatedType": ["items", "pagination"],
    "PaginationType": [
        "total",
        "count",
        "perPage",
        "currentPage",
        "prevPage",
        "nextPage",
        "totalPages",
    ],
}


def test_schema_matches_the_committed_snapshot():
    assert print_schema(schema.graphql_schema) == SNAPSHOT.read_text(), (
        "The GraphQL schema changed. Review the change, then run `make schema`."
    )


@pytest.mark.parametrize("type_name", sorted(CONTRACT))
def test_contract_fields_exist(type_name):
    fields = schema.graphql_schema.type_map[type_name].fields
    assert set(CONTRACT[type_name]) <= set(fields)


def test_portraits_arguments_follow_the_contract():
    args = schema.graphql_schema.query_type.fields["portraits"].args
    assert {"town", "area", "kind", "searchQuery", "order", "page", "perPage"} <= set(args)
    assert str(args["perPage"].type) == "PositiveInt"
