"""Reading the environment in the settings (cms/settings/base.py, the one module that reads
it): comma-separated lists, yes or no, whole numbers, web addresses."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    """The yes or no in the variable `name` (1/true/yes/on or 0/false/no/off, any case);
    `default` when it is unset or empty. Anything else stops the start with the variable's
    name, rather than being taken as no."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    """The whole number in the variable `name`; `default` (which may be None) when it is unset."""
    value = os.environ.get(name)
    return default if value is None else int(value)


def env_url(name, default=""):
    """The http(s) address in the variable `name`, without a trailing slash; `default` when it
    is unset or empty. Anything else (a host without scheme, a typo) stops the start with the
    variable's name."""
    value = os.environ.get(name, "").strip().rstrip("/")
    if not value:
        return default
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(f"{name} must be an http(s) address, not {value!r}.")
    return value
