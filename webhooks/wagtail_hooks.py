"""Webhooks in the admin (Einstellungen → Webhooks, Webhook-Protokoll), for Koordination only
(model permissions, granted by migration 0002): endpoints with URL, events and "aktiv", the
secret shown once on creation, "Test senden"; every attempt with status code and time."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from cms.admin_columns import YesNoColumn

from . import views
from .forms import EndpointForm
from .models import DeliveryAttempt, Endpoint


class EndpointViewSet(ModelViewSet):
    model = Endpoint
    name = "webhook_endpoints"
    url_prefix = "webhooks"
    icon = "link-external"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    add_view_class = views.CreateEndpointView
    edit_template_name = "webhooks/edit.html"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "name",
        "url",
        Column("events", label=_("Ereignisse"), accessor="get_events_display"),
        YesNoColumn("active", label=_("aktiv")),
        DateColumn("failing_since", label=_("fehlerhaft seit")),
        DateColumn("created_at", label=_("angelegt am")),
    ]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("events"),
            FieldPanel("active", help_text=_("Abwählen hält die Meldungen an diese URL an.")),
        ],
        base_form_class=EndpointForm,
    )


class DeliveryLogViewSet(ModelViewSet):
    """Read only: the attempts, newest first."""

    model = DeliveryAttempt
    name = "webhook_log"
    url_prefix = "webhooks/protokoll"
    icon = "list-ul"
    menu_label = _("Webhook-Protokoll")
    add_to_settings_menu = True
    inspect_view_enabled = False
    list_display = [
        DateColumn("attempted_at", label=_("Zeitpunkt")),
        Column("endpoint", label=_("Empfänger"), accessor="delivery.endpoint"),
        Column("event", label=_("Ereignis"), accessor="delivery.event_type"),
        Column("message_id", label=_("Nachrichten-ID"), accessor="delivery.message_id"),
        "status_code",
        "duration_ms",
        "error",
    ]
    list_filter = ["delivery__endpoint", "status_code"]
    ordering = ["-attempted_at"]
    search_fields = ["delivery__message_id", "delivery__event_type", "error"]
    search_backend_name = None
    form_fields = []  # no add or edit view (get_urlpatterns)

    def get_queryset(self, request):
        return DeliveryAttempt.objects.select_related("delivery__endpoint")

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in ("index", "index_results")]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs}
        )


endpoint_viewset = EndpointViewSet()
log_viewset = DeliveryLogViewSet()


@hooks.register("register_admin_viewset")
def register_endpoint_viewset():
    return endpoint_viewset


@hooks.register("register_admin_viewset")
def register_log_viewset():
    return log_viewset


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("webhooks/<int:pk>/test/", views.send_test_message, name="webhooks_send_test")]
