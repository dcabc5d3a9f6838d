"""Preview tokens: a token shows its draft and nothing else, expires, and dies with the
consent."""

import pytest
from django.urls import reverse

from tests.helpers.admin import draft_portrait
from tests.helpers.editorial import as_user


@pytest.mark.django_db
def test_preview_token_shows_the_draft_and_nothing_else(client, graphql, tree, people):
    import re

    page = draft_portrait(tree, title="Entwurfstitel")
    page.save_revision(user=people["editor"])
    response = as_user(client, people["editor"]).get(
        reverse("editorial_preview_token", args=(page.pk,))
    )
    assert response.status_code == 200
    token = re.search(r'data-testid="preview-token">([^<]+)<', response.content.decode()).group(1)
    query = "query($t: String) { portrait(token: $t) { title } page(token: $t) { title } }"
    data = graphql.data(query, {"t": token})
    assert data["portrait"] == {"title": "Entwurfstitel"}
    assert data["page"] == {"title": "Entwurfstitel"}
    assert graphql.data(query, {"t": token + "x"}) == {"portrait": None, "page": None}
    # Nothing else reveals the draft.
    assert graphql.data("{ portraits { items { title } } }")["portraits"]["items"] == []


@pytest.mark.django_db
def test_preview_token_expires(graphql, tree, settings):
    from cms.graphql.preview import make_token

    page = draft_portrait(tree, title="Alt")
    page.save_revision()
    token = make_token(page)
    settings.PREVIEW_TOKEN_MAX_AGE = -1
    assert graphql.data("query($t: String) { portrait(token: $t) { title } }", {"t": token}) == {
        "portrait": None
    }


@pytest.mark.django_db
def test_preview_token_dies_with_the_consent(graphql, tree, people):
    from cms.graphql.preview import make_token

    page = draft_portrait(tree, title="Widerrufen")
    page.save_revision()
    token = make_token(page)
    query = "query($t: String) { portrait(token: $t) { title } }"
    assert graphql.data(query, {"t": token})["portrait"] == {"title": "Widerrufen"}
    page.withdraw_consent(by=people["coordinator"])
    assert graphql.data(query, {"t": token})["portrait"] is None
