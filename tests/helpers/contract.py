"""Shared by the contract test modules (test_contract_*.py): what the demo's content says, and
the error codes of a GraphQL answer.

The modules' `api` fixture (imported by each) asks for the demo: it is seeded once for the
module (the `demo` fixture, tests/helpers/demo_db.py; consecutive modules share it); each test
runs in a savepoint inside that transaction."""

import pytest

from tests.demo_expectations import TOWNS as TOWNS_BY_SLUG

COORDINATOR_EMAIL = "engagiertestadt@dessau-rosslau.de"
TOWNS = set(TOWNS_BY_SLUG.values())
CONTACT_FIELDS = "name role department street postcode city phone fax email"


def error_codes(errors):
    return {error.get("extensions", {}).get("code") for error in errors}


@pytest.fixture
def api(demo, db, graphql):
    """The GraphQL client on the demo (see above)."""
    return graphql
