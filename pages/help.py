"""The German guide to the Glücksbringer process, in the admin ("Anleitung Glücksbringer")."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.templatetags.wagtailcore_tags import wagtail_feature_release_editor_guide_link

HELP_URL_NAME = "pages_help"


class HelpView(WagtailAdminTemplateMixin, TemplateView):
    """Open to every admin user: it describes the process, nothing of its content."""

    template_name = "pages/help.html"
    page_title = _("Anleitung Glücksbringer")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["wagtail_guide_url"] = wagtail_feature_release_editor_guide_link()
        return context
