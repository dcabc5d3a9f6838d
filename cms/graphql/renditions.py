"""Which renditions a GraphQL request asks for, so that a list fetches those and no others.

A photo has a rendition for every allowed size and format (media/tasks.py prepares them all):
prefetching all of them for a 20-portrait list builds about 500 model instances per request.
`requested_specs(info)` reads the `rendition(...)` and `srcSet(...)` fields below the resolved
field (fragments included, variables resolved) and returns their filter specs, as the allowed
list spells them (grapple joins the arguments in the schema's order, the list in its own:
compared as sets of parts).
"""

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode
from graphql.utilities import value_from_ast_untyped

from .argument_checks import allowed_image_filters

IMAGE_ARGUMENTS_NOT_IN_SPEC = frozenset({"preserveSvg"})


def _fields(selection_set, fragments, seen):
    for selection in selection_set.selections if selection_set else ():
        if isinstance(selection, FieldNode):
            yield selection
            yield from _fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name not in seen and name in fragments:
                seen.add(name)
                yield from _fields(fragments[name].selection_set, fragments, seen)


def _arguments(field, variables):
    return {
        argument.name.value: value_from_ast_untyped(argument.value, variables)
        for argument in field.arguments or ()
        if argument.name.value not in IMAGE_ARGUMENTS_NOT_IN_SPEC
    }


def _parts(arguments):
    return frozenset(f"{key}-{value}" for key, value in arguments.items() if value is not None)


def requested_specs(info):
    """The allowed filter specs of every `rendition` and `srcSet` below the field being
    resolved (empty: no rendition asked for)."""
    wanted = set()
    seen = set()
    for node in info.field_nodes:
        for field in _fields(node.selection_set, info.fragments, seen):
            name = field.name.value
            if name == "rendition":
                wanted.add(_parts(_arguments(field, info.variable_values)))
            elif name == "srcSet":
                arguments = _arguments(field, info.variable_values)
                sizes = arguments.pop("sizes", None) or ()
                for size in sizes if isinstance(sizes, list) else [sizes]:
                    wanted.add(_parts({"width": size, **arguments}))
    return sorted(spec for spec in allowed_image_filters() if frozenset(spec.split("|")) in wanted)


def resolve_src_set(image, info, sizes=None, format=None, preserve_svg=True, **kwargs):
    """grapple's `srcSet`, naming each real width once. A width filter never enlarges: on an
    800 px original, `width-1200` is the original size under another name, and a srcset that
    lists `800w` twice leaves the browser to pick between two files of one width. Of the
    requested sizes that come out the same width only the first is rendered and listed (the
    sizes arrive checked and de-duplicated: cms/graphql/argument_checks.py)."""
    from grapple.types.images import ImageObjectType
    from grapple.utils import get_media_item_url

    if not image.file.name:
        return ""
    format_kwarg = {"format": format} if format else {}
    widths, entries = set(), []
    for size in sizes or ():
        if min(size, image.width or size) in widths:
            continue  # same real width as an earlier size: not even rendered
        rendition = ImageObjectType.resolve_rendition(
            image, info, width=size, preserve_svg=preserve_svg, **format_kwarg
        )
        if rendition is None or rendition.width in widths:
            continue
        widths.add(rendition.width)
        entries.append(f"{get_media_item_url(rendition)} {rendition.width}w")
    return ", ".join(entries)
