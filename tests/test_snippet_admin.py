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


@pytest.mark.django_db
@pytest.mark.parametrize("model", sorted(FACTORIES))
def test_editors_see_only_published_snippets_in_the_listings(client, people, model):
    FACTORIES[model](name="Veröffentlicht im Netz")
    FACTORIES[model](name="Geheimer Entwurf", live=False)
    client.force_login(people["dessau_editor"])
    html = client.get(f"/admin/snippets/snippets/{model}/").content.decode()
    assert "Veröffentlicht im Netz" in html
    assert "Geheimer Entwurf" not in html
    client.force_login(people["coordinator"])
    assert "Geheimer Entwurf" in client.get(f"/admin/snippets/snippets/{model}/").content.decode()
