"""How an error is written into a GraphQL answer: its message (German or English, never a
rejected variable's value) and its `extensions.code` (docs/api.md, "Errors")."""

import logging
import re

from django.core.exceptions import FieldError, ValidationError
from django.utils.translation import gettext, gettext_noop
from graphene_django.views import HttpError
from graphql import GraphQLError

from cms.time_budget import is_timeout
from cms.views import DATABASE_UNAVAILABLE  # a transient outage: HTTP 503

from . import errors

logger = logging.getLogger(__name__)

CLIENT_ERRORS = (FieldError, ValidationError, ValueError, TypeError, LookupError)

# graphql-core repeats a rejected variable's whole value (a Python repr, with the nominator's
# personal data) in its message; keep the variable's name and the reason only.
_VARIABLE_VALUE = re.compile(
    r"^(Variable '\$\w+') got invalid value .*?(?: at '([\w.\[\]]+)')?"
    r"(?:; ((?:Field|Expected|Int|Float|String|Boolean|ID|Enum|Value|Invalid) .*))?$",
    re.S,
)


# graphene-django's own messages (English literals), as our German msgids.
GRAPHENE_MESSAGES = {
    "GraphQL only supports GET and POST requests.": gettext_noop(
        "GraphQL nimmt nur GET- und POST-Anfragen an."
    ),
    "POST body sent invalid JSON.": gettext_noop("Der Anfragekörper ist kein gültiges JSON."),
    "The received data is not a valid JSON query.": gettext_noop(
        "Der Anfragekörper muss ein JSON-Objekt sein."
    ),
    "Variables are invalid JSON.": gettext_noop("variables ist kein gültiges JSON."),
    "Must provide query string.": gettext_noop("Bitte eine Abfrage (query) mitsenden."),
}


def without_values(message):
    match = _VARIABLE_VALUE.match(message or "")
    if not match:
        return message
    variable, path, reason = match.groups()
    # graphql-core's reason stays as graphql-core wrote it (English).
    if path and reason:
        text = gettext("%(variable)s hat einen ungültigen Wert bei '%(path)s': %(reason)s")
    elif path:
        text = gettext("%(variable)s hat einen ungültigen Wert bei '%(path)s'.")
    elif reason:
        text = gettext("%(variable)s hat einen ungültigen Wert: %(reason)s")
    else:
        text = gettext("%(variable)s hat einen ungültigen Wert.")
    return text % {"variable": variable, "path": path, "reason": reason}


def _code_for(error):
    original = getattr(error, "original_error", None)
    if isinstance(error, GraphQLError) and original is None:
        return (error.extensions or {}).get("code") or errors.VALIDATION_FAILED
    if isinstance(original, GraphQLError):
        return (original.extensions or {}).get("code") or errors.BAD_USER_INPUT
    return None


def format_error(error):
    if isinstance(error, HttpError):
        message = error.message or str(error)
        if message in GRAPHENE_MESSAGES:
            message = gettext(GRAPHENE_MESSAGES[message])
        return {
            "message": message,
            "extensions": {"code": errors.BAD_USER_INPUT},
        }
    code = _code_for(error)
    if code is not None:
        formatted = error.formatted
        formatted["message"] = without_values(formatted["message"])
        formatted.setdefault("extensions", {})
        formatted["extensions"] = {**(formatted["extensions"] or {}), "code": code}
        return formatted
    original = getattr(error, "original_error", error)
    formatted = {"message": gettext(errors.GENERIC_MESSAGE)}
    if isinstance(error, GraphQLError):
        formatted = {**error.formatted, "message": gettext(errors.GENERIC_MESSAGE)}
    if is_timeout(original):  # a statement timeout: the query's fault, not an outage
        formatted["message"] = gettext(errors.TIMEOUT_MESSAGE)
        formatted["extensions"] = {"code": errors.BAD_USER_INPUT}
    elif isinstance(original, CLIENT_ERRORS):
        formatted["extensions"] = {"code": errors.BAD_USER_INPUT}
    elif isinstance(original, DATABASE_UNAVAILABLE):  # the answer becomes a 503 (the view)
        formatted["extensions"] = {"code": errors.SERVICE_UNAVAILABLE}
    else:
        logger.error("GraphQL resolver error", exc_info=original)
        formatted["extensions"] = {"code": errors.INTERNAL}
    return formatted
