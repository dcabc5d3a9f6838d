"""The partner snippets' root queries in grapple's schema; their admin viewsets: search,
list filters, German labels, add forms without autosave."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from cms.admin_autosave import AddFormWithoutAutosave
from cms.admin_columns import YesNoColumn

from .graphql import SnippetQueries
from .locale_choices import OneLanguageIndexView, SameLocaleChooserViewSet, SameLocaleModelForm
from .models import ContactPerson, EngagementArea, Organisation, PartnerCity


@hooks.register("register_schema_query")
def register_queries(query_mixins):
    query_mixins.append(SnippetQueries)


class LiveOnlyForReadersMixin:
    """Users who may only view snippets (the editors, who need them for choosers) see the
    published ones: a draft partner town or organisation is Koordination's business."""

    def get_queryset(self, request):
        queryset = self.model._default_manager.all()
        may_edit = self.permission_policy.user_has_any_permission(
            request.user, {"add", "change", "publish"}
        )
        return queryset if may_edit else queryset.filter(live=True)


class OneLanguageMixin:
    """A snippet's form offers the other snippets of its own language, its chooser keeps to
    the language it is opened for, and its listing shows one language (German unless another
    is picked): snippets/locale_choices.py."""

    chooser_viewset_class = SameLocaleChooserViewSet
    index_view_class = OneLanguageIndexView

    def get_edit_handler(self):
        handler = ObjectList(self.model.panels, base_form_class=SameLocaleModelForm)
        return handler.bind_to_model(self.model)


class CreateViewWithoutAutosave(AddFormWithoutAutosave, CreateView):
    """An add form opened and left unsaved leaves no draft town, organisation, contact or
    area (cms/admin_autosave.py)."""


class PartnerSnippetViewSet(OneLanguageMixin, LiveOnlyForReadersMixin, SnippetViewSet):
    add_view_class = CreateViewWithoutAutosave


class PartnerCityViewSet(PartnerSnippetViewSet):
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


class OrganisationViewSet(PartnerSnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisationen")
    list_display = ["name", "role", "website", LiveStatusTagColumn()]
    list_filter = ["role", "live"]
    search_fields = ["name"]
    search_backend_name = None  # plain `name__icontains`: tiny tables, partial words match


class ContactPersonViewSet(PartnerSnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Ansprechpersonen")
    list_display = ["name", "role", "department", "email", LiveStatusTagColumn()]
    list_filter = ["department", "live"]
    search_fields = ["name", "department"]
    search_backend_name = None


class EngagementAreaViewSet(PartnerSnippetViewSet):
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
