"""Roles through the real admin URLs: the German groups and workflow, town editors kept to
their town, editors who cannot publish, snippets for the coordination only."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.factories import publish
from tests.helpers.admin import assert_forbidden, draft_portrait, edit_url
from tests.helpers.editorial import as_user


@pytest.mark.django_db
def test_groups_and_workflow_exist_in_german(tree):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Redaktion", "Koordination", "Redaktion Dessau-Roßlau"} <= names
    assert not {"Editors", "Moderators"} & names
    workflow = tree.campaign.get_workflow()
    assert workflow.name == "Glücksbringer-Freigabe"
    assert [type(t.specific).__name__ for t in workflow.tasks] == [
        "ConsentTask",
        "GroupApprovalTask",
    ]


@pytest.mark.django_db
def test_town_editor_edits_own_town_only(client, tree, people):
    own = draft_portrait(tree, "dessau-rosslau")
    other = draft_portrait(tree, "lutherstadt-wittenberg")
    client = as_user(client, people["dessau_editor"])
    assert client.get(edit_url(own)).status_code == 200
    assert_forbidden(client.get(edit_url(other)))
    assert_forbidden(client.post(edit_url(other), {"title": "übernommen"}))
    other.refresh_from_db()
    assert other.title != "übernommen"
    add_other = reverse(
        "wagtailadmin_pages:add",
        args=("pages", "portraitpage", tree.sections["lutherstadt-wittenberg"].pk),
    )
    assert_forbidden(client.get(add_other))
    add_own = reverse(
        "wagtailadmin_pages:add",
        args=("pages", "portraitpage", tree.dessau_section.pk),
    )
    assert client.get(add_own).status_code == 200


@pytest.mark.django_db
def test_town_editor_cannot_see_other_towns_drafts(client, tree, people):
    own = draft_portrait(tree, "dessau-rosslau", title="Eigener Entwurf")
    other = draft_portrait(tree, "lutherstadt-wittenberg", title="Fremder Entwurf")
    client = as_user(client, people["dessau_editor"])
    other_section = tree.sections["lutherstadt-wittenberg"]
    # The explorer sends a town editor back to the root of what they may explore: their town.
    response = client.get(reverse("wagtailadmin_explore", args=(other_section.pk,)))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=(tree.dessau_section.pk,))
    assert_forbidden(client.get(reverse("wagtailadmin_pages:preview_on_edit", args=(other.pk,))))
    assert_forbidden(client.get(reverse("wagtailadmin_pages:history", args=(other.pk,))))
    found = client.get(reverse("wagtailadmin_pages:search"), {"q": "Entwurf"})
    assert found.status_code == 200
    assert own.title in found.content.decode()
    assert other.title not in found.content.decode()


@pytest.mark.django_db
def test_editor_cannot_publish_or_unpublish(client, tree, people):
    live = publish(draft_portrait(tree))
    client = as_user(client, people["editor"])
    assert client.get(edit_url(live)).status_code == 200
    unpublish = reverse("wagtailadmin_pages:unpublish", args=(live.pk,))
    assert_forbidden(client.post(unpublish))
    live.refresh_from_db()
    assert live.live
    draft = draft_portrait(tree)
    assert not draft.permissions_for_user(people["editor"]).can_publish()
    data = nested_form_data(
        {
            "title": draft.title,
            "slug": draft.slug,
            "name": draft.name,
            "kind": "person",
            "quote": draft.quote,
            "teaser": draft.teaser,
            "body": streamfield([]),
            "areas": [],
            "action-publish": "action-publish",
        }
    )
    client.post(edit_url(draft), data)
    draft.refresh_from_db()
    assert not draft.live
    assert draft.first_published_at is None
    # The form was accepted (a draft revision by the editor was saved), only publishing was not.
    assert draft.latest_revision.user == people["editor"]


@pytest.mark.django_db
def test_snippets_are_managed_by_coordination_only(client, tree, people):
    url = reverse("wagtailsnippets_snippets_partnercity:edit", args=(tree.dessau.pk,))
    assert_forbidden(as_user(client, people["editor"]).get(url))
    assert as_user(client, people["coordinator"]).get(url).status_code == 200
