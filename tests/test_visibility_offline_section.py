"""A page is visible only if every page above it up to the site root is live too (issue 19,
item 6): a town section taken offline, with Wagtail's default (its pages below left live),
takes its portraits off every query path, in every language and over REST, until it is
published again.

Each test unpublishes the section, checks every path, and publishes the section again: the
same paths then show the portrait (so the test can fail).
"""

import types

import pytest
from django.db import transaction
from django.test import TestCase
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail_localize.operations import translate_object

from pages.models import CampaignPage, HomePage, PortraitPage
from tests.factories import ImageFactory, PortraitPageFactory, ProgrammePageFactory, publish
from tests.helpers.content import rest, rest_slugs, slugs, translate_campaign

pytestmark = pytest.mark.django_db

LANGUAGES = ("de", "en", "de-x-ls")


def unpublish(page, with_children=True):
    """Take a page offline as the admin does by default: the pages below it stay live."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.specific.unpublish()
    page.refresh_from_db()
    assert not page.live
    assert page.get_descendants().live().exists() == with_children


def published_translation(tree, code, portrait):
    """The portrait's translation into `code`, published with its ancestors and its town."""
    locale = Locale.objects.get(language_code=code)
    translation = translate_campaign(tree, None, locale, portrait).specific
    town = portrait.town
    if not town.has_translation(locale):
        translate_object(town, [locale])
    town.get_translation(locale).save_revision().publish()
    for page in reversed(translation.get_ancestors(inclusive=True).filter(depth__gt=1)):
        publish(page.specific)
    translation.refresh_from_db()
    return translation


@pytest.fixture(scope="module")
def versions(_shared_tree, django_db_blocker):
    """Anna in Dessau-Roßlau, Bert in Lutherstadt Wittenberg, both in German, English and
    Leichte Sprache, all published: made once for the module (in a savepoint of the module's
    tree, rolled back after its last test). {language: {"anna": id, "bert": id}}."""
    with django_db_blocker.unblock(), transaction.atomic():
        tree = types.SimpleNamespace(
            home=HomePage.objects.get(pk=_shared_tree.home),
            campaign=CampaignPage.objects.get(pk=_shared_tree.campaign),
        )
        sections = {slug: Page.objects.get(pk=pk) for slug, pk in _shared_tree.sections.items()}
        anna = publish(PortraitPageFactory(parent=sections["dessau-rosslau"], slug="anna-da"))
        bert = publish(
            PortraitPageFactory(
                parent=sections["lutherstadt-wittenberg"],
                name="Bert Verborgen",
                slug="bert-verborgen",
                photo=ImageFactory(),
            )
        )
        made = {"de": {"anna": anna.pk, "bert": bert.pk}}
        for code in LANGUAGES[1:]:
            made[code] = {
                name: published_translation(tree, code, portrait).pk
                for name, portrait in (("anna", anna), ("bert", bert))
            }
        yield made
        transaction.set_rollback(True)


QUERY = """query($locale: String, $other: String, $slug: String, $id: ID, $path: String,
        $campaign: ID, $photo: ID) {
    portraits(locale: $locale) { items { slug } pagination { total } }
    fallback: portraits(locale: $locale, fallback: true) { items { id } }
    portrait(locale: $locale, slug: $slug) { slug }
    page(locale: $locale, slug: $slug) { slug }
    byId: page(locale: $locale, id: $id) { slug }
    byPath: page(locale: $locale, urlPath: $path) { slug }
    pages(locale: $locale, limit: 100) { id }
    byAncestor: pages(locale: $locale, ancestor: $campaign, limit: 100) { id }
    campaign: page(locale: $locale, id: $campaign) { children { slug } descendants { id } }
    hits: search(locale: $locale, query: "Verborgen") { ... on PortraitPage { id } }
    other: portraits(locale: $other) { items { slug translations { id } } }
    photo: image(id: $photo) { id }
}"""


def ids(items):
    return {str(item["id"]) for item in items if item}


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_section_offline_hides_its_portraits_in_its_language(graphql, client, versions, code):
    """The German section offline hides the German portraits below it; an English (or
    Leichte-Sprache) section offline hides the translations below it. Each language's tree is
    its own: the other language's section is live, and so are its portraits there."""
    hidden = PortraitPage.objects.get(pk=versions[code]["bert"])
    shown = PortraitPage.objects.get(pk=versions[code]["anna"])
    source = PortraitPage.objects.get(pk=versions["de"]["bert"])
    other = "en" if code == "de" else "de"
    section = hidden.get_parent()
    campaign = section.get_parent()
    variables = {
        "locale": code,
        "other": other,
        "slug": hidden.slug,
        "id": hidden.pk,
        "path": hidden.url_path,
        "campaign": campaign.pk,
        "photo": source.photo_id,
    }

    def check(visible):
        data = graphql.data(QUERY, variables)
        expected = {shown.slug, hidden.slug} if visible else {shown.slug}
        assert slugs(data["portraits"]["items"]) == expected
        assert data["portraits"]["pagination"]["total"] == len(expected)
        one = {"slug": hidden.slug} if visible else None
        assert data["portrait"] == data["page"] == data["byId"] == data["byPath"] == one
        for listed in (data["pages"], data["byAncestor"], data["campaign"]["descendants"]):
            assert (str(hidden.pk) in ids(listed)) == visible
            assert str(shown.pk) in ids(listed)
        children = slugs(data["campaign"]["children"])
        assert ("lutherstadt-wittenberg" in children) == visible
        assert (str(hidden.pk) in ids(data["hits"])) == visible
        # The other language's version is visible, and names this one only while it is.
        [twin] = [item for item in data["other"]["items"] if item["slug"] == "bert-verborgen"]
        assert (str(hidden.pk) in ids(twin["translations"])) == visible
        # The photo stays: the visible versions in the other languages show it.
        assert data["photo"] == {"id": str(source.photo_id)}
        if code != "de":  # the German portrait stands in for the hidden translation
            stand_in = hidden if visible else source
            assert ids(data["fallback"]["items"]) == {str(shown.pk), str(stand_in.pk)}

        listing = rest(client, "pages/", locale=code, type="pages.PortraitPage", limit=100)
        listed = {item["id"] for item in listing["items"]}
        assert listed == ({shown.pk, hidden.pk} if visible else {shown.pk})
        found = rest_slugs(rest(client, "pages/", locale=code, search="Verborgen"))
        assert found == ({hidden.slug} if visible else set())
        below = rest(client, "pages/", locale=code, descendant_of=campaign.pk, limit=100)
        assert (hidden.pk in {item["id"] for item in below["items"]}) == visible
        rest(client, f"pages/{hidden.pk}/", status=200 if visible else 404)
        rest(client, f"pages/{shown.pk}/")

    unpublish(section)
    check(visible=False)
    # Published again, the section shows its portraits again (and the query can show them).
    publish(section.specific)
    check(visible=True)


@pytest.fixture
def programme(tree, versions):
    """A live programme page that links to a portrait of Lutherstadt Wittenberg (chooser block
    and rich text) and one of Dessau-Roßlau. Only the German portraits: their translations are
    unpublished, so no visible translation shows the photo."""
    for code in LANGUAGES[1:]:
        for page in PortraitPage.objects.filter(pk__in=versions[code].values()):
            unpublish(page, with_children=False)
    anna = PortraitPage.objects.get(pk=versions["de"]["anna"])
    bert = PortraitPage.objects.get(pk=versions["de"]["bert"])
    rich = (
        f'<p><a linktype="page" id="{bert.pk}">Zu Bert</a> '
        f'<a linktype="page" id="{anna.pk}">Zu Anna</a></p>'
    )
    page = ProgrammePageFactory(parent=tree.home, slug="mit-verweisen")
    page.body = [
        ("link", {"link_text": "Bert", "page": bert, "url": ""}),
        ("link", {"link_text": "Anna", "page": anna, "url": ""}),
        ("paragraph", RichText(rich)),
    ]
    return publish(page), bert


def test_links_and_the_photo_of_a_portrait_below_an_offline_section(graphql, client, programme):
    page, bert = programme
    query = """query($photo: ID) {
        programme(slug: "mit-verweisen") { body {
            ... on LinkBlock { linkText page { slug } }
            ... on RichTextBlock { value }
        } }
        images(limit: 100) { id }
        photo: image(id: $photo) { id }
    }"""

    def check(visible):
        data = graphql.data(query, {"photo": bert.photo_id})
        links, html = data["programme"]["body"][:2], data["programme"]["body"][2]["value"]
        expected = {"slug": "bert-verborgen"} if visible else None
        assert {link["linkText"]: link["page"] for link in links} == {
            "Bert": expected,
            "Anna": {"slug": "anna-da"},
        }
        assert ("bert-verborgen" in html) == visible
        assert "anna-da" in html and "Zu Bert</a>" in html
        assert (str(bert.photo_id) in ids(data["images"])) == visible
        assert data["photo"] == ({"id": str(bert.photo_id)} if visible else None)

        images = rest(client, "images/", limit=100)["items"]
        assert (bert.photo_id in {image["id"] for image in images}) == visible
        rest(client, f"images/{bert.photo_id}/", status=200 if visible else 404)
        body = rest(client, f"pages/{page.pk}/")["body"]
        pages = {b["value"]["link_text"]: b["value"]["page"] for b in body if b["type"] == "link"}
        assert pages["Bert"] == (bert.pk if visible else None)

    check(visible=True)
    section = Page.objects.get(pk=bert.get_parent().pk)
    unpublish(section)
    check(visible=False)
    publish(section.specific)
    check(visible=True)


def test_a_page_below_an_offline_page_further_up_is_hidden(graphql, tree, versions):
    """Every ancestor counts, not only the parent: the campaign offline hides the portraits
    below its (live) sections."""
    query = '{ portraits { items { slug } } portrait(slug: "anna-da") { slug } }'
    assert graphql.data(query)["portrait"] == {"slug": "anna-da"}
    unpublish(tree.campaign)
    assert tree.dessau_section.live
    assert graphql.data(query) == {"portraits": {"items": []}, "portrait": None}


def test_the_unpublish_dialog_says_what_happens_to_the_portraits_below(
    graphql, client, people, versions
):
    """The admin's unpublish dialog says in German that the portraits below go out of the API
    though they stay published; unpublishing with Wagtail's default then hides them."""
    bert = PortraitPage.objects.get(pk=versions["de"]["bert"])
    section, campaign = bert.get_parent(), bert.get_parent().get_parent()
    client.force_login(people["coordinator"])

    dialog = client.get(f"/admin/pages/{campaign.pk}/unpublish/")
    assert dialog.status_code == 200
    text = " ".join(dialog.content.decode().split())
    assert (
        "Die 2 Porträts unter dieser Seite sind danach in der API und auf den Partnerseiten "
        "nicht mehr sichtbar, bleiben aber veröffentlicht" in text
    )
    dialog = client.get(f"/admin/pages/{section.pk}/unpublish/")
    text = " ".join(dialog.content.decode().split())
    assert (
        "Das Porträt unter dieser Seite ist danach in der API und auf den Partnerseiten "
        "nicht mehr sichtbar, bleibt aber veröffentlicht" in text
    )
    assert 'name="include_descendants"' in text  # Wagtail's choice, not ticked by default

    query = '{ portrait(slug: "bert-verborgen") { slug } }'
    assert graphql.data(query)["portrait"] == {"slug": "bert-verborgen"}
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/admin/pages/{section.pk}/unpublish/")
    assert response.status_code == 302
    section.refresh_from_db()
    bert.refresh_from_db()
    assert not section.live and bert.live
    assert graphql.data(query)["portrait"] is None
