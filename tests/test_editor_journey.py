"""The editor's way through the admin, as a newcomer meets it: the dashboard starts a portrait,
the name gives title and address, autosave says what it stored, errors show where the user
is, the promote tab holds only what a headless CMS needs, photos land in the right collection,
and the help is German."""

import io
import re

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images.forms import get_image_form
from wagtail.models import Collection
from wagtail.templatetags.wagtailcore_tags import wagtail_feature_release_editor_guide_link
from wagtail.test.utils.form_data import nested_form_data, streamfield

from media.models import Image
from pages.help import HELP_URL_NAME
from pages.models import PortraitPage
from tests.factories import PortraitPageFactory, publish
from tests.helpers.admin import edit_url

pytestmark = pytest.mark.django_db


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=("pages", "portraitpage", section.pk))


def portrait_form(name="Jürgen Groß", slug="", **fields):
    data = {
        "slug": slug,
        "name": name,
        "kind": "person",
        "quote": "weil ich gern helfe.",
        "teaser": "Hilft, wo er kann.",
        "body": streamfield([]),
        "areas": [],
        **fields,
    }
    return nested_form_data(data)


def create(client, section, **fields):
    response = client.post(add_url(section), portrait_form(**fields))
    assert response.status_code == 302, response.content[:2000]
    return PortraitPage.objects.child_of(section).order_by("-pk").first()


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- 1. Dashboard ------------------------------------------------------------------------------


def test_dashboard_starts_a_portrait_in_each_town_the_user_may_add_to(client, tree, people):
    client.force_login(people["dessau_editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Neues Porträt in Dessau-Roßlau" in html
    assert "Wittenberg" not in html
    assert add_url(tree.dessau_section) in html

    client.force_login(people["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Neues Porträt in Dessau-Roßlau" in html
    assert "Neues Porträt in Lutherstadt Wittenberg" in html
    assert client.get(add_url(tree.sections["lutherstadt-wittenberg"])).status_code == 200


def test_the_dashboard_offers_nothing_to_a_user_who_may_add_no_portrait(client, tree, make_user):
    user = make_user("nur-lesen")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Neues Porträt" not in response.content.decode()


# --- 2. Slugs, autosave, errors ------------------------------------------------------------------


def test_the_name_gives_title_and_a_free_slug(client, tree, people):
    client.force_login(people["dessau_editor"])
    section = tree.dessau_section
    first = create(client, section)
    assert (first.title, first.draft_title, first.slug) == (
        "Jürgen Groß",
        "Jürgen Groß",
        "juergen-gross",
    )
    # Starting again with the same name (the first attempt kept as a draft) does not fail.
    second = create(client, section)
    third = create(client, section, slug="juergen-gross")
    assert (second.slug, third.slug) == ("juergen-gross-2", "juergen-gross-3")
    assert third.title == "Jürgen Groß"


def test_autosave_keeps_no_add_form_and_the_address_follows_the_name(client, tree, people):
    """An add form is not saved in the background (editorial/page_views.py): a page left
    unsaved leaves nothing behind. Once saved, the edit form's autosave goes on, and the
    address follows the name until the portrait is published."""
    client.force_login(people["dessau_editor"])
    section = tree.dessau_section
    response = client.post(
        add_url(section), portrait_form(name="Erika"), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400 and response.json()["success"] is False
    assert not PortraitPage.objects.child_of(section).filter(name="Erika").exists()

    page = create(client, section, name="Erika")
    edited = client.post(
        edit_url(page),
        portrait_form(name="Erika Muster", slug=page.slug),
        HTTP_ACCEPT="application/json",
    )
    assert edited.json()["success"] is True
    page.refresh_from_db()
    assert (page.draft_title, page.slug) == ("Erika Muster", "erika-muster")


def test_a_published_portrait_keeps_its_address_and_a_set_slug_is_kept(client, tree, people):
    client.force_login(people["coordinator"])
    section = tree.dessau_section
    live = publish(PortraitPageFactory(parent=section, name="Lore Alt", slug="lore-alt"))
    client.post(edit_url(live), portrait_form(name="Lore Neu", slug="lore-alt"))
    live.refresh_from_db()
    assert (live.draft_title, live.slug) == ("Lore Neu", "lore-alt")
    draft = PortraitPageFactory(parent=section, name="Max", slug="mein-eigener")
    client.post(edit_url(draft), portrait_form(name="Moritz", slug="mein-eigener"))
    draft.refresh_from_db()
    assert (draft.draft_title, draft.slug) == ("Moritz", "mein-eigener")


def test_a_slug_error_is_shown_at_the_top_not_only_on_its_tab(client, tree, people):
    client.force_login(people["coordinator"])
    section = tree.dessau_section
    PortraitPageFactory(parent=section, slug="vergeben")
    page = PortraitPageFactory(parent=section, name="Nina", slug="nina-eigen")
    response = client.post(edit_url(page), portrait_form(name="Nina", slug="vergeben"))
    assert response.status_code == 200
    top = " ".join(texts(response))
    assert "Reiter „Auffindbarkeit“" in top
    assert "vergeben" in top


# --- 3.-5. The form ----------------------------------------------------------------------------


def test_the_portrait_form_has_no_title_checkboxes_help_and_only_the_slug_to_promote(
    client, tree, people
):
    client.force_login(people["dessau_editor"])
    response = client.get(add_url(tree.dessau_section))
    form = response.context["form"]
    assert "title" not in form.fields
    assert form.fields["slug"].required is False
    for name in ("seo_title", "search_description", "show_in_menus"):
        assert name not in form.fields
    html = response.content.decode()
    assert isinstance(form.fields["areas"].widget, forms.CheckboxSelectMultiple)
    assert "domain.com" not in html
    assert "Teil der Adresse auf den Partner-Websites" in html
    for name in ("name", "kind", "quote", "teaser", "body", "photo", "areas"):
        assert PortraitPage._meta.get_field(name).help_text, name


def test_other_page_types_show_only_the_slug_to_promote(client, tree, people):
    client.force_login(people["coordinator"])
    response = client.get(edit_url(tree.campaign))
    form = response.context["form"]
    assert "seo_title" not in form.fields and "show_in_menus" not in form.fields
    assert "domain.com" not in response.content.decode()


# --- 6. Photo collections ---------------------------------------------------------------------


def photo_file(colour=(200, 30, 30)):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def upload(user, colour, **data):
    """What Wagtail's image add view and the chooser's upload do with the form."""
    form_class = get_image_form(Image)
    form = form_class(
        {"title": "Foto", "alt_text": "Ein Foto", "credit": "Foto: Test", **data},
        {"file": photo_file(colour)},
        user=user,
        instance=Image(uploaded_by_user=user),
    )
    return form


def collection_names(queryset):
    return [collection.name for collection in queryset]


def test_photo_uploads_offer_fitting_collections_the_photo_collection_first(tree, people):
    form = upload(people["editor"], (1, 2, 3))
    offered = collection_names(form.fields["collection"].queryset)
    assert offered[:3] == ["Glücksbringer-Porträts", "Dessau-Roßlau", "Lutherstadt Wittenberg"]
    assert "Einwilligungen" not in offered
    assert all(collection.depth > 1 for collection in form.fields["collection"].queryset)
    consent = Collection.objects.get(name="Einwilligungen")
    refused = upload(people["coordinator"], (4, 5, 6), collection=consent.pk)
    assert not refused.is_valid()
    assert "collection" in refused.errors


def test_the_upload_page_preselects_the_photo_collection(client, tree, people):
    client.force_login(people["editor"])
    response = client.get(reverse("wagtailimages:add_multiple"))
    offered = [name for _, name in response.context["collections"].get_indented_choices()]
    assert "Glücksbringer-Porträts" in str(offered[0])
    assert not [name for name in offered if "Einwilligungen" in str(name)]


def test_a_town_editors_photo_lands_in_their_towns_collection(tree, people):
    form = upload(people["dessau_editor"], (7, 8, 9))
    assert "collection" not in form.fields  # a single collection: Wagtail hides the field
    assert form.is_valid(), form.errors
    photo = form.save()
    assert photo.collection.name == "Dessau-Roßlau"
    assert photo.collection.get_parent().name == "Glücksbringer-Porträts"


def test_the_upload_form_preselects_the_photo_collection(tree, people):
    """No option is marked (the form's initial, the root, is not offered): the browser selects
    the first, the photo collection."""
    html = str(upload(people["editor"], (10, 11, 12))["collection"])
    options = re.findall(r"<option[^>]*>([^<]*)</option>", html)
    assert options[0].strip() == "Glücksbringer-Porträts"
    assert "selected" not in html


# --- 7. Help -----------------------------------------------------------------------------------


def test_the_german_help_is_in_the_admin_menu_instead_of_the_english_guide(client, tree, people):
    client.force_login(people["dessau_editor"])
    url = reverse(HELP_URL_NAME)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert url in dashboard
    assert wagtail_feature_release_editor_guide_link() not in dashboard  # the English guide
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anleitung Glücksbringer" in html
    for step in ("Nominierung", "Entwurf", "Einwilligung prüfen", "Publikationsplan"):
        assert re.search(step, html), step
    assert "In Glücksbringer-Freigabe einreichen" in html


def test_the_help_shows_a_picture_of_every_screen_the_screens_script_takes(client, people):
    """`make screens` (tests/screens.py) photographs the admin's main screens into the help
    page's static folder; the help shows each of them, and each is there to be served."""
    from django.contrib.staticfiles import finders

    from tests import screens

    client.force_login(people["dessau_editor"])
    html = client.get(reverse(HELP_URL_NAME)).content.decode()
    shown = re.findall(r'<img src="/static/pages/help/([\w-]+)\.png"[^>]*alt="[^"]+"', html)
    taken = re.findall(r"^    (\d-[\w-]+)  ", screens.__doc__, re.M)
    assert len(taken) == 6
    assert sorted(shown) == sorted(taken)
    for name in shown:
        assert finders.find(f"pages/help/{name}.png"), name


@pytest.mark.django_db
def test_every_page_types_promote_tab_shows_only_the_address_part(client, people, tree):
    from tests.factories import ProgrammePageFactory

    programme = ProgrammePageFactory(parent=tree.home)
    client.force_login(people["coordinator"])
    for page in (tree.home, tree.campaign, tree.dessau_section, programme):
        html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
        assert 'name="slug"' in html, page
        for website_only in ("Für Suchmaschinen", 'name="seo_title"', 'name="show_in_menus"'):
            assert website_only not in html, (page, website_only)


@pytest.mark.django_db
def test_the_help_menu_offers_the_german_guide_and_no_english_pages(client, people):
    client.force_login(people["dessau_editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gluecksbringer-help" in html
    assert "editor-guide" not in html and "whats-new-in-wagtail" not in html
