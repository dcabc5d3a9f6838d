"""The visibility rule (docs/api.md, "What the API shows") on every GraphQL query path.

Each test puts one portrait into a hidden state and checks that a path does not show it, beside a
published control portrait that the same path must show (so the test can fail). The same rule
through REST: tests/test_visibility_rest.py.
"""

import pytest

from tests.factories import (
    EngagementAreaFactory,
    ImageFactory,
    PartnerCityFactory,
    PortraitPageFactory,
    publish,
)
from tests.helpers.content import HIDDEN_STATES, rest, slugs
from tests.helpers.visibility import hide_section, make_hidden


@pytest.mark.django_db
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_portraits_list_and_single(graphql, visible_and_hidden, state):
    visible, hidden = visible_and_hidden
    make_hidden(hidden, state)
    data = graphql.data(
        """query($slug: String) {
            portraits { items { slug } pagination { total } }
            hidden: portrait(slug: $slug) { slug }
            shown: portrait(slug: "anna-sichtbar") { slug }
            page(slug: $slug) { slug }
            byId: page(id: %d) { slug }
        }"""
        % hidden.pk,
        {"slug": hidden.slug},
    )
    assert slugs(data["portraits"]["items"]) == {"anna-sichtbar"}
    assert data["portraits"]["pagination"]["total"] == 1
    assert data["hidden"] is None
    assert data["shown"] == {"slug": "anna-sichtbar"}
    assert data["page"] is None
    assert data["byId"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_generic_pages_children_site_and_search(graphql, visible_and_hidden, state, tree):
    visible, hidden = visible_and_hidden
    make_hidden(hidden, state)
    section_id = tree.dessau_section.pk
    data = graphql.data(
        """{
            pages(limit: 100) { slug }
            byParent: pages(parent: %d) { slug }
            section: page(id: %d) { children { slug } descendants { slug } }
            shown: portrait(slug: "anna-sichtbar") { siblings { slug } }
            site(hostname: "localhost") {
                pages(limit: 100) { slug } hidden: page(slug: "bert-verborgen") { slug }
            }
            hiddenHits: search(query: "Verborgen") { ... on PortraitPage { slug } }
            shownHits: search(query: "Sichtbar") { ... on PortraitPage { slug } }
        }"""
        % (section_id, section_id)
    )
    assert "anna-sichtbar" in slugs(data["pages"])
    assert "bert-verborgen" not in slugs(data["pages"])
    assert slugs(data["byParent"]) == {"anna-sichtbar"}
    assert slugs(data["section"]["children"]) == {"anna-sichtbar"}
    assert slugs(data["section"]["descendants"]) == {"anna-sichtbar"}
    assert data["shown"]["siblings"] == []
    assert "bert-verborgen" not in slugs(data["site"]["pages"])
    assert data["site"]["hidden"] is None
    assert slugs(r for r in data["hiddenHits"] if r) == set()
    assert slugs(r for r in data["shownHits"] if r) == {"anna-sichtbar"}


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "expired", "private"])
def test_a_page_below_a_hidden_section_is_hidden_with_it(graphql, client, tree, state):
    """A live portrait below a hidden town section is hidden too (GraphQL and REST): a page is
    visible only if every page above it is (tests/test_visibility_offline_section.py)."""
    section = tree.sections["lutherstadt-wittenberg"]
    portrait = publish(PortraitPageFactory(parent=section, slug="unter-verstecktem"))
    query = '{ portrait(slug: "unter-verstecktem") { slug parent { slug } } }'
    shown = {"slug": portrait.slug, "parent": {"slug": section.slug}}
    assert graphql.data(query)["portrait"] == shown
    hide_section(section, state)
    portrait.refresh_from_db()
    assert portrait.live
    assert graphql.data(query)["portrait"] is None
    rest(client, f"pages/{portrait.pk}/", status=404)


@pytest.mark.django_db
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_page_chooser_block_hides_hidden_pages(graphql, tree, visible_and_hidden, state):
    from tests.factories import ProgrammePageFactory

    visible, hidden = visible_and_hidden
    make_hidden(hidden, state)
    body = [
        {"type": "link", "value": {"link_text": "Bert", "page": hidden.pk, "url": ""}},
        {"type": "link", "value": {"link_text": "Anna", "page": visible.pk, "url": ""}},
    ]
    publish(ProgrammePageFactory(parent=tree.home, slug="ehrenamtskarte", body=body))
    data = graphql.data(
        """{ programme(slug: "ehrenamtskarte") { body { ... on LinkBlock {
                linkText page { slug } } } } }"""
    )
    pages_by_text = {b["linkText"]: b["page"] for b in data["programme"]["body"]}
    assert pages_by_text == {"Bert": None, "Anna": {"slug": "anna-sichtbar"}}


@pytest.mark.django_db
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_images_of_hidden_portraits_are_not_listed(graphql, visible_and_hidden, state):
    visible, hidden = visible_and_hidden
    make_hidden(hidden, state)
    data = graphql.data(
        """query($hidden: ID, $shown: ID) {
            images(limit: 100) { title }
            hidden: image(id: $hidden) { title }
            shown: image(id: $shown) { title }
        }""",
        {"hidden": hidden.photo_id, "shown": visible.photo_id},
    )
    assert {i["title"] for i in data["images"]} == {"Foto Anna"}
    assert data["hidden"] is None
    assert data["shown"] == {"title": "Foto Anna"}


@pytest.mark.django_db
def test_image_in_public_collection_is_listed_but_others_are_not(graphql, tree):
    from wagtail.models import Collection

    public = Collection.get_first_root_node().add_child(name="Öffentlich")
    ImageFactory(title="Logo Netzwerk", collection=public)
    ImageFactory(title="Unbenutzt")
    data = graphql.data("{ images { title } }")
    assert [i["title"] for i in data["images"]] == ["Logo Netzwerk"]


@pytest.mark.django_db
def test_withdrawn_photo_is_hidden_even_in_a_public_collection(graphql, visible_and_hidden):
    from wagtail.models import Collection

    visible, hidden = visible_and_hidden
    public = Collection.get_first_root_node().add_child(name="Öffentlich")
    type(hidden.photo).objects.filter(pk=hidden.photo_id).update(collection=public)
    make_hidden(hidden, "consent_withdrawn")
    data = graphql.data("{ images { title } }")
    assert {i["title"] for i in data["images"]} == {"Foto Anna"}


@pytest.mark.django_db
def test_draft_snippets_never_appear(graphql, tree):
    from tests.factories import (
        ContactPersonFactory,
        EngagementAreaFactory,
        OrganisationFactory,
        ProgrammePageFactory,
    )

    live_area = EngagementAreaFactory(name="Klimaschutz", slug="klimaschutz")
    draft_area = EngagementAreaFactory(name="Geheimbereich", slug="geheim", live=False)
    draft_contact = ContactPersonFactory(name="Entwurf Kontakt", live=False)
    tree.dessau.contact = draft_contact
    tree.dessau.save()
    portrait = PortraitPageFactory(parent=tree.dessau_section, slug="mit-bereichen")
    portrait.areas.set([live_area, draft_area])
    publish(portrait)
    programme = ProgrammePageFactory(parent=tree.home, slug="vielfaltsgestalter")
    programme.funder_links.create(organisation=OrganisationFactory(name="Live Stiftung"))
    programme.funder_links.create(organisation=OrganisationFactory(name="Entwurf", live=False))
    publish(programme)

    data = graphql.data(
        """{
            engagementAreas { slug }
            contacts { name }
            organisations { name }
            partnerCities { slug contact { name } }
            portrait(slug: "mit-bereichen") { areas { slug } town { contact { name } } }
            programme(slug: "vielfaltsgestalter") { funders { name } }
            snippets { ... on EngagementArea { slug } ... on ContactPerson { name } }
            search(query: "Geheimbereich") { ... on EngagementArea { slug } }
            liveHits: search(query: "Klimaschutz") { ... on EngagementArea { slug } }
        }"""
    )
    assert slugs(data["engagementAreas"]) == {"klimaschutz"}
    assert {c["name"] for c in data["contacts"]} == set()
    assert {o["name"] for o in data["organisations"]} == {"Live Stiftung"}
    assert all(city["contact"] is None for city in data["partnerCities"])
    assert slugs(data["portrait"]["areas"]) == {"klimaschutz"}
    assert data["portrait"]["town"]["contact"] is None
    assert [f["name"] for f in data["programme"]["funders"]] == ["Live Stiftung"]
    snippet_values = {v for s in data["snippets"] for v in s.values()}
    assert "geheim" not in snippet_values and "Entwurf Kontakt" not in snippet_values
    assert "klimaschutz" in snippet_values
    assert not any(r for r in data["search"])
    assert slugs(r for r in data["liveHits"] if r) == {"klimaschutz"}


@pytest.mark.django_db
def test_portrait_of_a_draft_town_is_hidden(graphql, tree):
    publish(PortraitPageFactory(parent=tree.dessau_section, slug="stadt-entwurf"))
    assert graphql.data("{ portraits { items { slug } } }")["portraits"]["items"]
    type(tree.dessau).objects.filter(pk=tree.dessau.pk).update(live=False)
    assert graphql.data("{ portraits { items { slug } } }")["portraits"]["items"] == []


@pytest.mark.django_db
def test_redirects_to_hidden_pages_are_not_listed(graphql, visible_and_hidden):
    from wagtail.contrib.redirects.models import Redirect

    visible, hidden = visible_and_hidden
    make_hidden(hidden, "draft")
    Redirect.objects.create(old_path="/alt-anna", redirect_page=visible)
    Redirect.objects.create(old_path="/alt-bert", redirect_page=hidden)
    data = graphql.data("{ redirects { oldPath page { slug } } }")
    assert {r["oldPath"] for r in data["redirects"]} == {"/alt-anna"}


DRAFT_ONLY_FIELDS = [
    "draftTitle",
    "hasUnpublishedChanges",
    "locked",
    "lockedAt",
    "lockedBy",
    "latestRevision",
    "liveRevision",
    "owner",
    "goLiveAt",
    "expireAt",
    "consentGivenBy",
    "consentDocument",
    "consentWithdrawnAt",
]


@pytest.mark.django_db
@pytest.mark.parametrize("type_name", ["PortraitPage", "ProgrammePage", "Page", "PageInterface"])
def test_draft_only_fields_are_not_in_the_schema(graphql, type_name):
    data = graphql.data(
        "query($n: String!) { __type(name: $n) { fields { name } } }", {"n": type_name}
    )
    names = {f["name"] for f in data["__type"]["fields"]}
    assert "title" in names
    assert names.isdisjoint(DRAFT_ONLY_FIELDS)


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["draftTitle", "hasUnpublishedChanges", "consentGivenBy"])
def test_querying_a_draft_only_field_is_a_validation_error(graphql, visible_and_hidden, field):
    response = graphql.post('{ portrait(slug: "anna-sichtbar") { %s } }' % field)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


NASTY_SEARCHES = [
    '"',
    '"((',
    "\x00 OR 1=1 --",
    "AND",
    "NOT x",
    "a NEAR b",
    "*",
    "^x",
    "OR OR",
    ":",
    "'",
    "x:y",
    "(",
    ")",
]


@pytest.mark.django_db
@pytest.mark.parametrize("term", NASTY_SEARCHES)
def test_search_syntax_from_clients_never_reaches_the_backend(graphql, tree, term):
    publish(PortraitPageFactory(parent=tree.dessau_section, title="Suchbar"))
    query = """query($q: String) {
        search(query: $q) { __typename }
        pages(searchQuery: $q, limit: 5) { id }
        portraits(searchQuery: $q) { items { id } }
        images(searchQuery: $q) { id }
    }"""
    response = graphql.post(query, {"q": term})
    payload = response.json()
    assert response.status_code == 200
    assert "errors" not in payload, payload["errors"]


@pytest.mark.django_db
def test_tags_only_of_visible_images_and_documents(graphql, tree):
    from wagtail.models import Collection

    from tests.factories import DocumentFactory

    shown = ImageFactory(collection=Collection.get_first_root_node().add_child(name="Öffentlich"))
    shown.tags.add("stadtfest")
    hidden_photo = ImageFactory()
    hidden_photo.tags.add("widerruf-anna")
    draft = PortraitPageFactory(parent=tree.dessau_section, photo=hidden_photo)
    draft.save_revision()
    DocumentFactory().tags.add("einwilligung-greta")

    data = graphql.data('{ tags(order: "name") { id name } }')
    assert [tag["name"] for tag in data["tags"]] == ["stadtfest"]
    from taggit.models import Tag

    hidden_id = Tag.objects.get(name="widerruf-anna").pk
    shown_id = Tag.objects.get(name="stadtfest").pk
    assert graphql.data("{ tag(id: %d) { name } }" % hidden_id)["tag"] is None
    assert graphql.data("{ tag(id: %d) { name } }" % shown_id)["tag"] == {"name": "stadtfest"}


@pytest.mark.django_db
def test_a_withdrawn_photo_is_gone_wherever_else_it_is_used(graphql, tree, people):
    from tests.factories import OrganisationFactory

    section = tree.dessau_section
    photo, other = ImageFactory(), ImageFactory()
    withdrawn = publish(PortraitPageFactory(parent=section, photo=photo))
    withdrawn.withdraw_consent(by=people["coordinator"])
    sharing = publish(PortraitPageFactory(parent=section, slug="teilt-foto", photo=photo))
    control = publish(PortraitPageFactory(parent=section, slug="eigenes-foto", photo=other))
    for logo, slug in ((photo, "mit-foto-als-logo"), (other, "mit-logo")):
        organisation = OrganisationFactory(slug=slug, logo=logo)
        organisation.save_revision().publish()

    data = graphql.data(
        '{ organisations { slug logo { id } } a: portrait(slug: "teilt-foto") { photo { id } } '
        'b: portrait(slug: "eigenes-foto") { photo { id } } }'
    )
    logos = {o["slug"]: o["logo"] for o in data["organisations"]}
    assert logos["mit-foto-als-logo"] is None
    assert logos["mit-logo"] == {"id": str(other.pk)}
    assert data["a"] == {"photo": None}
    assert data["b"] == {"photo": {"id": str(other.pk)}}
    assert sharing.live and control.live


@pytest.mark.django_db
def test_a_draft_towns_or_areas_slug_is_refused_like_an_unknown_one(graphql, tree):
    """The error lists live slugs only: a draft town (or area) is not even named."""
    PartnerCityFactory(name="Zerbst/Anhalt", slug="zerbst", live=False)
    EngagementAreaFactory(name="Geheimbereich", slug="geheim", live=False)
    EngagementAreaFactory(name="Klimaschutz", slug="klimaschutz")
    query = "query($t: String, $a: String) { portraits(town: $t, area: $a) { items { slug } } }"
    for variables, argument in (
        ({"t": "zerbst"}, "town"),
        ({"t": "atlantis"}, "town"),
        ({"a": "geheim"}, "area"),
        ({"a": "atlantis"}, "area"),
    ):
        errors = graphql.errors(query, variables)
        assert errors[0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}
        assert "zerbst" not in errors[0]["message"] and "geheim" not in errors[0]["message"]
    town_errors = {graphql.errors(query, {"t": slug})[0]["message"] for slug in ("zerbst", "x")}
    assert town_errors == {
        "Unbekannte Partnerstadt. Erlaubt: dessau-rosslau, lutherstadt-wittenberg."
    }
    assert graphql.errors(query, {"a": "geheim"})[0]["message"] == (
        "Unbekannter Engagementbereich. Erlaubt: klimaschutz."
    )
