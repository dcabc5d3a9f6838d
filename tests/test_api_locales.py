"""Content languages in the API (issue 12): `locale` on the root fields, `locale` on the
types, no leak across languages (a draft translation of a live German page, a live translation
of a withdrawn portrait), an unknown locale a clear error, and list query counts the same in
every language."""

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.graphql.locales import content_languages
from tests.factories import EngagementAreaFactory, publish
from tests.helpers.content import (
    TRANSLATED,
    publish_translation,
    six_translated_portraits,
    translate_campaign,
)

pytestmark = pytest.mark.django_db


LIST = """query($locale: String) {
  portraits(locale: $locale) { items { id slug locale town { slug locale } areas { slug locale } } }
}"""


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_language_lists_its_own_translations(graphql, tree, people, published_portrait, code):
    sport = EngagementAreaFactory(name="Sport", slug="sport")
    published_portrait.areas.set([sport])
    publish(published_portrait)
    translation = publish_translation(tree, people["coordinator"], code, published_portrait, sport)

    items = graphql.data(LIST, {"locale": code})["portraits"]["items"]
    assert [item["id"] for item in items] == [str(translation.pk)]
    assert items[0]["locale"] == code
    assert items[0]["town"]["locale"] == code and items[0]["areas"] == [
        {"slug": "sport", "locale": code}
    ]
    german = graphql.data(LIST)["portraits"]["items"]
    assert [item["id"] for item in german] == [str(published_portrait.pk)]
    assert german[0]["locale"] == "de" and german[0]["areas"][0]["locale"] == "de"
    assert graphql.data(LIST, {"locale": "de"}) == graphql.data(LIST)


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_draft_translation_of_a_live_page_is_invisible(
    graphql, tree, people, published_portrait, code
):
    locale = Locale.objects.get(language_code=code)
    draft = translate_campaign(tree, people["coordinator"], locale, published_portrait).specific
    assert published_portrait.live and not draft.live
    data = graphql.data(
        """query($locale: String, $slug: String) {
             portraits(locale: $locale) { items { id } }
             portrait(locale: $locale, slug: $slug) { id }
             campaign(locale: $locale) { id }
             pages(locale: $locale) { id }
             search(locale: $locale, query: "Helga") { ... on PortraitPage { id } } }""",
        {"locale": code, "slug": draft.slug},
    )
    assert data["portraits"]["items"] == [] and data["portrait"] is None
    assert data["campaign"] is None and data["pages"] == []
    assert not [hit for hit in data["search"] if hit]


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_live_translation_of_a_withdrawn_portrait_is_invisible(
    graphql, tree, people, published_portrait, code
):
    translation = publish_translation(tree, people["coordinator"], code, published_portrait)
    query = """query($locale: String, $slug: String) {
        portraits(locale: $locale) { items { id } } portrait(locale: $locale, slug: $slug) { id }
        search(locale: $locale, query: "Helga") { ... on PortraitPage { id } } }"""
    variables = {"locale": code, "slug": translation.slug}
    assert graphql.data(query, variables)["portrait"] == {"id": str(translation.pk)}

    with TestCase.captureOnCommitCallbacks(execute=True):
        published_portrait.withdraw_consent(by=people["coordinator"])
    data = graphql.data(query, variables)
    assert data["portraits"]["items"] == [] and data["portrait"] is None
    assert not [hit for hit in data["search"] if hit]


def test_two_root_fields_may_ask_for_two_languages(graphql, tree, people, published_portrait):
    translation = publish_translation(tree, people["coordinator"], "en", published_portrait)
    data = graphql.data(
        """{ de: campaign { locale children { locale } }
             en: campaign(locale: "en") { locale children { locale } }
             again: portraits { items { id } } }"""
    )
    for code in ("de", "en"):
        assert data[code]["locale"] == code
        assert {child["locale"] for child in data[code]["children"]} == {code}
    # A root field without `locale` is German again, whatever came before it.
    assert [item["id"] for item in data["again"]["items"]] == [str(published_portrait.pk)]
    assert translation.pk != published_portrait.pk


def test_an_unknown_locale_is_an_error_listing_the_valid_ones(graphql, tree):
    errors = graphql.errors('{ portraits(locale: "fr") { items { id } } }')
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert errors[0]["extensions"]["argument"] == "locale"
    assert errors[0]["path"] == ["portraits"]
    for code in content_languages():
        assert code in errors[0]["message"]
    assert "fr" in errors[0]["message"]


@pytest.mark.parametrize("code", ("de", *TRANSLATED))
def test_a_list_runs_the_same_statements_in_every_language(graphql, tree, people, code):
    six_translated_portraits(tree, people["coordinator"], code)
    query = """query($locale: String, $n: PositiveInt) { portraits(locale: $locale, perPage: $n) {
        items { slug url locale town { name locale } areas { slug locale } } } }"""

    counts = []
    for size in (2, 6):
        graphql.data(query, {"locale": code, "n": size})
        with CaptureQueriesContext(connection) as ctx:
            items = graphql.data(query, {"locale": code, "n": size})["portraits"]["items"]
        assert len(items) == size and {item["locale"] for item in items} == {code}
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_each_translation_has_its_own_address(graphql, tree, people, published_portrait):
    """Wagtail's internationalisation is on: page URLs carry the language (German without a
    prefix), so a partner site can link each translation."""
    for code in TRANSLATED:
        publish_translation(tree, people["coordinator"], code, published_portrait)
    query = """query($locale: String) { portraits(locale: $locale) { items { url } }
        campaign(locale: $locale) { url } }"""
    german = graphql.data(query)
    path = german["portraits"]["items"][0]["url"]
    assert path.startswith("/") and german["campaign"]["url"] == tree.campaign.url
    assert not path.startswith(("/en/", "/de-x-ls/"))
    for code in TRANSLATED:
        data = graphql.data(query, {"locale": code})
        assert data["portraits"]["items"][0]["url"] == f"/{code}{path}"
        assert data["campaign"]["url"] == f"/{code}{german['campaign']['url']}"
