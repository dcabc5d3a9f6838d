from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import CreateView

from .models import Endpoint
from .tasks import send_test


class CreateEndpointView(CreateView):
    """The secret is made with the endpoint and shown once, in the confirmation message."""

    def get_success_message(self, instance):
        return _(
            "Webhook-Empfänger „%(name)s“ angelegt. Sein Signaturschlüssel wird nur jetzt "
            "angezeigt – bitte sicher an den Partner übermitteln: %(secret)s"
        ) % {"name": instance.name, "secret": instance.secret}


@require_POST
def send_test_message(request, pk):
    """ "Test senden": a signed test message to the endpoint, now; the answer as a message."""
    if not request.user.has_perm("webhooks.change_endpoint"):
        raise PermissionDenied
    endpoint = get_object_or_404(Endpoint, pk=pk)
    result = send_test(endpoint)
    if result.ok:
        messages.success(
            request,
            _("Test an „%(name)s“ zugestellt: HTTP %(code)s in %(ms)s ms.")
            % {"name": endpoint.name, "code": result.status_code, "ms": result.duration_ms},
        )
    else:
        messages.error(
            request,
            _("Test an „%(name)s“ fehlgeschlagen: %(why)s")
            % {
                "name": endpoint.name,
                "why": result.error or f"HTTP {result.status_code}",
            },
        )
    return redirect("webhook_endpoints:edit", endpoint.pk)
