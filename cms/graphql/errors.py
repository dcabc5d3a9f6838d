"""Error codes of the public API (docs/api.md, "Errors").

Messages are German msgids (the project's source language), translated when an error is raised
or answered, in the request's language: the public API follows Accept-Language (cms/i18n.py),
English from locale/en. The constants below are msgids only (`gettext_noop`): translate them
with `gettext` where they are used. Clients branch on `extensions.code`, never on the text.
"""

from django.utils.translation import gettext, gettext_noop
from graphql import GraphQLError

BAD_USER_INPUT = "BAD_USER_INPUT"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
UNAUTHENTICATED = "UNAUTHENTICATED"
FORBIDDEN = "FORBIDDEN"
RATE_LIMITED = "RATE_LIMITED"
INTERNAL = "INTERNAL_SERVER_ERROR"
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"  # HTTP 503, only while the database is unreachable

GENERIC_MESSAGE = gettext_noop("Die Anfrage konnte nicht verarbeitet werden.")
UNAVAILABLE_MESSAGE = gettext_noop(
    "Der Dienst ist vorübergehend nicht erreichbar. Bitte später erneut versuchen."
)
UNAVAILABLE_RETRY_AFTER = 30  # seconds
TIMEOUT_MESSAGE = gettext_noop(
    "Die Anfrage hat zu lange gedauert und wurde abgebrochen. "
    "Bitte weniger auf einmal abfragen (kleinere Seiten, weniger Felder)."
)
RATE_LIMITED_MESSAGE = gettext_noop("Zu viele Anfragen. Bitte später erneut versuchen.")
UNKNOWN_KEY_MESSAGE = gettext_noop("Unbekannter oder widerrufener API-Schlüssel.")


class UserInputError(GraphQLError):
    """A bad argument or a value over a limit: the client's mistake, said plainly."""

    def __init__(self, message, argument=None):
        extensions = {"code": BAD_USER_INPUT}
        if argument:
            extensions["argument"] = argument
        super().__init__(message, extensions=extensions)


class QueryTimeout(GraphQLError):
    """The request's time budget or a statement timeout ran out: over a limit, the client's
    query (HTTP 400), not an outage."""

    def __init__(self):
        super().__init__(gettext(TIMEOUT_MESSAGE), extensions={"code": BAD_USER_INPUT})


def document_error(message):
    """The document itself is refused (too long, too many operations): nothing was run."""
    return GraphQLError(message, extensions={"code": VALIDATION_FAILED})


class RateLimitedError(GraphQLError):
    """Raised by a resolver (e.g. a mutation with its own limit); the view answers HTTP 429."""

    def __init__(self, retry_after):
        super().__init__(
            gettext(RATE_LIMITED_MESSAGE),
            extensions={"code": RATE_LIMITED, "retryAfter": int(retry_after)},
        )


def error_response(message, code, status):
    """An answer's body and status; `message` is already translated."""
    return {"errors": [{"message": message, "extensions": {"code": code}}]}, status
