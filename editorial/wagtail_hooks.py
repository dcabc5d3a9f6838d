"""Admin integration of the editorial workflow."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from pages.models import PortraitPage

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "portraets/<int:page_id>/einwilligung-widerrufen/",
            views.WithdrawConsentView.as_view(),
            name="editorial_withdraw_consent",
        ),
        path(
            "seiten/<int:page_id>/vorschau-token/",
            views.PreviewTokenView.as_view(),
            name="editorial_preview_token",
        ),
        path(
            "publikationsplan/",
            views.PublicationPlanView.as_view(),
            name="editorial_publication_plan",
        ),
    ]


class PublicationPlanMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_plan(request.user)


@hooks.register("register_admin_menu_item")
def register_publication_plan_menu_item():
    return PublicationPlanMenuItem(
        _("Publikationsplan"),
        reverse("editorial_publication_plan"),
        icon_name="calendar",
        order=250,
    )


def _withdraw_button(page, user, priority=90):
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if not isinstance(specific, PortraitPage) or specific.consent_withdrawn_at:
        return []
    if not page.permissions_for_user(user).can_publish():
        return []
    return [
        Button(
            _("Einwilligung widerrufen"),
            reverse("editorial_withdraw_consent", args=(page.pk,)),
            icon_name="warning",
            priority=priority,
        )
    ]


@hooks.register("register_page_header_buttons")
def withdraw_consent_header_button(page, user, view_name=None, next_url=None):
    return _withdraw_button(page, user)


@hooks.register("register_page_header_buttons")
def preview_token_header_button(page, user, view_name=None, next_url=None):
    if page.depth < 2 or not page.permissions_for_user(user).can_edit():
        return []
    return [
        Button(
            _("Vorschau für Partner-Websites"),
            reverse("editorial_preview_token", args=(page.pk,)),
            icon_name="view",
            priority=80,
        )
    ]


@hooks.register("register_page_listing_more_buttons")
def withdraw_consent_listing_button(page, user, next_url=None):
    return _withdraw_button(page, user)


@hooks.register("register_log_actions")
def register_consent_log_actions(actions):
    actions.register_action(
        "pages.consent_withdrawn", _("Einwilligung widerrufen"), _("Einwilligung widerrufen")
    )
