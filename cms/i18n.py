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

# Public, machine-facing paths: their messages may follow Accept-Language.
PUBLIC_API_PREFIXES = ("/graphql/", "/api/")


def follows_accept_language(path):
    return path.startswith(PUBLIC_API_PREFIXES)


class LocaleMiddleware(locale.LocaleMiddleware):
    def process_request(self, request):
        if follows_accept_language(request.path_info):
            return super().process_request(request)
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if follows_accept_language(request.path_info):
            return super().process_response(request, response)
        # The language does not depend on the request's headers here: no Vary: Accept-Language.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
