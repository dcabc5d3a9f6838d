"""HTTP caching of GET answers: ETag, revalidation, and a CDN purged on every content change
(docs/api-caching.md). The CDN is a real HTTP server on 127.0.0.1, reached through Wagtail's
frontend-cache HTTPBackend."""

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from tests.factories import publish

QUERY = "{ campaign { title } }"


class _PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        # Only the API's URLs count (a purge of anything else would be a bug of its own).
        if self.path.startswith("/graphql/"):
            self.server.purges.append((self.path, self.headers["Host"]))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn():
    """A purge target on loopback; `.purges` lists (path, Host) of the PURGE requests."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    server.purges = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def with_cdn(settings, cdn):
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{cdn.server_port}",
        }
    }
    settings.GRAPHQL_CDN_PURGE_URLS = ["https://api.engagiertestadt.example/graphql/"]
    settings.GRAPHQL_CDN_MAX_AGE = 30
    return cdn


@pytest.mark.django_db
def test_get_answers_have_a_strong_etag_of_the_body(graphql, tree):
    response = graphql.get(QUERY)
    assert response.status_code == 200
    assert response["ETag"] == f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"


@pytest.mark.django_db
def test_if_none_match_gives_a_304_also_for_a_weakened_etag(graphql, tree):
    etag = graphql.get(QUERY)["ETag"]
    for sent in (etag, f"W/{etag}", f'"anders", {etag}'):
        response = graphql.get(QUERY, HTTP_IF_NONE_MATCH=sent)
        assert response.status_code == 304, sent
        assert response["ETag"] == etag
    assert graphql.get(QUERY, HTTP_IF_NONE_MATCH='"anders"').status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "{ campaign { nope } }",  # does not validate
        "{ campaign {",  # does not parse
        '{ portrait(id: "abc") { id } }',  # a resolver's error in a 200 answer
    ],
)
def test_error_answers_are_never_stored(graphql, tree, query):
    response = graphql.get(query)
    assert response.json()["errors"]
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


@pytest.mark.django_db
def test_post_answers_are_never_stored(graphql, tree):
    response = graphql.post(QUERY)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_a_cdn_max_age_needs_a_purge_capable_cdn(graphql, tree, settings):
    settings.GRAPHQL_CDN_MAX_AGE = 30
    settings.WAGTAILFRONTENDCACHE = {}
    assert graphql.get(QUERY)["Cache-Control"] == "public, max-age=0, must-revalidate"


@pytest.mark.django_db
def test_with_a_purged_cdn_get_answers_may_stay_there_briefly(graphql, tree, with_cdn):
    response = graphql.get(QUERY)
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=30, must-revalidate"
    assert graphql.get("{ campaign { nope } }")["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_a_content_change_purges_the_graphql_urls_once_it_commits(
    tree, with_cdn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tree.campaign.title = "Glücksbringer 2027"
        tree.campaign.save_revision().publish()
        assert with_cdn.purges == []  # not before the commit
    assert with_cdn.purges == [("/graphql/", "api.engagiertestadt.example")]


@pytest.mark.django_db
def test_many_changes_in_one_transaction_purge_once(
    tree, with_cdn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for section in tree.sections.values():
            section.save_revision().publish()
        tree.campaign.save_revision().publish()
    assert len(with_cdn.purges) == 1


@pytest.mark.django_db
def test_a_rolled_back_change_purges_nothing(tree, with_cdn, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        tree.campaign.save_revision().publish()
        raise RuntimeError("rolled back")
    assert with_cdn.purges == []
    tree.campaign.refresh_from_db()
    publish(tree.campaign)  # the next change that commits purges again
    assert len(with_cdn.purges) == 1


@pytest.mark.django_db
def test_without_a_cdn_max_age_nothing_is_purged(tree, with_cdn, settings):
    settings.GRAPHQL_CDN_MAX_AGE = 0
    publish(tree.campaign)
    assert with_cdn.purges == []
