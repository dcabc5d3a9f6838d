"""Admin and API integration of nominations.

- `nominate` mutation in grapple's schema (register_schema_mutation);
- "Nominierungen" in the admin menu, for the coordination group only (model permissions);
- "Als Porträt-Entwurf anlegen": a POST-only admin URL, logged in the audit log.
"""

import django_filters
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

from snippets.models import PartnerCity

from . import views
from .graphql import NominationMutations
from .models import Nomination


@hooks.register("register_schema_mutation")
def register_mutations(mutation_mixins):
    mutation_mixins.append(NominationMutations)


class NominationFilterSet(WagtailFilterSet):
    """Each town once (the German record), matching nominations for any of its language
    versions: a nomination sent in English names the English record of its town."""

    town = django_filters.ModelChoiceFilter(
        label=_("Partnerstadt"),
        queryset=lambda request: PartnerCity.objects.filter(locale=Locale.get_default()),
        empty_label=_("Alle"),
        method="filter_town",
    )

    class Meta:
        model = Nomination
        fields = ["status", "town"]

    def filter_town(self, queryset, name, town):
        return queryset.filter(town__translation_key=town.translation_key)


class NominationViewSet(ModelViewSet):
    """Nominations come in through the API only: no add or copy view here."""

    model = Nomination
    name = "nominations"
    icon = "mail"
    menu_label = _("Nominierungen")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = [
        "reference",
        "nominee_name",
        Column("nominee_kind", label=_("Art"), accessor="get_nominee_kind_display"),
        "town",
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Eingegangen am")),
    ]
    filterset_class = NominationFilterSet
    search_fields = ["reference", "nominee_name", "nominator_name", "nominator_email"]
    search_backend_name = None
    ordering = ["-created_at"]
    panels = [FieldPanel("status"), FieldPanel("internal_note")]
    edit_template_name = "nominations/edit.html"

    def construct_view(self, view_class, **kwargs):
        return views.forbidden_on_permission_denied(super().construct_view(view_class, **kwargs))

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]


nomination_viewset = NominationViewSet()


@hooks.register("register_admin_viewset")
def register_nomination_viewset():
    return nomination_viewset


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "nominierungen/<int:pk>/portraet-entwurf/",
            views.convert_to_portrait,
            name="nominations_convert",
        )
    ]


@hooks.register("register_log_actions")
def register_nomination_log_actions(actions):
    actions.register_action(
        views.CONVERTED_ACTION,
        _("Als Porträt-Entwurf angelegt"),
        _("Als Porträt-Entwurf angelegt"),
    )
