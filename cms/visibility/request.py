"""What the policy keeps for one request: the content language it asked for, and lookups made
once per request rather than once per object."""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.db.models import Q
from wagtail.coreutils import get_supported_content_language_variant


def default_content_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


# Lookups kept for one request where no GraphQL `info` carries the request (REST serializers).
_request_lookups = contextvars.ContextVar("visibility_request_lookups", default=None)


def request_lookups():
    """The current request's lookups (a dict) inside `one_request()`, else None."""
    return _request_lookups.get()


def content_language():
    """The request's content language and whether it falls back to the default one: what
    its GraphQL root field asked for (`locale`, `fallback`; cms/graphql/locales.py, inside
    `one_request()`), else the default content language (German)."""
    lookups = _request_lookups.get() or {}
    return lookups.get("content_language") or default_content_language(), lookups.get("fallback")


def in_content_language(qs, visible_in_any_language):
    """`qs` in the request's content language. A German list never shows an English page or
    area, and the other way round; with `fallback`, a list in another language also holds the
    German version of what has no visible translation in it (each item's `locale` says so).
    `visible_in_any_language()` gives the visible objects of the same kind in every language:
    a draft translation does not count as a translation."""
    code, fallback = content_language()
    own = Q(locale__language_code=code)
    default = default_content_language()
    if not fallback or code == default:
        return qs.filter(own)
    translated = visible_in_any_language().filter(own).values("translation_key")
    return qs.filter(own | (Q(locale__language_code=default) & ~Q(translation_key__in=translated)))


def use_content_language(code, fallback=False):
    """The content language of what the request looks up next (inside `one_request()`)."""
    lookups = _request_lookups.get()
    if lookups is not None:
        lookups["content_language"] = code
        lookups["fallback"] = bool(fallback)


@contextmanager
def one_request():
    """The block answers one request: lookups the policy makes per request (the withdrawn
    photos) are made once in it, not once per object. The REST views run in it; GraphQL keeps
    them on the request its resolvers get in `info`."""
    token = _request_lookups.set({})
    try:
        yield
    finally:
        _request_lookups.reset(token)
