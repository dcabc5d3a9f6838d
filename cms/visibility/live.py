"""Visible snippets: those that meet every snippet rule the apps registered
(`rules.snippet_rule`; snippets/visibility.py: a snippet with a draft state is seen only if
live), in the request's content language."""

from wagtail.models import TranslatableMixin

from .request import in_content_language
from .rules import registry


def is_snippet_visible(obj):
    return obj is not None and all(rule.shows(obj) for rule in registry.snippet_rules)


def snippet_or_none(obj):
    return obj if is_snippet_visible(obj) else None


def live_snippets(objects):
    """Filter an iterable (often a prefetched relation) of snippets in memory."""
    return [obj for obj in objects if is_snippet_visible(obj)]


def snippets(model, any_language=False):
    """Visible snippets of a model, in the request's content language unless `any_language`."""
    qs = model.objects.all()
    for rule in registry.snippet_rules:
        q = rule.q(model)
        if q is not None:
            qs = qs.filter(q)
    if issubclass(model, TranslatableMixin) and not any_language:
        qs = in_content_language(qs, lambda: snippets(model, any_language=True))
    return qs
