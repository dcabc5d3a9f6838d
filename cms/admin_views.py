"""Admin for partner API keys (Einstellungen → API-Schlüssel), for the coordination group.

A new key is shown once, on its own page with a copy button and a warning; only its hash is
stored. Revoking is
unticking "aktiv" (the key stops working at once) or deleting the record.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from cms.admin_columns import YesNoColumn
from cms.models import PartnerApiKey


class IssueApiKeyView(CreateView):
    """Saves the key (and logs it) as Wagtail's create view does, then answers with the one page
    that shows the new key, instead of a message in the listing."""

    def save_instance(self):
        self.raw_key = self.form.instance.assign_new_key()
        return super().save_instance()

    def get_success_message(self, instance):
        return None

    def form_valid(self, form):
        super().form_valid(form)
        return TemplateResponse(
            self.request,
            "cms/api_key_created.html",
            {
                "page_title": _("API-Schlüssel angelegt"),
                "header_icon": "key",
                "name": self.object.name,
                "key": self.raw_key,
                "index_url": reverse("api_keys:index"),
            },
        )


class PartnerApiKeyViewSet(ModelViewSet):
    model = PartnerApiKey
    icon = "key"
    menu_label = _("API-Schlüssel")
    add_to_settings_menu = True
    add_view_class = IssueApiKeyView
    list_display = [
        "name",
        "prefix",
        "rate_limit",
        YesNoColumn("active", label=_("aktiv")),
        DateColumn("created_at", label=_("angelegt am")),
    ]
    list_filter = ["active"]
    search_fields = ["name", "prefix"]

    @property
    def panels(self):
        return [
            FieldPanel("name"),
            FieldPanel(
                "rate_limit",
                help_text=_("Erlaubte Anfragen je %(seconds)s Sekunden.")
                % {"seconds": settings.GRAPHQL_RATE_LIMIT_WINDOW},
            ),
            FieldPanel("active", help_text=_("Abwählen sperrt den Schlüssel sofort.")),
        ]
