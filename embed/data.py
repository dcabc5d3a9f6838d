"""The embed's queries run on the server, for the iframe page and oEmbed: the public API's own
pipeline (limits, cost, visibility policy) without HTTP, so the frame shows exactly what the
element shows."""

from graphql import parse

from cms.graphql.views import PublicGraphQLView

from .queries import QUERIES

_view = None


class Answer:
    def __init__(self, result):
        self.data = result.data or {}
        self.errors = list(result.errors or ())

    def error_argument(self):
        """The argument the first error names (`town` for a draft or unknown town), or None."""
        for error in self.errors:
            argument = (getattr(error, "extensions", None) or {}).get("argument")
            original = getattr(error, "original_error", None)
            argument = argument or (getattr(original, "extensions", None) or {}).get("argument")
            if argument:
                return argument
        return None

    def message(self):
        return str(getattr(self.errors[0], "message", self.errors[0])) if self.errors else ""


def ask(request, name, variables):
    global _view  # one view object: its middleware and rule lists are built once
    if _view is None:
        _view = PublicGraphQLView()
    return Answer(_view.run_document(request, parse(QUERIES[name]), variables, None))
