"""Admin viewsets for the partner snippets: search, list filters, German labels."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.admin_columns import YesNoColumn

from .models import ContactPerson, EngagementArea, Organisation, PartnerCity


class PartnerCityViewSet(SnippetViewSet):
    model = PartnerCity
    icon = "site"
    menu_label = _("Partnerstädte")
    list_display = [
        "name",
        "slug",
        "member_since",
        YesNoColumn("is_coordinating", label=_("koordiniert")),
        LiveStatusTagColumn(),
    ]
    list_filter = ["is_coordinating", "live"]
    search_fields = ["name"]
    search_backend_name = None  # plain `name__icontains`: tiny tables, partial words match
    ordering = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisationen")
    list_display = ["name", "role", "website", LiveStatusTagColumn()]
    list_filter = ["role", "live"]
    search_fields = ["name"]
    search_backend_name = None  # plain `name__icontains`: tiny tables, partial words match


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Ansprechpersonen")
    list_display = ["name", "role", "department", "email", LiveStatusTagColumn()]
    list_filter = ["department", "live"]
    search_fields = ["name", "department"]
    search_backend_name = None


class EngagementAreaViewSet(SnippetViewSet):
    model = EngagementArea
    icon = "tag"
    menu_label = _("Engagementbereiche")
    list_display = ["name", "slug", LiveStatusTagColumn()]
    list_filter = ["live"]
    search_fields = ["name"]
    search_backend_name = None  # plain `name__icontains`: tiny tables, partial words match


class PartnerViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Partner")
    menu_icon = "group"
    menu_order = 300
    items = (PartnerCityViewSet, OrganisationViewSet, ContactPersonViewSet, EngagementAreaViewSet)


register_snippet(PartnerViewSetGroup)
