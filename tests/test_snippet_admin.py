"""The snippet listings of the admin: search finds partial names on both databases."""

import pytest

from tests.factories import (
    ContactPersonFactory,
    EngagementAreaFactory,
    OrganisationFactory,
    PartnerCityFactory,
)

FACTORIES = {
    "partnercity": PartnerCityFactory,
    "organisation": OrganisationFactory,
    "contactperson": ContactPersonFactory,
    "engagementarea": EngagementAreaFactory,
}


@pytest.mark.django_db
@pytest.mark.parametrize("model", sorted(FACTORIES))
def test_search_in_every_snippet_listing_finds_partial_names(client, people, model):
    FACTORIES[model](name="Gräfenhainichen Sonderfall")
    FACTORIES[model](name="Ganz anders")
    client.force_login(people["coordinator"])
    response = client.get(f"/admin/snippets/snippets/{model}/", {"q": "hainichen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gräfenhainichen Sonderfall" in html
    assert "Ganz anders" not in html
