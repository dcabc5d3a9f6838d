"""The per-process cache of parsed and validated documents (cms/graphql/documents.py `documents`),
and the rendition look-up that writes no prefetched rendition back into the rendition cache
(media.models.Image.get_rendition): two costs of every uncached list request."""

import pytest
from django.core.cache import caches
from wagtail.images.models import Filter

from cms.graphql import documents as parsing
from media.models import Image, Rendition
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

DEEP = "{ campaign { children { children { slug } } } }"


@pytest.fixture(autouse=True)
def _empty_documents():
    parsing.documents.clear()
    yield
    parsing.documents.clear()


def test_a_repeated_query_is_parsed_once(graphql, tree):
    first = graphql.data(DEEP)
    document = parsing.documents.parse(DEEP)
    assert graphql.data(DEEP) == first
    assert parsing.documents.parse(DEEP) is document  # the same parsed document, not a new one


def test_a_changed_limit_validates_the_cached_document_again(graphql, tree, settings):
    graphql.data(DEEP)  # validated under the default depth limit, and cached
    settings.GRAPHQL_MAX_DEPTH = 2
    errors = graphql.errors(DEEP)
    assert "Tiefe" in errors[0]["message"], errors
    settings.GRAPHQL_MAX_DEPTH = 10
    graphql.data(DEEP)


def test_a_document_that_failed_validation_fails_every_time(graphql, tree):
    bad = "{ campaign { noSuchField } }"
    for _ in range(3):
        errors = graphql.errors(bad)
        assert "noSuchField" in errors[0]["message"]


def test_the_cache_keeps_the_most_recent_queries_only(monkeypatch):
    monkeypatch.setattr(parsing._Documents, "SIZE", 2)
    documents = parsing._Documents()
    first = documents.parse("{ a }")
    documents.parse("{ b }")
    assert documents.parse("{ a }") is first  # used again: now the most recent
    documents.parse("{ c }")  # drops "{ b }", the least recently used
    assert documents.parse("{ a }") is first
    assert len(documents._parsed) == 2 and "{ b }" not in documents._parsed
    assert len(documents._validated) == 2


def _cache_key(image, spec):
    filter = Filter(spec=spec)
    return Rendition.construct_cache_key(image, filter.get_cache_key(image), filter.spec)


def test_a_prefetched_rendition_is_not_written_to_the_rendition_cache():
    image = ImageFactory()
    made = image.get_rendition("fill-400x400")
    renditions = caches["renditions"]
    renditions.clear()
    prefetched = Image.objects.prefetch_related("renditions").get(pk=image.pk)
    assert prefetched.get_rendition("fill-400x400").pk == made.pk
    assert renditions.get(_cache_key(image, "fill-400x400")) is None


def test_a_rendition_read_from_the_database_is_cached_for_the_next_request():
    image = ImageFactory()
    made = image.get_rendition("max-800x600")
    caches["renditions"].clear()
    fresh = Image.objects.get(pk=image.pk)
    assert fresh.get_rendition(Filter(spec="max-800x600")).pk == made.pk
    assert caches["renditions"].get(_cache_key(image, "max-800x600")).pk == made.pk


def test_a_missing_rendition_is_made_once():
    image = ImageFactory()
    first = image.get_rendition("width-300")
    again = Image.objects.get(pk=image.pk).get_rendition("width-300")
    assert first.pk == again.pk
    assert Rendition.objects.filter(image=image, filter_spec="width-300").count() == 1


def test_a_filter_that_is_no_filter_is_refused():
    with pytest.raises(Exception, match="Unrecognised filter format"):
        ImageFactory().get_rendition(42)
