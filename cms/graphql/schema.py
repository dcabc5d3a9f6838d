"""The schema served at /graphql/: grapple's, pruned of draft-only and internal fields.

grapple exposes every field the Wagtail base models have (draft title, lock and revision state,
owner, …). A page type keeps only its interface fields and its own `graphql_fields`; what
remains is listed in tests/snapshots/schema.graphql and checked by a test.
"""

from graphql import GraphQLInterfaceType, GraphQLObjectType

# Fields that are draft-only, editorial or internal, wherever they appear.
DENIED_FIELDS = {
    "draftTitle",
    "hasUnpublishedChanges",
    "locked",
    "lockedAt",
    "lockedBy",
    "latestRevision",
    "latestRevisionCreatedAt",
    "liveRevision",
    "owner",
    "goLiveAt",
    "expireAt",
    "expired",
    "aliasOf",
    "translationKey",
    "locale",
    "path",
    "numchild",
    "uploadedByUser",
    "firstPublishedAtForRevision",
    "live",
    "fileHash",
    "fileSize",
}


def _page_type_names(graphql_schema):
    from grapple.registry import registry

    return {node._meta.name for node in registry.pages.values()}


def prune(graphql_schema):
    page_types = _page_type_names(graphql_schema)
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
    from graphene.utils.str_converters import to_camel_case
    from grapple.registry import registry

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
    from . import blocks
    from .queries import NESTED_RESOLVERS

    for (type_name, field_name), resolver in NESTED_RESOLVERS.items():
        graphql_schema.type_map[type_name].fields[field_name].resolve = resolver
    # Every StreamField block type: rawValue without hidden objects.
    stream_interface = graphql_schema.type_map["StreamFieldInterface"]
    for gql_type in graphql_schema.type_map.values():
        if isinstance(gql_type, GraphQLObjectType) and stream_interface in gql_type.interfaces:
            gql_type.fields["rawValue"].resolve = blocks.resolve_raw_value


def _translatable_type_names():
    """Page types, their interface and the translatable snippet types: those with a locale."""
    from grapple.registry import registry
    from wagtail.models import TranslatableMixin

    names = {node._meta.name for node in registry.pages.values()} | {"PageInterface"}
    for model, node in registry.snippets.items():
        if issubclass(model, TranslatableMixin):
            names.add(node._meta.name)
    return sorted(names)


def build():
    from grapple.schema import create_schema

    from .locales import add_locale_fields

    schema = create_schema()
    prune(schema.graphql_schema)
    replace_nested_resolvers(schema.graphql_schema)
    add_locale_fields(schema.graphql_schema, _translatable_type_names())
    return schema


schema = build()
