"""The shared HTTP cache in front of the public surfaces (Varnish, deploy/varnish/default.vcl;
docs/api-caching.md): what an answer depends on, and the ban that drops it.

- `SharedCacheMiddleware` names what a public GET answer depends on in `Cache-Tag` ("content":
  any published content; the answer cache in Redis works the same way, one generation for all
  content) and lets a shared cache keep it `s-maxage` seconds when the cache is banned on
  every change (`cdn_max_age`). Never for an answer that sets a cookie, is private or
  `no-store`, or shows a preview (a draft), nor for one computed while a change committed (the
  content generation differs before and after it: its ban may have come first).
- `VarnishBackend` is a Wagtail frontend-cache backend (WAGTAILFRONTENDCACHE) that bans by tag:
  one `BAN` request per committed content change (`ban_content`, called on commit by
  cms/graphql/cdn.py), with a short timeout; a cache that is down or hangs is logged, the
  change stays committed.
"""

import logging
import re
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends

from cms.graphql.cdn import cdn_max_age
from cms.models import ContentGeneration

logger = logging.getLogger(__name__)

CONTENT_TAG = "content"
# The public surfaces a shared cache may keep (the VCL caches the same list).
SHARED_PATHS = re.compile(r"^/(graphql/|api/v2/|embed/(portraits/|v1\.js|v1\.css|frame\.js))")


def _is_preview(request):
    return request.path.startswith("/graphql/") and "token" in request.META.get("QUERY_STRING", "")


class SharedCacheMiddleware:
    """First in MIDDLEWARE (its response step runs last, after sessions and CSRF)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not SHARED_PATHS.match(request.path):
            return self.get_response(request)
        shared = cdn_max_age()
        generation = ContentGeneration.current() if shared else None
        response = self.get_response(request)
        if shared and ContentGeneration.current() != generation:
            # A change committed while this answer was computed: its ban may already have
            # reached the cache, which must not keep what may be the state before it.
            response["Cache-Control"] = "no-store"
            return response
        cache_control = response.get("Cache-Control", "")
        if _is_preview(request) and "s-maxage" in cache_control:
            response["Cache-Control"] = "private, max-age=0, must-revalidate"
            return response
        if (
            response.status_code != 200
            or response.cookies
            or "Authorization" in request.headers
            or re.search(r"no-store|private", cache_control)
        ):
            return response
        response["Cache-Tag"] = CONTENT_TAG
        if shared and "s-maxage" not in cache_control:
            if "max-age" not in cache_control:
                patch_cache_control(response, max_age=0)
            patch_cache_control(response, public=True, s_maxage=shared)
        return response


class BanRequest(Request):
    def __init__(self, url, method, headers):
        super().__init__(url, headers=headers)
        self.method = method

    def get_method(self):
        return self.method


class VarnishBackend(BaseBackend):
    """WAGTAILFRONTENDCACHE = {"varnish": {"BACKEND": "cms.httpcache.VarnishBackend",
    "LOCATION": "http://127.0.0.1:6081", "TIMEOUT": 2}}. `ban_tags` drops every object whose
    `Cache-Tag` names one of the tags; `purge(url)` (Wagtail's own purges) drops everything
    below the URL's path, like the HTTPBackend's PURGE, but with a timeout."""

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.scheme, self.netloc = location.scheme, location.netloc
        self.timeout = float(params.get("TIMEOUT", 2))

    def _send(self, method, path, headers, what):
        url = urlunsplit((self.scheme, self.netloc, path, "", ""))
        try:
            with urlopen(BanRequest(url, method, headers), timeout=self.timeout) as response:  # noqa: S310 - LOCATION is configuration
                response.read()
            return True
        except HTTPError as error:
            logger.error("HTTP cache %s: %s failed: HTTP %s", self.netloc, what, error.code)
        except (URLError, OSError) as error:  # refused, unreachable, timed out
            reason = getattr(error, "reason", error)
            logger.error("HTTP cache %s: %s failed: %s", self.netloc, what, reason)
        return False

    def ban_tags(self, tags):
        # No spaces: Varnish's ban expression splits its arguments at them.
        pattern = r"(^|\s)(" + "|".join(re.escape(tag) for tag in tags) + r")(\s|$)"
        return self._send("BAN", "/", {"X-Ban-Tags": pattern}, f"ban of {', '.join(tags)}")

    def purge(self, url):
        parsed = urlsplit(url)
        headers = {"Host": parsed.netloc} if parsed.netloc else {}
        return self._send("PURGE", parsed.path or "/", headers, f"purge of {url}")


def ban_content(purge_urls):
    """One invalidation per committed change: a tag ban on every backend that bans by tag,
    `purge_urls` through Wagtail's own path (its task) on the others (HTTPBackend,
    CloudFront, …)."""
    backends = get_backends()
    by_url = [name for name, backend in backends.items() if not hasattr(backend, "ban_tags")]
    for name, backend in backends.items():
        if name not in by_url:
            backend.ban_tags([CONTENT_TAG])
    if by_url and purge_urls:
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        purge_urls_from_cache(purge_urls, backends=by_url)
