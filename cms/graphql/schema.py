"""The schema served at /graphql/: grapple's, built from the apps' declarations, then changed
where grapple offers no declaration for the change.

Declared, as grapple expects (no rewrite): page, snippet, image and document types and their
`graphql_fields` next to the models; our page interface (GRAPPLE["PAGE_INTERFACE"],
cms/graphql/interfaces.py: every tree path asks the visibility policy); the root fields
(cms/wagtail_hooks.py registers the query mixins; cms/graphql/queries.py replaces grapple's
root resolvers by listing its class first in the Query's bases).

Rewritten after the build, each because grapple cannot express it:

- `prune`: grapple builds every page type from Wagtail's `Page` model with all of its fields
  (draft title, unpublished changes, lock, scheduling, alias, translation key, tree path and
  child count, its reverse relations), and skips exactly those when it computes a type's
  `exclude_fields` (`hasattr(Page, field)` in grapple.actions.load_type_fields); its
  PageInterface declares `live` and `locked`, its collection type `path` and `numchild`, its
  image and document types `fileHash` and `fileSize`. No setting removes a field grapple
  declares, and a graphene subclass inherits every field of its base. A page type keeps its
  interface's fields and its own `graphql_fields`; what remains is listed in
  tests/snapshots/schema.graphql, which a test compares, so a field a new Wagtail or grapple
  version adds shows up in review.
- `replace_nested_resolvers`: grapple's own types (the chooser blocks, SiteObjectType, the
  image's `srcSet`) and every stream-field block's `rawValue` (grapple's StreamFieldInterface,
  which no setting replaces) resolve with grapple's resolvers, which filter by `live` only or
  not at all; there is no hook to give them ours, so the built fields get the policy's
  (cms/graphql/queries.py NESTED_RESOLVERS, cms/graphql/blocks.py).
- `locales.add_locale_fields`: `locale` and `fallback` arguments on grapple's root fields
  (pages, page, search, …), which grapple's registration cannot add to fields it defines; and
  `locale` and `translations` on the translatable types, in the same pass. Those two could be
  declared (our page interface; an interface the snippets name in `graphql_interfaces`), but
  grapple keeps a type's interfaces in a set, so a snippet type with two interfaces lists
  them in a different order from one process to the next, and the committed schema could no
  longer be compared (tried and reverted).
"""

from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLInterfaceType, GraphQLObjectType
from grapple.registry import registry
from grapple.schema import create_schema
from wagtail.models import TranslatableMixin

from . import blocks
from .locales import add_locale_fields
from .queries import NESTED_RESOLVERS

# Fields that are draft-only, editorial or internal, wherever grapple puts them.
DENIED_FIELDS = {
    "draftTitle",
    "hasUnpublishedChanges",
    "locked",
    "lockedAt",
    "latestRevisionCreatedAt",
    "goLiveAt",
    "expireAt",
    "expired",
    "aliasOf",
    "translationKey",
    "path",
    "numchild",
    "live",
    "fileHash",
    "fileSize",
}


def _page_type_names():
    return {node._meta.name for node in registry.pages.values()}


def prune(graphql_schema):
    page_types = _page_type_names()
    interface = graphql_schema.type_map.get("PageInterface")
    interface_fields = set(interface.fields) - DENIED_FIELDS if interface else set()
    for name, gql_type in graphql_schema.type_map.items():
        if name.startswith("__") or not isinstance(
            gql_type, (GraphQLObjectType, GraphQLInterfaceType)
        ):
            continue
        for field_name in list(gql_type.fields):
            denied = field_name in DENIED_FIELDS
            if name in page_types and field_name not in interface_fields:
                denied = denied or not _declared_on_page_model(name, field_name)
            if denied:
                del gql_type.fields[field_name]
    return graphql_schema


def _declared_on_page_model(type_name, field_name):
    for model, node in registry.pages.items():
        if node._meta.name != type_name:
            continue
        declared = set()
        for field in getattr(model, "graphql_fields", []):
            field = field() if callable(field) else field
            if isinstance(field, tuple):
                field = field[0]
            declared.add(to_camel_case(field.field_name))
        return field_name in declared
    return False


def replace_nested_resolvers(graphql_schema):
    for (type_name, field_name), resolver in NESTED_RESOLVERS.items():
        graphql_schema.type_map[type_name].fields[field_name].resolve = resolver
    # Every StreamField block type: rawValue without hidden objects.
    stream_interface = graphql_schema.type_map["StreamFieldInterface"]
    for gql_type in graphql_schema.type_map.values():
        if isinstance(gql_type, GraphQLObjectType) and stream_interface in gql_type.interfaces:
            gql_type.fields["rawValue"].resolve = blocks.resolve_raw_value


def _translatable_type_names():
    """Page types, their interface and the translatable snippet types: those with a locale."""
    names = _page_type_names() | {"PageInterface"}
    for model, node in registry.snippets.items():
        if issubclass(model, TranslatableMixin):
            names.add(node._meta.name)
    return sorted(names)


def build():
    schema = create_schema()
    prune(schema.graphql_schema)
    replace_nested_resolvers(schema.graphql_schema)
    add_locale_fields(schema.graphql_schema, _translatable_type_names())
    return schema


schema = build()
