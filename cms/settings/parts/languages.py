"""Languages, time zone and date formats (German first; Leichte Sprache). Fixed: no environment
is read here (cms/settings/base.py reads it, once)."""

from django.utils.translation import gettext_lazy as _

LANGUAGE_CODE = "de"
LEICHTE_SPRACHE = "de-x-ls"
LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("Englisch")),
    # Leichte Sprache: a private-use subtag of German (BCP 47 "x-"), as no ISO code exists.
    (LEICHTE_SPRACHE, _("Leichte Sprache")),
]
# The languages pages and snippets are written in (Wagtail's locales; issue 12). German is the
# source of every translation.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    (LEICHTE_SPRACHE, "Leichte Sprache"),
]
# wagtail-localize publishes the translation of a live page at once, past every workflow and the
# portrait's consent guard: off. A translation goes live by its own publish (the page's guards).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
TIME_ZONE = "Europe/Berlin"
# The editors work in Dessau and around: the admin's dates are Berlin time, and the account page
# offers no time zone list (the system's list held "localtime", which Chromium refuses with a
# RangeError on that page).
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
USE_I18N = True
USE_TZ = True
# One German date format everywhere in the admin (cms/formats/de/formats.py): 15.01.2030.
FORMAT_MODULE_PATH = ["cms.formats"]

# German dates in the admin's date pickers (go-live, expiry, date fields); Django's German
# locale formats (USE_L10N is always on) show and accept the same "15.01.2030 10:00".
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
