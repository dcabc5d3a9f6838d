"""Addresses on the public website (PUBLIC_SITE_URL): the CMS is headless, a page's `url` is a
path on the site that shows it."""

from urllib.parse import urlsplit

from django.conf import settings


def public_url(path):
    """The absolute address of a page path on the public site; None without a path or without
    PUBLIC_SITE_URL. An address that is already absolute (a page of another Wagtail site)
    stays as it is."""
    if not path:
        return None
    if urlsplit(path).scheme:
        return path
    base = settings.PUBLIC_SITE_URL
    return f"{base}{path}" if base else None


def site_root():
    """(hostname, port) of PUBLIC_SITE_URL for the Wagtail Site, or None without it."""
    if not settings.PUBLIC_SITE_URL:
        return None
    parts = urlsplit(settings.PUBLIC_SITE_URL)
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
