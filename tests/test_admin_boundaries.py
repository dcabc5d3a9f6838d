"""Town boundaries hold in the whole admin: a town editor reads no other town's unpublished
title and no consent-form title in any admin view they can open. Each test also asks the
coordinator, who may read everything, so that it shows the strings would be there.

The town editor is an editor of Dessau-Roßlau (its section made in the page tree, its group by
editorial.signals) and, in a second run of each test, of a fifth town made by `add_town`.
"""

import io
import json
import types
from urllib.parse import urlencode

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, Locale

from cms import roles
from pages.models import TownSectionPage
from tests.factories import (
    DocumentFactory,
    ImageFactory,
    PartnerCityFactory,
    PortraitPageFactory,
    TownSectionPageFactory,
    publish,
)

OTHER_TOWN = "lutherstadt-wittenberg"
DRAFT_TITLE = "Wittenberger Entwurf Zeisig"
NEWER_DRAFT_TITLE = "Wittenberger Neufassung Stieglitz"
LIVE_TITLE = "Wittenberger Porträt Amsel"
CONSENT_TITLE = "Einwilligung Zaunkönig"
OWN_DRAFT_TITLE = "Eigener Entwurf Gimpel"


@pytest.fixture(params=["Dessau-Roßlau", "Köthen (Anhalt)"])
def own_town(request, tree):
    """The town editor's town: Dessau-Roßlau of the tree, or a fifth town made by add_town."""
    name = request.param
    if name == "Dessau-Roßlau":
        return types.SimpleNamespace(name=name, section=tree.dessau_section)
    call_command("add_town", name, stdout=io.StringIO())
    section = TownSectionPage.objects.get(town__name=name, locale=Locale.get_default())
    return types.SimpleNamespace(name=name, section=section)


@pytest.fixture
def people(make_user, tree, own_town):
    """One user per role; the town editor in the group of their town (`own_town`)."""
    return {
        "editor": make_user("redaktion", roles.EDITORS),
        "coordinator": make_user("koordination", roles.COORDINATORS),
        "town_editor": make_user("redaktion-stadt", roles.town_editor_group_name(own_town.name)),
    }


@pytest.fixture
def secrets(tree):
    """Another town's draft portrait, a live portrait of that town with a newer draft title,
    and a signed consent form."""
    section = tree.sections[OTHER_TOWN]
    draft = PortraitPageFactory(parent=section, title=DRAFT_TITLE)
    live = publish(PortraitPageFactory(parent=section, title=LIVE_TITLE))
    live.title = NEWER_DRAFT_TITLE
    live.save_revision()
    consent = DocumentFactory(
        title=CONSENT_TITLE,
        collection=Collection.objects.get(name="Einwilligungen"),  # made by a migration
        file=ContentFile(b"unterschrieben", name="einwilligung.txt"),
    )
    return {"draft": draft, "live": live, "consent": consent, "section": section}


SECRET_TITLES = (DRAFT_TITLE, NEWER_DRAFT_TITLE, CONSENT_TITLE)


def html_as(client, user, url):
    client.force_login(user)
    response = client.get(url)
    if response.get("Content-Type", "").startswith("application/json"):  # the modal choosers
        return response.status_code, json.dumps(response.json(), ensure_ascii=False)
    return response.status_code, response.content.decode()


def assert_hidden_from_town_editor(client, people, url, *titles, coordinator_status=200):
    """The town editor gets no page that names any of `titles`; the coordinator sees them."""
    status, html = html_as(client, people["town_editor"], url)
    assert status in (200, 404), status
    for title in titles:
        assert title not in html, (url, title)
    status, html = html_as(client, people["coordinator"], url)
    assert status == coordinator_status
    for title in titles:
        assert title in html, (url, title)


def bulk_url(app_label, model_name, action, *objects):
    url = reverse("wagtail_bulk_action", args=(app_label, model_name, action))
    return url + "?" + urlencode([("id", obj.pk) for obj in objects])


# --- Page chooser ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_chooser_browsing_another_town(client, people, secrets):
    url = reverse("wagtailadmin_choose_page_child", args=(secrets["section"].pk,))
    assert_hidden_from_town_editor(client, people, url, DRAFT_TITLE, NEWER_DRAFT_TITLE)
    # The section itself and its unchanged live pages stay choosable (public anyway).
    status, html = html_as(client, people["town_editor"], url)
    assert status == 200
    assert "Lutherstadt Wittenberg" in html


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["draft", "live"])
def test_page_chooser_browsing_below_a_hidden_page(client, people, secrets, page):
    url = reverse("wagtailadmin_choose_page_child", args=(secrets[page].pk,))
    title = DRAFT_TITLE if page == "draft" else NEWER_DRAFT_TITLE
    assert_hidden_from_town_editor(client, people, url, title)
    client.force_login(people["town_editor"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_page_chooser_search(client, people, secrets):
    url = reverse("wagtailadmin_choose_page_search") + "?q=Wittenberger"
    assert_hidden_from_town_editor(client, people, url, DRAFT_TITLE, NEWER_DRAFT_TITLE)


@pytest.mark.django_db
def test_page_chooser_chosen_step(client, people, secrets, own_town):
    """The chooser's last step answers the admin title of the ids it is given."""
    own = PortraitPageFactory(parent=own_town.section, title=OWN_DRAFT_TITLE)
    url = (
        reverse("wagtailadmin_choose_page_chosen_multiple")
        + "?"
        + urlencode([("id", secrets["draft"].pk), ("id", secrets["live"].pk), ("id", own.pk)])
    )
    assert_hidden_from_town_editor(client, people, url, DRAFT_TITLE, NEWER_DRAFT_TITLE)
    assert OWN_DRAFT_TITLE in html_as(client, people["town_editor"], url)[1]


@pytest.mark.django_db
def test_page_chooser_external_link_conversion(client, people, secrets):
    """A URL of one of our pages becomes an internal link, shown by its admin title."""
    url = reverse("wagtailadmin_choose_page_external_link")
    for address in (secrets["live"].url, secrets["live"].url + "?ref=1"):  # converted, confirmed
        form = {"external-link-chooser-url": address, "external-link-chooser-link_text": ""}
        client.force_login(people["town_editor"])
        answer = json.dumps(client.post(url, form).json(), ensure_ascii=False)
        assert NEWER_DRAFT_TITLE not in answer
        assert address in answer  # an external link, as typed
        client.force_login(people["coordinator"])
        assert NEWER_DRAFT_TITLE in json.dumps(client.post(url, form).json(), ensure_ascii=False)


# --- Reports -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:page_types_usage_results",
    ],
)
def test_page_types_usage_report(client, people, secrets, url_name):
    """It names the last edited page of each type: here the other town's live portrait,
    by its newer draft title."""
    assert_hidden_from_town_editor(client, people, reverse(url_name), NEWER_DRAFT_TITLE)


# --- Bulk actions ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["publish", "unpublish", "delete", "move"])
def test_page_bulk_action_confirmation(client, people, secrets, action):
    url = bulk_url("wagtailcore", "page", action, secrets["draft"], secrets["live"])
    assert_hidden_from_town_editor(client, people, url, DRAFT_TITLE, NEWER_DRAFT_TITLE)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["publish", "delete"])
def test_page_bulk_action_cannot_count_hidden_ids(client, people, secrets, own_town, action):
    """Hidden ids answer like ids that do not exist, alone or next to a permitted one."""
    own = PortraitPageFactory(parent=own_town.section, title=OWN_DRAFT_TITLE)
    client.force_login(people["town_editor"])
    missing = type("Missing", (), {"pk": 987654})
    hidden = client.get(bulk_url("wagtailcore", "page", action, secrets["draft"]))
    absent = client.get(bulk_url("wagtailcore", "page", action, missing))
    assert hidden.status_code == absent.status_code == 404
    with_own = client.get(bulk_url("wagtailcore", "page", action, own, secrets["draft"]))
    only_own = client.get(bulk_url("wagtailcore", "page", action, own))
    assert with_own.status_code == only_own.status_code == 200
    html = with_own.content.decode()
    assert OWN_DRAFT_TITLE in html and DRAFT_TITLE not in html
    assert html.count(OWN_DRAFT_TITLE) == only_own.content.decode().count(OWN_DRAFT_TITLE)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["delete", "add_tags", "add_to_collection"])
def test_document_bulk_action_confirmation(client, people, secrets, action):
    public = DocumentFactory(title="Flyer Nachbarschaftsfest")
    url = bulk_url("media", "document", action, secrets["consent"], public)
    assert_hidden_from_town_editor(client, people, url, CONSENT_TITLE)


# --- Image library ------------------------------------------------------------------------------


PHOTO_TITLE = "Porträtfoto Zeisig"
OLD_PHOTO_TITLE = "Porträtfoto Pirol"  # uploaded before the town collections existed
OWN_PHOTO_TITLE = "Porträtfoto Eigener Star"


@pytest.fixture
def photos(secrets, tree, own_town):
    """Photos of the other town's draft portrait: one in that town's collection, one in the root
    collection; and a photo in the own town's collection."""
    other = ImageFactory(
        title=PHOTO_TITLE, collection=roles.town_collection(django_apps, "Lutherstadt Wittenberg")
    )
    old = ImageFactory(title=OLD_PHOTO_TITLE)
    draft = secrets["draft"]
    draft.photo = other
    draft.save()
    own = ImageFactory(
        title=OWN_PHOTO_TITLE, collection=roles.town_collection(django_apps, own_town.name)
    )
    return {"other": other, "old": old, "own": own}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailimages:index",
        "wagtailimages_chooser:choose",
        "wagtailimages_chooser:choose_results",
        "wagtailadmin_api:images:listing",  # the admin's own API (Draftail's image entities)
    ],
)
def test_image_library_and_chooser(client, people, photos, url_name):
    url = reverse(url_name)
    assert_hidden_from_town_editor(client, people, url, PHOTO_TITLE, OLD_PHOTO_TITLE)
    # The town's own photos are there, to use and to edit.
    status, html = html_as(client, people["town_editor"], url)
    assert status == 200
    assert OWN_PHOTO_TITLE in html


@pytest.mark.django_db
def test_image_edit_view_of_another_town(client, people, photos):
    client.force_login(people["town_editor"])
    for photo in (photos["other"], photos["old"]):
        response = client.get(reverse("wagtailimages:edit", args=(photo.pk,)))
        assert photo.title not in response.content.decode()
    assert client.get(reverse("wagtailimages:edit", args=(photos["own"].pk,))).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["delete", "add_tags", "add_to_collection"])
def test_image_bulk_action_confirmation(client, people, photos, action):
    url = bulk_url("media", "image", action, photos["other"], photos["old"], photos["own"])
    assert_hidden_from_town_editor(client, people, url, PHOTO_TITLE, OLD_PHOTO_TITLE)


@pytest.mark.django_db
def test_town_groups_keep_photos_in_their_own_collection(tree):
    """What the signal gives a new town's group, the data migration gives an existing one, also
    taking back the image permissions on the root collection it had before."""
    from importlib import import_module

    group = Group.objects.get(name=roles.town_editor_group_name("Dessau-Roßlau"))
    root = Collection.get_first_root_node()
    roles.grant_collections(django_apps, group, root, roles.EDITOR_COLLECTION_PERMISSIONS)
    assert _image_collections(group) == {root.name, "Dessau-Roßlau", "Einwilligungen"}

    migration = import_module("editorial.migrations.0006_town_photo_collections")
    migration.town_photo_collections(django_apps, None)
    assert _image_collections(group) == {"Dessau-Roßlau", "Einwilligungen"}
    own = GroupCollectionPermission.objects.filter(
        group=group, collection__name="Dessau-Roßlau"
    ).values_list("permission__codename", flat=True)
    assert set(own) == {"add_image", "choose_image", "change_image"}
    portraits = Collection.objects.get(name=roles.PORTRAIT_COLLECTION)
    assert {c.name for c in portraits.get_children()} == {
        "Dessau-Roßlau",
        "Lutherstadt Wittenberg",
    }


def _image_collections(group):
    return set(
        GroupCollectionPermission.objects.filter(
            group=group, permission__content_type__app_label="wagtailimages"
        ).values_list("collection__name", flat=True)
    )


# --- API: a town that is not live --------------------------------------------------------------


@pytest.mark.django_db
def test_api_hides_the_section_of_a_town_whose_snippet_is_a_draft(graphql, tree):
    town = PartnerCityFactory(name="Entwurfsstadt Kiebitz", slug="entwurfsstadt", live=False)
    section = publish(TownSectionPageFactory(parent=tree.campaign, town=town))
    query = """{
        pages(limit: 100) { slug }
        page(id: %d) { slug }
        campaign: page(id: %d) { children { slug } descendants { slug } }
        search(query: "Kiebitz") { ... on PageInterface { slug } }
    }""" % (section.pk, tree.campaign.pk)
    data = graphql.data(query)
    assert "entwurfsstadt" not in {page["slug"] for page in data["pages"]}
    assert data["page"] is None
    assert "entwurfsstadt" not in {page["slug"] for page in data["campaign"]["children"]}
    assert "entwurfsstadt" not in {page["slug"] for page in data["campaign"]["descendants"]}
    assert not [hit for hit in data["search"] if hit]
    # The same section is shown once its town is live.
    town.live = True
    town.save()
    cache.clear()
    assert graphql.data(query)["page"] == {"slug": "entwurfsstadt"}


@pytest.mark.django_db
@pytest.mark.parametrize("argument", ["parent", "ancestor"])
def test_api_lists_nothing_below_a_hidden_page(graphql, tree, argument):
    campaign = tree.campaign
    query = "{ pages(%s: %d, limit: 100) { slug } }" % (argument, campaign.pk)
    assert graphql.data(query)["pages"]  # the live sections below the live campaign
    campaign.unpublish()
    cache.clear()
    assert graphql.data("{ page(id: %d) { slug } }" % campaign.pk)["page"] is None
    assert graphql.data(query)["pages"] == []
