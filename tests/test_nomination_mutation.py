"""Nominations: the public `nominate` mutation (contract, validation, the fixed confirmation,
the honeypot, the rate limit), and that nominator data never leaves through the API."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from graphql import GraphQLInterfaceType, GraphQLObjectType

from cms.graphql.schema import schema
from nominations.models import Nomination
from tests.factories import EngagementAreaFactory, PartnerCityFactory
from tests.helpers.content import NOMINATE, valid_input
from tests.helpers.nominations import make_areas

# Tests here count nominations against their rate limit exactly (see `one_rate_window`).
pytestmark = pytest.mark.usefixtures("one_rate_window")


@pytest.fixture
def areas(db):
    return make_areas()


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
