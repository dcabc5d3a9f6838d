"""Admin: the configurator (Einbetten) and the per-town settings (Einstellungen →
Einbettungen), both for Koordination (the model permissions of TownEmbed)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .models import TownEmbed


class TownEmbedViewSet(ModelViewSet):
    model = TownEmbed
    icon = "code"
    menu_label = _("Einbettungen")
    add_to_settings_menu = True
    list_display = ["town", "enabled", "allowed_origins"]
    panels = [FieldPanel("town"), FieldPanel("enabled"), FieldPanel("allowed_origins")]


@hooks.register("register_admin_viewset")
def register_town_embed_viewset():
    return TownEmbedViewSet("town_embeds", url_prefix="einbettungen")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("einbetten/", admin_views.ConfiguratorView.as_view(), name="embed_configurator")]


class ConfiguratorMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_configure(request.user)


@hooks.register("register_admin_menu_item")
def register_configurator_menu_item():
    return ConfiguratorMenuItem(
        _("Einbetten"), reverse("embed_configurator"), icon_name="code", order=260
    )
