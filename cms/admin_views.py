"""Admin for partner API keys (Einstellungen → API-Schlüssel), for the coordination group.

A new key is shown once, in the confirmation message; only its hash is stored. Revoking is
unticking "aktiv" (the key stops working at once) or deleting the record.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from cms.models import PartnerApiKey


class IssueApiKeyView(CreateView):
    def save_instance(self):
        self.raw_key = self.form.instance.assign_new_key()
        return super().save_instance()

    def get_success_message(self, instance):
        return _(
            "API-Schlüssel für „%(name)s“ angelegt. Er wird nur jetzt angezeigt – bitte sicher "
            "an den Partner übermitteln: %(key)s"
        ) % {"name": instance.name, "key": self.raw_key}


class PartnerApiKeyViewSet(ModelViewSet):
    model = PartnerApiKey
    icon = "key"
    menu_label = _("API-Schlüssel")
    add_to_settings_menu = True
    add_view_class = IssueApiKeyView
    form_fields = ["name", "rate_limit", "active"]
    list_display = ["name", "prefix", "rate_limit", "active", "created_at"]
    list_filter = ["active"]
    search_fields = ["name", "prefix"]
