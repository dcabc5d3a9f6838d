"""Error codes of the public API (docs/api.md, "Errors").

Messages are German msgids (the project's source language), translated when an error is raised
or answered, in the request's language: the public API follows Accept-Language (cms/i18n.py),
English from locale/en. The constants below are msgids only (`gettext_noop`): translate them
with `gettext` where they are used. Clients branch on `extensions.code`, never on the text.
"""

import re

from django.utils.translation import gettext, gettext_noop
from graphql import GraphQLError, ValuesOfCorrectTypeRule, print_ast

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


# graphql-core's own messages about input objects (ValuesOfCorrectTypeRule, graphql-core 3.2).
_MISSING_FIELD = re.compile(r"^Field '\w+\.(\w+)' of required type '([^']+)' was not provided\.")
_UNKNOWN_FIELD = re.compile(r"^Field '(\w+)' is not defined by type '\w+'\.")
_SHOWN_VALUE_LENGTH = 40


class ArgumentValuesRule(ValuesOfCorrectTypeRule):
    """graphql-core's check that every literal has its argument's type, answering in the
    request's language (German by default) and naming the argument in `extensions.argument`,
    as every other argument error does: `perPage: "zwei"` says that perPage expects a
    PositiveInt. Replaces ValuesOfCorrectTypeRule in the validation rules (validation.py)."""

    def __init__(self, context):
        super().__init__(context)
        self.argument = None  # the argument whose value is being checked
        self.value_node = None  # the literal being checked (None: an input object's fields)

    def enter_argument(self, node, *_args):
        self.argument = node.name.value

    def leave_argument(self, node, *_args):
        self.argument = None

    def is_valid_value_node(self, node):
        self.value_node = node
        try:
            super().is_valid_value_node(node)
        finally:
            self.value_node = None

    def enter_null_value(self, node, *args):
        self.value_node = node
        try:
            super().enter_null_value(node, *args)
        finally:
            self.value_node = None

    def report_error(self, error):
        message = self.message(error)
        extensions = {"code": VALIDATION_FAILED}
        if self.argument:
            extensions["argument"] = self.argument
        super().report_error(GraphQLError(message, error.nodes, extensions=extensions))

    def message(self, error):
        argument = self.argument or gettext("Der Wert")
        if self.value_node is not None:
            value = print_ast(self.value_node)
            if len(value) > _SHOWN_VALUE_LENGTH:
                value = value[: _SHOWN_VALUE_LENGTH - 1] + "…"
            values = {"argument": argument, "type": self.context.get_input_type(), "value": value}
            if not self.argument:  # a variable's default value
                return gettext("Erwartet wird ein Wert vom Typ %(type)s, nicht %(value)s.") % values
            expected = gettext(
                "%(argument)s erwartet einen Wert vom Typ %(type)s, nicht %(value)s."
            )
            return expected % values
        missing = _MISSING_FIELD.match(error.message)
        if missing:
            return gettext("%(argument)s: Das Feld %(field)s (Typ %(type)s) fehlt.") % {
                "argument": argument,
                "field": missing.group(1),
                "type": missing.group(2),
            }
        unknown = _UNKNOWN_FIELD.match(error.message)
        if unknown:
            return gettext("%(argument)s: Ein Feld %(field)s gibt es nicht.") % {
                "argument": argument,
                "field": unknown.group(1),
            }
        return gettext("%(argument)s hat einen ungültigen Wert.") % {"argument": argument}
