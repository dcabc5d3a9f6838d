"""Parse and validate a query document, with the limits that keep each step linear in the
document: a scan of the text before the parser (tokens, and the work of checking same-named
fields), the parser's token limit, the document's size and operations, then graphql-core's
validation by rule lists (cms/graphql/validation.py). Parsed documents, and the rule lists they
passed, are kept per process (`documents`)."""

import threading
from collections import OrderedDict

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import gettext
from graphene_django.settings import graphene_settings
from graphql import GraphQLError, parse, validate
from graphql.validation.validate import ValidationAbortedError

from . import arguments, errors


def _too_long():
    return errors.document_error(
        gettext(
            "Die Anfrage ist zu lang (höchstens %(maximum)s Tokens und %(maximum)s Kommentare)."
        )
        % {"maximum": settings.GRAPHQL_MAX_TOKENS}
    )


def _parse(query):
    """graphql-core's parser with a token limit (graphene-django passes none). Before it, a
    scan of the text (a regular expression, `arguments.scan_text`) refuses a text over the
    token limit, or one whose check of same-named fields would take graphql-core most of a
    second, without the parser's tenth of a second."""
    maximum = settings.GRAPHQL_MAX_TOKENS
    tokens, comments, work = arguments.scan_text(query, maximum)
    if tokens > maximum or comments > maximum:
        raise _too_long()
    if work > settings.GRAPHQL_MAX_MERGE_WORK:
        raise arguments.too_much_merge_work()
    try:
        return parse(query, max_lexical_tokens=maximum, max_comments=maximum)
    except GraphQLError as error:
        if "Document contains more than" in error.message:  # tokens or comments
            raise _too_long() from None
        raise


class _Documents:
    """Parsed documents by their query text, and whether they passed validation, for the
    SIZE most recent queries of this process. Partner sites send the same few queries again and
    again; parsing and validating one costs a few milliseconds each time. Forgotten when a limit
    setting changes (tests), so a cached validation always reflects the current limits."""

    SIZE = 256

    def __init__(self):
        self._lock = threading.Lock()
        self._parsed = OrderedDict()  # query text → document
        self._validated = {}  # id(document) → the rule lists (tuples of rule classes) it passed

    def parse(self, query):
        with self._lock:
            known = self._parsed.get(query)
            if known is not None:
                self._parsed.move_to_end(query)
                return known
        document = _parse(query)  # outside the lock; a GraphQLError is not kept
        with self._lock:
            self._parsed[query] = document
            self._validated[id(document)] = set()
            while len(self._parsed) > self.SIZE:
                _, evicted = self._parsed.popitem(last=False)
                self._validated.pop(id(evicted), None)
        return document

    def validate(self, schema, document, rules):
        """graphql-core's validation of `document` by each rule list in `rules` in turn (the
        first that fails answers): errors, or an empty list. A cached document that passed the
        same rules before is not validated again."""
        passed = self._validated.get(id(document))  # a cached document (kept alive there)
        rules = tuple(tuple(rule_list) for rule_list in rules)
        if passed is not None and rules in passed:
            return []
        maximum = graphene_settings.MAX_VALIDATION_ERRORS
        for rule_list in rules:
            failures = validate(schema, document, rule_list, maximum)
            if failures:
                return failures
        if passed is not None:
            passed.add(rules)
        return []

    def clear(self):
        with self._lock:
            self._parsed.clear()
            self._validated.clear()


documents = _Documents()


@receiver(setting_changed)
def _forget_documents(setting, **kwargs):
    if setting.startswith("GRAPHQL") or setting == "GRAPPLE":
        documents.clear()


def refusal(document, operation_name):
    """Why a document is refused before validation (its size counts in every rule), or None."""
    maximum = settings.GRAPHQL_MAX_DEFINITIONS
    if len(document.definitions) > maximum:
        return gettext("Zu viele Definitionen im Dokument (höchstens %(maximum)s).") % {
            "maximum": maximum
        }
    operations = sum(1 for d in document.definitions if d.kind == "operation_definition")
    if operations > 1 and not operation_name:
        return gettext(
            "Das Dokument enthält %(operations)s Operationen: "
            "bitte mit operationName eine davon wählen."
        ) % {"operations": operations}
    return None


def readable(error):
    """graphql-core's "Validation aborted." (its work budget ran out,
    `validation.BoundedMergeRule`) as a message that says why."""
    if isinstance(error, ValidationAbortedError):
        return arguments.too_much_merge_work()
    return error
