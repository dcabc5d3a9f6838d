"""Languages (issue 12): the admin stays German, the public API may follow the browser.

Django's LocaleMiddleware picks the language from Accept-Language. With English among
LANGUAGES (a content language), a browser asking for English would switch Wagtail's admin, its
login page and every page an editor sees. Here only the public API (GraphQL, REST) follows
Accept-Language; everything else is German unless the editor chose another language in their
account (Wagtail's admin applies that preference per view, on top of this).
"""

from django.conf import settings
from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers

# Public, machine-facing paths: their messages may follow Accept-Language.
PUBLIC_API_PREFIXES = ("/graphql/", "/api/")


def follows_accept_language(path):
    return path.startswith(PUBLIC_API_PREFIXES)


class LocaleMiddleware(locale.LocaleMiddleware):
    """Not Django's path logic: page addresses carry a language prefix (`i18n_patterns` in
    cms/urls.py, for the pages' `url`), which would pin every unprefixed path, the API's
    included, to German."""

    def process_request(self, request):
        if follows_accept_language(request.path_info):
            language = translation.get_language_from_request(request, check_path=False)
        else:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if follows_accept_language(request.path_info):
            patch_vary_headers(response, ("Accept-Language",))
        # Elsewhere the language does not depend on the request's headers: no Vary.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


# wagtail-localize writes the dates of its translation editor ("Manuell übersetzt am …", "last
# published") with strftime("%-d %B %Y"): the month in English whatever the admin's language.
GERMAN_DATE = "%d.%m.%Y"


def german_dates_in_the_translation_editor():
    """Its two modules read the format they imported; a numeric date reads the same in every
    language (called once, from CmsConfig.ready)."""
    from wagtail_localize import models
    from wagtail_localize.views import edit_translation

    models.DATE_FORMAT = edit_translation.DATE_FORMAT = GERMAN_DATE
