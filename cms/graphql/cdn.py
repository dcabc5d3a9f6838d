"""The CDN in front of GET /graphql/ (docs/api-caching.md): how long it may keep an answer, and
its purge on every content change. Connected in CmsConfig.ready(), so every process that
changes content purges: the web server, the scheduler, the task worker, management commands."""

from django.conf import settings
from django.db import connection, transaction
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache


def cdn_max_age():
    """Seconds a CDN may keep a GET answer without asking again (`s-maxage`): GRAPHQL_CDN_MAX_AGE,
    but only with a purge-capable CDN configured (WAGTAILFRONTENDCACHE, GRAPHQL_CDN_PURGE_URLS),
    else 0."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None) and settings.GRAPHQL_CDN_PURGE_URLS:
        return max(0, settings.GRAPHQL_CDN_MAX_AGE)
    return 0


def _purge_cdn():
    purge_urls_from_cache(settings.GRAPHQL_CDN_PURGE_URLS)


def purge_cdn_on_commit(sender, **kwargs):
    """Every content change purges the GraphQL GET answers from the CDN once it commits
    (Wagtail's frontend-cache backends; several changes in one transaction: one purge). Nothing
    is purged for a change that is rolled back."""
    if not cdn_max_age():
        return
    pending = (callback for _savepoints, callback, *_rest in connection.run_on_commit)
    if connection.in_atomic_block and _purge_cdn in pending:
        return
    transaction.on_commit(_purge_cdn, robust=True)
