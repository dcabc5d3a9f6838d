"""Content languages in the API (issue 12): a `locale` argument on the root fields, and
`locale: String!` on every page and translatable snippet type.

A root field's `locale` (default: the default content language, German) decides the language
of everything below it: the root field's own lookup and every nested list (children, areas,
…), which ask the visibility policy (`visibility.content_locale_q`). graphql-core resolves one
root field's whole subtree before the next root field starts, so two root fields of one
request may ask for different languages. An unknown code is a client error listing the valid
ones.
"""

from graphql import GraphQLArgument, GraphQLField, GraphQLNonNull, GraphQLString
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale

from . import visibility
from .errors import UserInputError

# Root fields that take `locale`: ours and grapple's generic ones (shared/API.md + issue 12).
LOCALE_ROOT_FIELDS = (
    "portraits",
    "portrait",
    "programmes",
    "programme",
    "campaign",
    "partnerCities",
    "organisations",
    "contacts",
    "engagementAreas",
    "page",
    "pages",
    "search",
)
ARGUMENT_DESCRIPTION = (
    "Sprache der Inhalte: de (Standard), en oder de-x-ls (Leichte Sprache). "
    "Fehlt eine Übersetzung, fehlt der Eintrag in dieser Sprache."
)


def content_languages():
    """The codes of the content languages (WAGTAIL_CONTENT_LANGUAGES), the default first."""
    return list(get_content_languages())


def checked(code):
    """A content language code as the client sent it, or a client error listing the valid
    ones. None stays None: the visibility policy's default (`visibility.content_locale_q`)."""
    if code is None:
        return None
    if code not in content_languages():
        raise UserInputError(
            f"Unbekannte Sprache „{code}“. Erlaubt: {', '.join(content_languages())}.", "locale"
        )
    return code


class ContentLocaleMiddleware:
    """On a root field: takes its `locale` argument (its resolver never sees it), checks it and
    makes it the content language until the next root field."""

    def resolve(self, next_, root, info, **kwargs):
        if info.parent_type is info.schema.query_type:
            visibility.use_content_language(checked(kwargs.pop("locale", None)))
        return next_(root, info, **kwargs)


def _language_code(obj, info):
    """The code of an object's locale. The locales (a handful of rows) are read once per
    request, not once per object."""
    context = info.context
    codes = getattr(context, "_graphql_locale_codes", None)
    if codes is None:
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        context._graphql_locale_codes = codes
    return codes.get(obj.locale_id) or Locale.objects.get(pk=obj.locale_id).language_code


def add_locale_fields(graphql_schema, type_names):
    """`locale` arguments on the root fields, and `locale: String!` on the types named (page
    types, their interface, translatable snippet types): the code of the content language."""
    query = graphql_schema.query_type
    for name in LOCALE_ROOT_FIELDS:
        field = query.fields.get(name)
        if field is not None:
            field.args["locale"] = GraphQLArgument(GraphQLString, description=ARGUMENT_DESCRIPTION)
    for name in type_names:
        graphql_schema.type_map[name].fields["locale"] = GraphQLField(
            GraphQLNonNull(GraphQLString),
            description="Sprache dieses Inhalts (de, en, de-x-ls).",
            resolve=_language_code,
        )
