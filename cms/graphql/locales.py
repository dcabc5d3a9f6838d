"""Content languages in the API (issue 12): `locale` and `fallback` arguments on the root
fields, and `locale: String!` and `translations` on every page and translatable snippet type.

A root field's `locale` (default: the default content language, German) decides the language
of everything below it: the root field's own lookup and every nested list (children, areas,
…), which ask the visibility policy (`visibility.in_content_language`). graphql-core resolves one
root field's whole subtree before the next root field starts, so two root fields of one
request may ask for different languages. An unknown code is a client error listing the valid
ones. With `fallback: true`, a list in another language also holds the German version of
what has no visible translation (its `locale` says "de").

`translations` lists an object's visible versions in the other languages. The versions of every
object of a list are read together, in one statement per list, the first time one of them is
asked for: the middleware notes the lists that root and nested fields return.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext
from graphql import (
    GraphQLArgument,
    GraphQLBoolean,
    GraphQLField,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLString,
)
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page

from cms import visibility
from cms.public_site import public_url

from .errors import UserInputError
from .state import of as request_state

# Root fields that take `locale`: ours and grapple's generic ones (docs/api.md, "Languages").
LOCALE_ROOT_FIELDS = (
    "portraits",
    "portrait",
    "programmes",
    "programme",
    "campaign",
    "partnerCities",
    "partnerCity",
    "organisations",
    "contacts",
    "engagementAreas",
    "page",
    "pages",
    "search",
)
ARGUMENT_DESCRIPTION = (
    "Sprache der Inhalte: de (Standard), en oder de-x-ls (Leichte Sprache). "
    "Fehlt eine Übersetzung, fehlt der Eintrag in dieser Sprache (außer mit fallback)."
)
FALLBACK_DESCRIPTION = (
    "true: Was in der Sprache `locale` nicht (sichtbar) übersetzt ist, kommt auf Deutsch; "
    "sein Feld `locale` ist dann „de“. Standard: false (keine deutschen Einträge)."
)


def content_languages():
    """The codes of the content languages (WAGTAIL_CONTENT_LANGUAGES), the default first."""
    return list(get_content_languages())


def checked(code):
    """A content language code as the client sent it, or a client error listing the valid
    ones. None stays None: the visibility policy's default (`visibility.in_content_language`)."""
    if code is None:
        return None
    if code not in content_languages():
        message = gettext("Unbekannte Sprache „%(code)s“. Erlaubt: %(allowed)s.")
        raise UserInputError(
            message % {"code": code, "allowed": ", ".join(content_languages())}, "locale"
        )
    return code


class ContentLocaleMiddleware:
    """On a root field: takes its `locale` and `fallback` arguments (its resolver never sees
    them), checks them and makes them the content language until the next root field. On
    every field: notes the lists of translatable objects it returns, for `translations`."""

    def resolve(self, next_, root, info, **kwargs):
        if info.parent_type is info.schema.query_type:
            code = checked(kwargs.pop("locale", None))
            visibility.use_content_language(code, kwargs.pop("fallback", None))
        result = next_(root, info, **kwargs)
        if isinstance(result, (QuerySet, list)):
            _lists(info.context).append(result)
        return result


def _lists(context):
    return request_state(context).translatable_lists


def _language_code(obj, info):
    """The code of an object's locale. The locales (a handful of rows) are read once per
    request, not once per object."""
    codes = _locale_codes(info.context)
    return codes.get(obj.locale_id) or Locale.objects.get(pk=obj.locale_id).language_code


def _locale_codes(context):
    state = request_state(context)
    if state.locale_codes is None:
        state.locale_codes = dict(Locale.objects.values_list("pk", "language_code"))
    return state.locale_codes


def _versions(model, keys):
    """The visible versions (every language) of the objects with these translation keys."""
    if issubclass(model, Page):
        qs = visibility.pages(Page.objects.filter(translation_key__in=keys), any_language=True)
        return qs.select_related("locale")
    return visibility.snippets(model, any_language=True).filter(translation_key__in=keys)


def _translations(obj, info):
    """The object's visible versions in the other content languages, in their order. The first
    call for an object reads the versions of every object of the lists noted so far that are
    of its kind, in one statement."""
    context = info.context
    model = obj.get_translation_model()
    known = request_state(context).translations
    if (model, obj.translation_key) not in known:
        keys = {obj.translation_key}
        for objects in _lists(context):
            rows = objects._result_cache if isinstance(objects, QuerySet) else objects
            for other in rows or ():
                if isinstance(other, model) and (model, other.translation_key) not in known:
                    keys.add(other.translation_key)
        for key in keys:
            known[(model, key)] = []
        for version in _versions(model, keys):
            known[(model, version.translation_key)].append(version)
    order = {code: index for index, code in enumerate(content_languages())}
    codes = _locale_codes(context)
    versions = [version for version in known[(model, obj.translation_key)] if version.pk != obj.pk]
    return sorted(versions, key=lambda version: order.get(codes.get(version.locale_id), 99))


def _version_url(version, info):
    return version.url if isinstance(version, Page) else None


def _version_full_url(version, info):
    return public_url(version.url) if isinstance(version, Page) else None


TRANSLATION_TYPE = GraphQLObjectType(
    "Translation",
    description="Eine sichtbare Fassung desselben Inhalts in einer anderen Sprache.",
    fields=lambda: {
        "id": GraphQLField(GraphQLNonNull(GraphQLID), resolve=lambda obj, info: obj.pk),
        "locale": GraphQLField(GraphQLNonNull(GraphQLString), resolve=_language_code),
        "slug": GraphQLField(GraphQLString, resolve=lambda obj, info: getattr(obj, "slug", None)),
        "url": GraphQLField(
            GraphQLString,
            description="Adresse der Seite in dieser Sprache (/en/…); bei Snippets null.",
            resolve=_version_url,
        ),
        "fullUrl": GraphQLField(
            GraphQLString,
            description="Absolute Adresse der Seite in dieser Sprache auf der öffentlichen "
            "Website (PUBLIC_SITE_URL + url); bei Snippets null.",
            resolve=_version_full_url,
        ),
    },
)


def add_locale_fields(graphql_schema, type_names):
    """`locale` and `fallback` arguments on the root fields; `locale: String!` (the code of the
    content language) and `translations` on the types named (page types, their interface,
    translatable snippet types)."""
    query = graphql_schema.query_type
    for name in LOCALE_ROOT_FIELDS:
        field = query.fields.get(name)
        if field is not None:
            field.args["locale"] = GraphQLArgument(GraphQLString, description=ARGUMENT_DESCRIPTION)
            field.args["fallback"] = GraphQLArgument(
                GraphQLBoolean, description=FALLBACK_DESCRIPTION
            )
    graphql_schema.type_map["Translation"] = TRANSLATION_TYPE
    for name in type_names:
        fields = graphql_schema.type_map[name].fields
        fields["locale"] = GraphQLField(
            GraphQLNonNull(GraphQLString),
            description="Sprache dieses Inhalts (de, en, de-x-ls).",
            resolve=_language_code,
        )
        fields["translations"] = GraphQLField(
            GraphQLNonNull(GraphQLList(GraphQLNonNull(TRANSLATION_TYPE))),
            description="Die sichtbaren Fassungen in den anderen Sprachen.",
            resolve=_translations,
        )
