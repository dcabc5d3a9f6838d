"""The configurator (admin: Einbetten): choose what a partner site shows, see it in the real
element, copy the snippet."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .configurator import ConfiguratorForm, snippets
from .models import TownEmbed


def may_configure(user):
    return user.has_perm("embed.change_townembed")


class ConfiguratorView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "embed/configurator.html"
    page_title = _("Einbetten")
    header_icon = "code"

    def dispatch(self, request, *args, **kwargs):
        if not may_configure(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        query = self.request.GET
        form = ConfiguratorForm(query if "variant" in query else None)
        made = None
        if form.is_bound and form.is_valid():
            made = snippets(form.cleaned_data, self.request.build_absolute_uri("/").rstrip("/"))
        elif not form.is_bound:
            initial = {name: field.initial for name, field in form.fields.items()}
            made = snippets(
                {**initial, "variant": "portraits", "town": "", "area": ""},
                self.request.build_absolute_uri("/").rstrip("/"),
            )
        return super().get_context_data(
            form=form,
            made=made,
            towns=TownEmbed.objects.select_related("town").order_by("town__name"),
            settings_url=reverse("town_embeds:index"),
            **kwargs,
        )
