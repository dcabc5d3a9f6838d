"""Checks of bounded arguments (ids, orders, page sizes, renditions, srcSet sizes) as every
resolver gets them; the same rules run once per request before execution
(cms/graphql/arguments.py)."""

from django.conf import settings
from django.utils.translation import gettext
from graphql import get_named_type

from .errors import UserInputError

PAGE_ORDERS = frozenset(
    prefix + name
    for name in ("title", "first_published_at", "last_published_at")
    for prefix in ("", "-")
)
MEDIA_ORDERS = frozenset(prefix + name for name in ("title", "created_at") for prefix in ("", "-"))
TAG_ORDERS = frozenset({"name", "-name"})


def _valid_id(value):
    text = str(value).strip()
    return text.isdigit() and 0 < int(text) < 2**63


def check_page_size(argument, value):
    """`perPage` or `limit`: 1 to GRAPHQL_MAX_PAGE_SIZE (before execution, and in every
    resolver)."""
    if not 1 <= value <= settings.GRAPHQL_MAX_PAGE_SIZE:
        raise UserInputError(
            gettext("%(argument)s muss zwischen 1 und %(maximum)s liegen.")
            % {"argument": argument, "maximum": settings.GRAPHQL_MAX_PAGE_SIZE},
            argument,
        )


def check_page(value):
    if value < 1:
        raise UserInputError(gettext("page beginnt bei 1."), "page")


class ArgumentLimitMiddleware:
    """Checks bounded arguments on every field, nested ones included, as the resolver gets
    them: ids, orders, renditions, and srcSet's sizes de-duplicated. Page sizes, page numbers
    and the lengths of values were checked once before execution (cms/graphql/arguments.py);
    they are checked here again as the resolver's own guard."""

    def resolve(self, next_, root, info, **kwargs):
        if not kwargs and info.field_name not in ("rendition", "srcSet"):
            return next_(root, info)  # most fields: nothing to check
        for name in ("per_page", "limit"):
            if kwargs.get(name) is not None:
                check_page_size("perPage" if name == "per_page" else name, kwargs[name])
        identifier = kwargs.get("id")
        if identifier is not None and not _valid_id(identifier):
            raise UserInputError(
                gettext("id muss eine ganze Zahl zwischen 1 und 2^63-1 sein."), "id"
            )
        if kwargs.get("page") is not None:
            check_page(kwargs["page"])
        order = kwargs.get("order")
        if order is not None:
            named = get_named_type(info.return_type).name
            allowed = {"Image": MEDIA_ORDERS, "Document": MEDIA_ORDERS, "TagObjectType": TAG_ORDERS}
            allowed = allowed.get(named, PAGE_ORDERS)
            if order not in allowed and info.field_name != "portraits":
                raise UserInputError(
                    gettext("Unbekannte Sortierung. Erlaubt: %(allowed)s.")
                    % {"allowed": ", ".join(sorted(allowed))},
                    "order",
                )
        if info.field_name == "rendition":
            check_rendition(kwargs)
        elif info.field_name == "srcSet":
            kwargs = check_src_set(kwargs)
        return next_(root, info, **kwargs)


def allowed_image_filters():
    return settings.GRAPPLE["ALLOWED_IMAGE_FILTERS"]


def check_rendition(kwargs):
    spec = "|".join(f"{key}-{value}" for key, value in kwargs.items() if key != "preserve_svg")
    if spec not in allowed_image_filters():
        raise UserInputError(
            gettext(
                "Bildgröße „%(spec)s“ ist nicht erlaubt. Erlaubt: %(allowed)s "
                "(jeweils auch mit format-webp oder format-jpeg)."
            )
            % {"spec": spec, "allowed": ", ".join(settings.GRAPHQL_ALLOWED_IMAGE_FILTERS)},
            "rendition",
        )


def allowed_src_set_widths(suffix=""):
    """The widths srcSet may ask for: the allowed `width-N` filters (with the format suffix)."""
    widths = []
    for spec in allowed_image_filters():
        base, _, rest = spec.partition("|")
        if base.startswith("width-") and (f"|{rest}" if rest else "") == suffix:
            widths.append(int(base.removeprefix("width-")))
    return sorted(widths)


def check_src_set(kwargs):
    """The arguments with `sizes` de-duplicated (each size is rendered once); more distinct sizes
    than GRAPHQL_MAX_SRCSET_SIZES, or a size not allowed, is an error."""
    sizes = list(dict.fromkeys(kwargs.get("sizes") or []))
    maximum = settings.GRAPHQL_MAX_SRCSET_SIZES
    if len(sizes) > maximum:
        raise UserInputError(
            gettext("sizes darf höchstens %(maximum)s verschiedene Breiten enthalten.")
            % {"maximum": maximum},
            "sizes",
        )
    if "sizes" in kwargs:
        kwargs = {**kwargs, "sizes": sizes}
    suffix = f"|format-{kwargs['format']}" if kwargs.get("format") else ""
    refused = [
        str(width) for width in sizes if f"width-{width}{suffix}" not in allowed_image_filters()
    ]
    if refused:
        raise UserInputError(
            gettext(
                "Breiten %(refused)s sind nicht erlaubt (Format: %(format)s). Erlaubt: %(allowed)s."
            )
            % {
                "refused": ", ".join(refused),
                "format": kwargs.get("format") or "original",
                "allowed": ", ".join(str(width) for width in allowed_src_set_widths(suffix)),
            },
            "sizes",
        )
    return kwargs
