"""Nominations: the public `nominate` mutation, the coordination's admin, conversion into a
portrait draft, and retention."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from graphql import GraphQLInterfaceType, GraphQLObjectType
from wagtail.models import ModelLogEntry

from cms.graphql.schema import schema
from nominations.models import ANONYMISED, Nomination
from pages.models import PortraitPage
from tests.factories import EngagementAreaFactory, PartnerCityFactory
from tests.factories.nominations import NominationFactory
from tests.helpers.content import NOMINATE, valid_input


@pytest.fixture
def areas(db):
    return [
        EngagementAreaFactory(name="Klimaschutz", slug="klimaschutz"),
        EngagementAreaFactory(name="Nachbarschaft", slug="nachbarschaft"),
    ]


def nominate(graphql, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return graphql.data(NOMINATE, {"input": valid_input(**overrides)})["nominate"]


# --- The mutation -------------------------------------------------------------------------------


def test_mutation_follows_the_contract():
    mutation = schema.graphql_schema.mutation_type.fields["nominate"]
    assert str(mutation.type) == "NominatePayload!"
    assert str(mutation.args["input"].type) == "NominationInput!"
    fields = {
        name: str(field.type)
        for name, field in schema.graphql_schema.type_map["NominationInput"].fields.items()
    }
    assert fields == {
        "nomineeName": "String!",
        "nomineeKind": "String!",
        "town": "String!",
        "areas": "[String!]",
        "reason": "String!",
        "nominatorName": "String!",
        "nominatorEmail": "String!",
        "nominatorPhone": "String",
        "nomineeInformed": "Boolean!",
        "privacyConsent": "Boolean!",
        "website": "String",
    }
    payload = schema.graphql_schema.type_map["NominatePayload"].fields
    assert {k: str(v.type) for k, v in payload.items()} == {
        "ok": "Boolean!",
        "reference": "String",
        "errors": "[FieldError!]!",
    }


@pytest.mark.django_db
def test_valid_nomination_is_stored_and_confirmed(
    graphql, tree, areas, people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    result = nominate(graphql, django_capture_on_commit_callbacks)
    assert result["ok"] is True
    assert result["errors"] == []
    nomination = Nomination.objects.get()
    assert result["reference"] == nomination.reference
    assert nomination.reference.startswith(f"GB-{timezone.localdate().year}-")
    assert nomination.nominee_name == "Hanna Helferin"
    assert nomination.nominee_kind == "person"
    assert nomination.town == tree.dessau
    assert set(nomination.areas.values_list("slug", flat=True)) == {"klimaschutz", "nachbarschaft"}
    assert nomination.nominator_email == "max@example.org"
    assert nomination.nominee_informed is True
    assert nomination.privacy_consent_at is not None
    assert nomination.status == Nomination.Status.NEW
    assert nomination.portrait is None

    assert len(mail.outbox) == 2
    confirmation, notice = mail.outbox
    assert confirmation.to == ["max@example.org"]
    assert nomination.reference in confirmation.subject
    assert nomination.reference in confirmation.body
    # The nominator's address is unverified: the confirmation echoes nothing sent in.
    for echoed in ("Hanna Helferin", "Max Mustermann", "Bäume"):
        assert echoed not in confirmation.body
        assert echoed not in confirmation.subject
    assert notice.to == [people["coordinator"].email]
    assert people["editor"].email not in notice.to
    assert nomination.reference in notice.body
    assert reverse("nominations:edit", args=(nomination.pk,)) in notice.body
    # The notice goes through mail servers: no personal data in it.
    for secret in ("max@example.org", "Max Mustermann", "0340 123456", "Hanna Helferin"):
        assert secret not in notice.body
        assert secret not in notice.subject


@pytest.mark.django_db
def test_optional_fields_may_be_left_out(graphql, tree, django_capture_on_commit_callbacks):
    data = valid_input()
    for optional in ("areas", "nominatorPhone", "website"):
        del data[optional]
    with django_capture_on_commit_callbacks(execute=True):
        result = graphql.data(NOMINATE, {"input": data})["nominate"]
    assert result["ok"] is True, result
    nomination = Nomination.objects.get()
    assert nomination.areas.count() == 0
    assert nomination.nominator_phone == ""


@pytest.mark.django_db
def test_references_differ(graphql, tree, areas, django_capture_on_commit_callbacks):
    first = nominate(graphql, django_capture_on_commit_callbacks)["reference"]
    second = nominate(graphql, django_capture_on_commit_callbacks)["reference"]
    assert first != second
    assert Nomination.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"nomineeName": ""}, "nomineeName"),
        ({"nomineeName": "   "}, "nomineeName"),
        ({"nomineeName": "x" * 201}, "nomineeName"),
        ({"nomineeKind": "verein"}, "nomineeKind"),
        ({"nomineeKind": ""}, "nomineeKind"),
        ({"town": ""}, "town"),
        ({"town": "atlantis"}, "town"),
        ({"areas": ["gibt-es-nicht"]}, "areas"),
        ({"areas": ["klimaschutz", "gibt-es-nicht"]}, "areas"),
        ({"areas": [f"bereich-{n}" for n in range(11)]}, "areas"),
        ({"reason": ""}, "reason"),
        ({"reason": "Darum."}, "reason"),
        ({"reason": "x" * 4001}, "reason"),
        ({"nominatorName": ""}, "nominatorName"),
        ({"nominatorName": "x" * 201}, "nominatorName"),
        ({"nominatorEmail": ""}, "nominatorEmail"),
        ({"nominatorEmail": "max-at-example.org"}, "nominatorEmail"),
        ({"nominatorEmail": "max@" + "x" * 250 + ".de"}, "nominatorEmail"),
        ({"nominatorPhone": "ruf mich an"}, "nominatorPhone"),
        ({"nominatorPhone": "0" * 31}, "nominatorPhone"),
        ({"privacyConsent": False}, "privacyConsent"),
        ({"nomineeName": "Null\x00byte"}, "nomineeName"),
        ({"nomineeName": "Test \ud800 Person"}, "nomineeName"),
        ({"reason": "Ein langer Grund mit kaputtem Zeichen \udc00 darin."}, "reason"),
    ],
)
def test_invalid_input_names_the_field_and_stores_nothing(
    graphql, tree, areas, overrides, field, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    result = nominate(graphql, django_capture_on_commit_callbacks, **overrides)
    assert result["ok"] is False
    assert result["reference"] is None
    assert [error["field"] for error in result["errors"]] == [field]
    message = result["errors"][0]["message"]
    assert message and "This field" not in message and "Enter a valid" not in message
    assert Nomination.objects.count() == 0
    assert mail.outbox == []


HOSTILE_LINES = "Eve\nBcc: victim@example.net\nSubject: pwned\n\nKlicken Sie http://evil.example"


@pytest.mark.django_db
def test_confirmation_is_a_fixed_text_without_echoed_input(
    graphql, tree, areas, people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    result = nominate(
        graphql,
        django_capture_on_commit_callbacks,
        nomineeName="Guten Tag Eve Bcc: victim@example.net Subject: pwned",
        nominatorName="Eve Bcc: victim@example.net Subject: pwned",
        reason=HOSTILE_LINES,
        nominatorEmail="victim@example.org",
    )
    assert result["ok"] is True, result
    confirmation = next(m for m in mail.outbox if m.to == ["victim@example.org"])
    message = confirmation.message().as_string()
    for echoed in ("Eve", "Bcc", "victim@example.net", "pwned", "evil.example"):
        assert echoed not in confirmation.subject
        assert echoed not in confirmation.body
        assert echoed not in message
    assert result["reference"] in confirmation.subject
    assert result["reference"] in confirmation.body
    assert confirmation.bcc == [] and confirmation.cc == []
    # The coordination's internal notice links to the admin; the details stay there.
    notice = next(m for m in mail.outbox if m is not confirmation)
    assert "pwned" not in notice.body


@pytest.mark.django_db
@pytest.mark.parametrize("website", ["http://spam.example", " "])
def test_honeypot_answers_like_a_success_and_stores_nothing(
    graphql, tree, areas, people, website, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    result = nominate(graphql, django_capture_on_commit_callbacks, website=website)
    assert result["ok"] is True
    assert result["errors"] == []
    assert result["reference"].startswith(f"GB-{timezone.localdate().year}-")
    assert len(result["reference"]) == len("GB-2026-7KX4QM")
    assert Nomination.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_honeypot_with_invalid_input_reports_the_other_fields(
    graphql, tree, areas, django_capture_on_commit_callbacks
):
    result = nominate(
        graphql, django_capture_on_commit_callbacks, website="http://spam.example", reason=""
    )
    assert result["ok"] is False
    assert [error["field"] for error in result["errors"]] == ["reason"]
    assert Nomination.objects.count() == 0


@pytest.mark.django_db
def test_each_problem_is_reported(graphql, tree, areas, django_capture_on_commit_callbacks):
    result = nominate(
        graphql,
        django_capture_on_commit_callbacks,
        nomineeName="",
        nominatorEmail="kaputt",
        privacyConsent=False,
        town="atlantis",
    )
    assert result["ok"] is False
    assert {error["field"] for error in result["errors"]} == {
        "nomineeName",
        "nominatorEmail",
        "privacyConsent",
        "town",
    }
    assert Nomination.objects.count() == 0


@pytest.mark.django_db
def test_german_messages(graphql, tree, areas, django_capture_on_commit_callbacks):
    result = nominate(
        graphql, django_capture_on_commit_callbacks, nominatorEmail="kaputt", town="atlantis"
    )
    messages = {error["field"]: error["message"] for error in result["errors"]}
    assert messages["nominatorEmail"] == "Bitte eine gültige E-Mail-Adresse angeben."
    assert messages["town"] == "Diese Partnerstadt ist nicht bekannt."


@pytest.mark.django_db
def test_draft_town_and_area_are_refused(graphql, tree, areas, django_capture_on_commit_callbacks):
    PartnerCityFactory(name="Zerbst/Anhalt", slug="zerbst", live=False)
    EngagementAreaFactory(name="Geheimbereich", slug="geheimbereich", live=False)
    result = nominate(graphql, django_capture_on_commit_callbacks, town="zerbst")
    assert [error["field"] for error in result["errors"]] == ["town"]
    result = nominate(graphql, django_capture_on_commit_callbacks, areas=["geheimbereich"])
    assert [error["field"] for error in result["errors"]] == ["areas"]
    assert Nomination.objects.count() == 0


@pytest.mark.django_db
def test_missing_required_input_is_a_bad_user_input_error(graphql, tree):
    data = valid_input()
    del data["privacyConsent"]
    response = graphql.post(NOMINATE, {"input": data})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert Nomination.objects.count() == 0


@pytest.mark.django_db
def test_mutation_is_refused_over_get(graphql, tree, areas):
    response = graphql.get(NOMINATE, {"input": valid_input()})
    assert response.status_code == 405
    assert Nomination.objects.count() == 0


@pytest.mark.django_db
def test_rate_limit_per_ip(graphql, tree, areas, settings, django_capture_on_commit_callbacks):
    settings.NOMINATION_RATE_LIMIT = 2
    for _ in range(2):
        assert nominate(graphql, django_capture_on_commit_callbacks)["ok"] is True
    response = graphql.post(NOMINATE, {"input": valid_input()})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= settings.NOMINATION_RATE_LIMIT_WINDOW
    payload = response.json()
    assert payload["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert "Traceback" not in response.content.decode()
    assert Nomination.objects.count() == 2
    # Another client is not affected.
    other = graphql.post(NOMINATE, {"input": valid_input()}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    assert other.json()["data"]["nominate"]["ok"] is True
    # Queries are not limited by the nomination limit.
    assert graphql.data("{ partnerCities { slug } }")["partnerCities"]


@pytest.mark.django_db
def test_invalid_attempts_count_against_the_limit(graphql, tree, areas, settings):
    settings.NOMINATION_RATE_LIMIT = 2
    for _ in range(2):
        result = graphql.data(NOMINATE, {"input": valid_input(privacyConsent=False)})
        assert result["nominate"]["ok"] is False
    assert graphql.post(NOMINATE, {"input": valid_input()}).status_code == 429
    assert Nomination.objects.count() == 0


# --- Nominator data never leaves through the API -------------------------------------------------


def test_no_output_type_carries_nomination_data():
    type_map = schema.graphql_schema.type_map
    assert "Nomination" not in type_map
    for name, gql_type in type_map.items():
        if isinstance(gql_type, (GraphQLObjectType, GraphQLInterfaceType)):
            assert not any(field.startswith("nominator") for field in gql_type.fields), name
            assert "nominations" not in gql_type.fields, name


@pytest.mark.django_db
def test_nominator_data_is_not_queryable(graphql, tree, areas, django_capture_on_commit_callbacks):
    nominate(graphql, django_capture_on_commit_callbacks, nominatorEmail="geheim@example.org")
    data = graphql.data('{ __type(name: "Nomination") { name } }')
    assert data["__type"] is None
    for term in ("geheim@example.org", "Mustermann", "Hanna Helferin"):
        query = '{ search(query: "%s") { __typename } }' % term
        assert graphql.data(query)["search"] == []
    errors = graphql.errors("{ nominations { nominatorEmail } }")
    assert errors[0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


# --- Admin ----------------------------------------------------------------------------------------


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


# --- Retention ------------------------------------------------------------------------------------


@pytest.fixture
def aged(tree):
    old = timezone.now() - datetime.timedelta(days=181)
    recent = timezone.now() - datetime.timedelta(days=10)

    def make(status, created_at, **kwargs):
        return NominationFactory(town=tree.dessau, status=status, created_at=created_at, **kwargs)

    return {
        "old_rejected": make(Nomination.Status.REJECTED, old),
        "old_accepted": make(Nomination.Status.ACCEPTED, old),
        "old_new": make(Nomination.Status.NEW, old),
        "old_in_review": make(Nomination.Status.IN_REVIEW, old),
        "recent_rejected": make(Nomination.Status.REJECTED, recent),
    }


def _unchanged(nomination):
    before = (nomination.nominator_name, nomination.nominator_email, nomination.nominee_name)
    nomination.refresh_from_db()
    return (
        nomination.nominator_name,
        nomination.nominator_email,
        nomination.nominee_name,
    ) == before and nomination.anonymised_at is None


@pytest.mark.django_db
def test_purge_anonymises_old_closed_nominations_only(aged, capsys):
    call_command("purge_nominations")
    assert "2 " in capsys.readouterr().out
    for key in ("old_rejected", "old_accepted"):
        nomination = aged[key]
        nomination.refresh_from_db()
        assert nomination.anonymised_at is not None
        assert nomination.nominator_name == ANONYMISED
        assert nomination.nominator_email == ""
        assert nomination.nominator_phone == ""
        assert nomination.town_id is not None
    for key in ("old_new", "old_in_review", "recent_rejected"):
        assert _unchanged(aged[key]), key
    assert Nomination.objects.count() == 5
    # Running again finds nothing left to do.
    call_command("purge_nominations")
    assert "0 " in capsys.readouterr().out


@pytest.mark.django_db
def test_purge_dry_run_changes_nothing(aged, capsys):
    call_command("purge_nominations", "--dry-run")
    assert "2 " in capsys.readouterr().out
    for nomination in aged.values():
        assert _unchanged(nomination)


@pytest.mark.django_db
def test_purge_delete(aged, capsys):
    call_command("purge_nominations", "--delete")
    assert "2 " in capsys.readouterr().out
    remaining = set(Nomination.objects.values_list("pk", flat=True))
    assert remaining == {aged[k].pk for k in ("old_new", "old_in_review", "recent_rejected")}


@pytest.mark.django_db
def test_purge_follows_the_retention_setting(aged, settings):
    settings.NOMINATION_RETENTION_DAYS = 5
    call_command("purge_nominations")
    aged["recent_rejected"].refresh_from_db()
    assert aged["recent_rejected"].anonymised_at is not None
    assert _unchanged(aged["old_new"])


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


# Tests here count nominations against their rate limit exactly (see `one_rate_window`).
pytestmark = pytest.mark.usefixtures("one_nomination_rate_window")
