"""What the apps contribute to the visibility policy, the way grapple lets each app register its
types and Wagtail's hooks let each app add behaviour: the policy composes the rules registered
here and knows no app's models.

Each app registers its rules in a `visibility` module of its own (`pages/visibility.py`: a
portrait needs valid consent, a section a live town; `snippets/visibility.py`: a snippet with
a draft state needs to be live, an organisation's logo is shown with it; `media/visibility.py`:
a photo whose portrait's consent was withdrawn is never shown), which `autodiscover()`
imports once all models are loaded (cms/apps.py). A rule is a function the policy calls when it
builds a query, so each query sees the database as it is then.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class SnippetRule:
    """A condition on snippets: `q(model)` for a queryset of `model` (None: none for that
    model), `shows(obj)` the same for one object in memory."""

    q: Callable
    shows: Callable


@dataclass(frozen=True)
class ImageRule:
    """A condition every shown image must meet: `q()` for a queryset of images, `hidden_ids()`
    the images that fail it (few: looked up once per request for images in visible content)."""

    q: Callable
    hidden_ids: Callable


@dataclass(frozen=True)
class StoredList:
    """A list whose app keeps its order per content generation (pages/list_index.py), so that
    its total and a deep page do not walk every visible row: `visible()` the visible objects
    in the request's content language, ready for a list; `page(qs, start, stop, **arguments)`
    (the rows from `start` to `stop`, the total) of `qs`, a queryset of `visible()` filtered
    and ordered as `arguments` say (the list filter's arguments and `order`)."""

    visible: Callable
    page: Callable


@dataclass
class Rules:
    # () -> ids (a values("pk") queryset) of pages that stay hidden whatever their page state.
    hidden_pages: list = field(default_factory=list)
    # () -> ids of pages that no preview token may show.
    ended_previews: list = field(default_factory=list)
    # () -> ids of images that visible content shows (a portrait's photo, a logo).
    shown_images: list = field(default_factory=list)
    image_rules: list = field(default_factory=list)
    snippet_rules: list = field(default_factory=list)
    # model -> function(queryset, **arguments) filtering a list by the client's arguments.
    list_filters: dict = field(default_factory=dict)
    # model -> function(queryset, renditions=()) fetching what a list shows with it.
    list_relations: dict = field(default_factory=dict)
    # model -> StoredList: lists of `model` read from their stored order (GraphQL and REST).
    stored_lists: dict = field(default_factory=dict)

    def _add(self, rules, rule):
        if rule not in rules:  # an app's module registers once, even if imported again
            rules.append(rule)
        return rule


registry = Rules()


def hide_pages(rule):
    """Register `rule()`: ids of pages hidden whatever their page state. Usable as decorator."""
    return registry._add(registry.hidden_pages, rule)


def end_previews(rule):
    """Register `rule()`: ids of pages no preview may show. Usable as decorator."""
    return registry._add(registry.ended_previews, rule)


def show_images(rule):
    """Register `rule()`: ids of images that visible content shows. Usable as decorator."""
    return registry._add(registry.shown_images, rule)


def image_rule(q, hidden_ids):
    """Register a condition every shown image must meet (`ImageRule`)."""
    registry._add(registry.image_rules, ImageRule(q, hidden_ids))


def snippet_rule(q, shows):
    """Register a condition every snippet must meet (`SnippetRule`)."""
    registry._add(registry.snippet_rules, SnippetRule(q, shows))


def list_filter(model, function):
    """Register the filter of a list of `model` by the client's arguments (GraphQL and REST)."""
    registry.list_filters[model] = function


def list_relations(model, function):
    """Register what a list of `model` fetches with it (select_related, prefetching)."""
    registry.list_relations[model] = function


def stored_list(model, visible, page):
    """Register how lists of `model` are read from their stored order (`StoredList`)."""
    registry.stored_lists[model] = StoredList(visible, page)


def autodiscover():
    """Import every installed app's `visibility` module: each registers its rules."""
    autodiscover_modules("visibility")
