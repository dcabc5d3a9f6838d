"""Admin accounts at the edge: login lockout (django-axes), a throttled password reset, and the
list of current lockouts for Koordination (Einstellungen → Anmeldesperren).

Axes counts failed logins per username and client address (AXES_LOCKOUT_PARAMETERS in
cms/settings/base.py); after LOGIN_FAILURE_LIMIT failures that pair is locked for
LOGIN_LOCKOUT_MINUTES, even for the right password. Other usernames from the same address and
the same username from other addresses still get in, so nobody can lock a colleague out from
afar.
"""

import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views import account
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.rate_limit import client_ip, rate_limited

LOCKOUT_MESSAGE = _(
    "Zu viele fehlgeschlagene Anmeldeversuche: Die Anmeldung mit diesem Benutzernamen ist von "
    "diesem Gerät aus für %(minutes)s Minuten gesperrt. Die Koordination kann die Sperre "
    "vorher aufheben."
)
PASSWORD_RESET_LIMITED = _(
    "Zu viele Anfragen zum Zurücksetzen des Passworts. Bitte versuchen Sie es später erneut."
)


def login_client_ip(request):
    """AXES_CLIENT_IP_CALLABLE: the address rate limits use (TRUSTED_PROXY_COUNT honoured), or
    None when there is no valid one (a test client's force_login, a broken proxy header): axes
    stores it in an IP address column."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def lockout_minutes():
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_message():
    return LOCKOUT_MESSAGE % {"minutes": lockout_minutes()}


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check before Django's ModelBackend. Only logins over HTTP (with a request) are
    counted and locked: a password checked on the command line or in a shell has no client
    address to lock (axes itself refuses those with a ValueError)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: Wagtail's login page with the German lockout message (HTTP 429)
    instead of axes' plain-text answer."""
    username = (credentials or {}).get("username", "")
    form = LoginForm(request=request, initial={"username": username})
    context = {
        "form": form,
        "lockout_message": lockout_message(),
        "show_password_reset": account.password_reset_enabled(),
        "next": request.POST.get("next", ""),
    }
    return render(request, "cms/accounts/lockout.html", context, status=429)


# --- Password reset -----------------------------------------------------------------------------


class ThrottledPasswordResetView(account.PasswordResetView):
    """Wagtail's password reset, with a sliding-window limit per client address and per e-mail
    address (PASSWORD_RESET_RATE_LIMIT per PASSWORD_RESET_RATE_LIMIT_WINDOW seconds): nobody can
    flood an inbox or probe addresses at speed."""

    def form_valid(self, form):
        limit = settings.PASSWORD_RESET_RATE_LIMIT
        window = settings.PASSWORD_RESET_RATE_LIMIT_WINDOW
        email = form.cleaned_data["email"].strip().lower()
        waits = [
            rate_limited("password-reset", f"ip:{client_ip(self.request)}", limit, window),
            rate_limited("password-reset", f"email:{email}", limit, window),
        ]
        if any(waits):
            form.add_error(None, PASSWORD_RESET_LIMITED)
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = str(max(waits))
            return response
        return super().form_valid(form)


# --- Lockouts in the admin ----------------------------------------------------------------------


def current_lockouts():
    """Attempts over the failure limit whose cool-off has not run out."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


class LockoutPermissionPolicy(ModelPermissionPolicy):
    """Lockouts are made by axes, never by hand: only view and delete (= lift)."""

    def user_has_permission(self, user, action):
        return action in ("view", "delete") and super().user_has_permission(user, action)


class LockoutIndexView(IndexView):
    page_title = _("Anmeldesperren")

    def get_base_queryset(self):
        return current_lockouts()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        delete_url = self.get_delete_url(instance)
        for button in buttons:
            if button.url == delete_url:  # deleting the record lifts the lockout
                button.label = _("Sperre aufheben")
                button.icon_name = "lock-open"
        return buttons


class LiftLockoutView(DeleteView):
    page_title = _("Sperre aufheben")

    def get_success_message(self):
        return _("Die Sperre für „%(username)s“ ist aufgehoben.") % {
            "username": self.object.username
        }


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Anmeldesperren")
    add_to_settings_menu = True
    index_view_class = LockoutIndexView
    delete_view_class = LiftLockoutView
    list_display = [
        "username",
        "ip_address",
        "failures_since_start",
        DateColumn("attempt_time", label=_("letzter Versuch")),
    ]
    inspect_view_enabled = False
    form_fields = ["username"]  # the edit form is never reachable (permission policy)


def lockout_viewset():
    """For the register_admin_viewset hook (cms/wagtail_hooks.py)."""
    register_permission_policy(AccessAttempt, LockoutPermissionPolicy(AccessAttempt))
    return LockoutViewSet("lockouts", url_prefix="anmeldesperren")
