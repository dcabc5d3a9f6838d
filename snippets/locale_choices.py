"""One language per form and per chooser: a page or snippet in one language offers the
translatable snippets (towns, organisations, contacts, engagement areas) of that language only.

Forms: `limit_to_locale` narrows every choice of a translatable model in a form and its inline
forms. Whatever the object already refers to stays valid, so saving never drops a choice
silently; it is simply not offered again once removed.

Chooser modals: Wagtail opens them with the edited object's language (`?locale=` from
`ACTIVE_CONTENT_LOCALE`), but then offers "Alle" languages, and its search dropped the language
(and failed with it chosen, until the snippets' `search_fields` listed `locale`). With a language
given, `SameLocaleChooserViewSet` keeps it: no language filter to change, and searches and
further pages carry the `locale` parameter along.

Listings: a snippet listing shows one language, German unless another is picked in its
"Sprache" filter (Wagtail's listing mixed all three).

The chooser's heading reads in German word order, "Ansprechperson auswählen": Wagtail puts
"Auswählen" (msgid "Choose", also every chooser button's label, so not a locale/de change) as
title and the snippet's name as subtitle behind it.
"""

from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import IndexView

LOCALE_PARAMETER = "locale"


def _is_translatable_choice(field):
    return isinstance(field, forms.ModelChoiceField) and issubclass(
        field.queryset.model, TranslatableMixin
    )


def _limit_form(form, locale):
    for name, field in form.fields.items():
        if not _is_translatable_choice(field):
            continue
        chosen = form.initial.get(name)
        if isinstance(chosen, str) or not hasattr(chosen, "__iter__"):
            chosen = [chosen]
        chosen_pks = [getattr(value, "pk", value) for value in chosen if value is not None]
        field.queryset = field.queryset.filter(Q(locale=locale) | Q(pk__in=chosen_pks))


def limit_to_locale(form, locale):
    """Offer only `locale`'s objects in every translatable choice of `form` and its inline
    forms (Wagtail's formsets, e.g. a programme's funders), keeping what is already chosen."""
    if locale is None:
        return
    _limit_form(form, locale)
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            limit_to_locale(child, locale)
        # Forms made later (the inline panel's template for "add", `empty_form`) too: a
        # subclass for this formset alone, never a change to the shared form class.
        formset.form = _in_locale(formset.form, locale)


def _in_locale(form_class, locale):
    class InLocale(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            limit_to_locale(self, locale)

    InLocale.__name__ = form_class.__name__
    return InLocale


def locale_of(form, parent_page=None):
    """The language of the object a form edits: its own, else its parent page's."""
    instance = form.instance
    if getattr(instance, "locale_id", None):
        return instance.locale
    return getattr(parent_page, "locale", None)


class SameLocaleModelForm(WagtailAdminModelForm):
    """Base form of a translatable snippet that refers to other translatable snippets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_to_locale(self, locale_of(self))


class SameLocaleChooseMixin:
    """A chooser asked for one language shows only that language, in its pages and searches
    too; without one it offers every language under a German label."""

    @property
    def requested_locale(self):
        code = self.request.GET.get(LOCALE_PARAMETER)
        if not code or not self.i18n_enabled:
            return None
        return Locale.objects.filter(language_code=code).first()

    def get_filter_form_class(self):
        form_class = super().get_filter_form_class()
        fixed = self.requested_locale is not None

        class FilterForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if fixed:
                    self.fields.pop(LOCALE_PARAMETER, None)
                elif LOCALE_PARAMETER in self.fields:
                    self.fields[LOCALE_PARAMETER].label = _("Sprache")

        return FilterForm

    def filter_object_list(self, objects):
        locale = self.requested_locale  # before the search, which returns no queryset
        if locale is not None:
            objects = objects.filter(locale=locale)
        return super().filter_object_list(objects)


class SameLocaleChooseView(SameLocaleChooseMixin, ChooseView):
    page_subtitle = None  # the snippet's name is in the title (SameLocaleChooserViewSet)


class SameLocaleChooseResultsView(SameLocaleChooseMixin, ChooseResultsView):
    pass


class SameLocaleChooserViewSet(SnippetChooserViewSet):
    # Searches and further pages ask for the same language (the views take this list from here).
    preserve_url_parameters = [*SnippetChooserViewSet.preserve_url_parameters, LOCALE_PARAMETER]
    choose_view_class = SameLocaleChooseView
    choose_results_view_class = SameLocaleChooseResultsView

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_title = _("%(model_name)s auswählen") % {
            "model_name": capfirst(self.model._meta.verbose_name)
        }


class OneLanguageIndexView(IndexView):
    """Without a language in the address, the listing's "Sprache" filter is the default
    language's (German); Wagtail's own shows every language, mixed."""

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if self.i18n_enabled and LOCALE_PARAMETER not in kwargs["data"]:
            kwargs["data"] = kwargs["data"].copy()
            kwargs["data"][LOCALE_PARAMETER] = Locale.get_default().language_code
        return kwargs
