"""The CDN or Varnish in front of the public API (docs/api-caching.md): how long it may keep an
answer, and its purge or ban (cms/httpcache.py) once per committed content change. Connected in
CmsConfig.ready(), so every process that changes content purges: the web server, the scheduler,
the task worker, management commands."""

import threading
from functools import partial

from django.conf import settings
from django.db import transaction

# The purge this thread has asked for and not yet made: every change of one transaction asks
# with the same token, and the first of its on-commit callbacks purges (`_purge`).
_pending = threading.local()


def cdn_max_age():
    """Seconds a CDN may keep a GET answer without asking again (`s-maxage`): GRAPHQL_CDN_MAX_AGE,
    but only with a purge-capable CDN configured (WAGTAILFRONTENDCACHE, GRAPHQL_CDN_PURGE_URLS),
    else 0."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None) and settings.GRAPHQL_CDN_PURGE_URLS:
        return max(0, settings.GRAPHQL_CDN_MAX_AGE)
    return 0


def _purge(token):
    """Purge once for all the changes that asked with `token`: the first callback purges, the
    others of the same commit find the token made."""
    if getattr(_pending, "token", None) is not token:
        return
    _pending.token = None
    from cms.httpcache import ban_content  # it imports cdn_max_age from here

    ban_content(settings.GRAPHQL_CDN_PURGE_URLS)


def purge_cdn_on_commit(sender, **kwargs):
    """Every content change purges the GraphQL GET answers from the CDN once it commits
    (Wagtail's frontend-cache backends; several changes in one transaction: one purge). Nothing
    is purged for a change that is rolled back: its callback goes with it, and the token stays
    pending for the next change, whose own callback then purges."""
    if not cdn_max_age():
        return
    token = getattr(_pending, "token", None)
    if token is None:
        token = _pending.token = object()
    transaction.on_commit(partial(_purge, token), robust=True)
