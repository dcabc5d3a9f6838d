"""Nominations in the coordination's admin: listing, editing, who sees them, and conversion
into a portrait draft."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from nominations.models import Nomination
from pages.models import PortraitPage
from tests.factories import PartnerCityFactory
from tests.factories.nominations import NominationFactory
from tests.helpers.nominations import make_areas


@pytest.fixture
def areas(db):
    return make_areas()


def convert_url(nomination):
    return reverse("nominations_convert", args=(nomination.pk,))


@pytest.mark.django_db
def test_coordination_lists_filters_searches_and_sees_nominator_data(client, tree, people):
    wittenberg = tree.sections["lutherstadt-wittenberg"].specific.town
    first = NominationFactory(town=tree.dessau, nominee_name="Anna Anfang")
    second = NominationFactory(
        town=wittenberg, nominee_name="Bernd Beispiel", status=Nomination.Status.REJECTED
    )
    client.force_login(people["coordinator"])
    index = reverse("nominations:index")
    response = client.get(index)
    assert response.status_code == 200
    assert "Anna Anfang" in response.content.decode()
    assert "Bernd Beispiel" in response.content.decode()

    by_status = client.get(index, {"status": "rejected"}).content.decode()
    assert "Bernd Beispiel" in by_status and "Anna Anfang" not in by_status
    by_town = client.get(index, {"town": tree.dessau.pk}).content.decode()
    assert "Anna Anfang" in by_town and "Bernd Beispiel" not in by_town
    found = client.get(index, {"q": second.nominator_email}).content.decode()
    assert "Bernd Beispiel" in found and "Anna Anfang" not in found

    edit = client.get(reverse("nominations:edit", args=(first.pk,)))
    assert edit.status_code == 200
    page = edit.content.decode()
    assert first.nominator_email in page
    assert first.nominator_phone in page
    assert convert_url(first) in page
    assert "Als Porträt-Entwurf anlegen" in page
    # Nominations come in through the API, not through the admin.
    assert client.get("/admin/nominations/new/").status_code == 404


@pytest.mark.django_db
def test_coordination_edits_status_and_note(client, tree, people):
    nomination = NominationFactory(town=tree.dessau)
    client.force_login(people["coordinator"])
    response = client.post(
        reverse("nominations:edit", args=(nomination.pk,)),
        {
            "status": "in_review",
            "internal_note": "Angerufen, meldet sich.",
            "nominator_email": "umgeschrieben@example.org",
        },
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.IN_REVIEW
    assert nomination.internal_note == "Angerufen, meldet sich."
    # Only status and note are editable.
    assert nomination.nominator_email != "umgeschrieben@example.org"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["editor", "dessau_editor"])
def test_editors_get_nothing_on_nominations(client, tree, people, who):
    nomination = NominationFactory(town=tree.dessau)
    client.force_login(people[who])
    assert client.get(reverse("nominations:index")).status_code == 403
    assert client.get(reverse("nominations:edit", args=(nomination.pk,))).status_code == 403
    assert client.post(convert_url(nomination)).status_code == 403
    nomination.refresh_from_db()
    assert nomination.portrait is None
    assert not PortraitPage.objects.exists()
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("nominations:index") not in menu


@pytest.mark.django_db
def test_coordination_sees_the_menu_item(client, tree, people):
    client.force_login(people["coordinator"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("nominations:index") in page


@pytest.mark.django_db
def test_conversion_creates_a_draft_portrait_in_the_town_section(client, tree, people, areas):
    nomination = NominationFactory(
        town=tree.dessau,
        nominee_name="Initiative Grünes Quartier",
        nominee_kind=Nomination.Kind.INITIATIVE,
        reason="Sie begrünen Hinterhöfe.\n\nUnd laden jeden Sommer zum Hoffest ein.",
        areas=areas,
    )
    client.force_login(people["coordinator"])
    assert client.get(convert_url(nomination)).status_code == 405
    assert not PortraitPage.objects.exists()

    response = client.post(convert_url(nomination))
    portrait = PortraitPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(portrait.pk,))
    assert not portrait.live
    assert portrait.first_published_at is None
    assert portrait.get_parent().pk == tree.dessau_section.pk
    assert portrait.town == tree.dessau
    assert portrait.name == "Initiative Grünes Quartier"
    assert portrait.title == "Initiative Grünes Quartier"
    assert portrait.kind == PortraitPage.Kind.INITIATIVE
    assert set(portrait.areas.all()) == set(areas)
    assert "Hinterhöfe" in portrait.teaser
    assert [block.block_type for block in portrait.body] == ["paragraph", "paragraph"]
    assert "Hoffest" in portrait.body[1].value.source
    assert portrait.latest_revision is not None

    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ACCEPTED
    assert nomination.portrait == portrait
    assert ModelLogEntry.objects.filter(
        action="nominations.converted", object_id=str(nomination.pk)
    ).exists()
    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(page=portrait, action="wagtail.create").count() == 1

    # The editor opens it, and the public API does not show the draft.
    assert client.get(response["Location"]).status_code == 200
    assert (
        client.post(
            "/graphql/",
            {"query": '{ portrait(slug: "%s") { id } }' % portrait.slug},
            content_type="application/json",
        ).json()["data"]["portrait"]
        is None
    )

    # A second conversion is refused cleanly.
    again = client.post(convert_url(nomination), follow=True)
    assert again.status_code == 200
    assert "bereits ein Porträt" in again.content.decode()
    assert PortraitPage.objects.count() == 1


@pytest.mark.django_db
def test_conversion_refused_without_town_section(client, tree, people):
    town = PartnerCityFactory(name="Köthen (Anhalt)", slug="koethen")
    nomination = NominationFactory(town=town)
    client.force_login(people["coordinator"])
    response = client.post(convert_url(nomination), follow=True)
    assert response.status_code == 200
    assert "noch keinen Bereich" in response.content.decode()
    assert not PortraitPage.objects.exists()
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.NEW
    assert nomination.portrait is None


@pytest.mark.django_db
def test_a_rejected_nomination_is_not_converted(client, tree, people):
    nomination = NominationFactory(town=tree.dessau, status=Nomination.Status.REJECTED)
    client.force_login(people["coordinator"])
    edit = client.get(reverse("nominations:edit", args=(nomination.pk,))).content.decode()
    assert convert_url(nomination) not in edit
    response = client.post(convert_url(nomination), follow=True)
    assert "abgelehnt" in response.content.decode()
    assert not PortraitPage.objects.exists()
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.REJECTED


@pytest.mark.django_db
def test_conversion_needs_csrf(tree, people):
    from django.test import Client

    nomination = NominationFactory(town=tree.dessau)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["coordinator"])
    assert client.post(convert_url(nomination)).status_code == 403
    assert not PortraitPage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("names", "slugs"),
    [
        (["Jürgen Groß", "Jürgen Groß"], ["juergen-gross", "juergen-gross-2"]),
        (["李明", "王芳"], None),  # no Latin letters: the reference makes the slug
    ],
)
def test_converted_drafts_get_unique_ascii_slugs(client, tree, people, names, slugs):
    client.force_login(people["coordinator"])
    nominations = [NominationFactory(town=tree.dessau, nominee_name=name) for name in names]
    for nomination in nominations:
        response = client.post(convert_url(nomination))
        assert response.status_code == 302
    made = [
        n.portrait.slug
        for n in Nomination.objects.filter(pk__in=[n.pk for n in nominations]).order_by("pk")
    ]
    assert all(slug.isascii() and slug for slug in made)
    assert len(set(made)) == len(made)
    if slugs:
        assert made == slugs
    else:
        assert made == [f"portraet-{n.reference.lower()}" for n in nominations]
