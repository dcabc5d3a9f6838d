"""Admin panels of the page forms that are actions, not fields."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class WithdrawConsentPanel(Panel):
    """ "Einwilligung widerrufen" as a button at the top of a live portrait's consent tab, for
    those who may withdraw (who may publish it). The button leads to the confirmation
    (editorial's WithdrawConsentView, reversed by name: pages does not import editorial). A
    draft's withdrawal stays in the page's "…" menu: shown on every draft, the notice would
    push the consent fields down while they are being filled in."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "pages/panels/withdraw_consent.html"

        def is_shown(self):
            page = self.instance
            if not page.pk or not page.live or page.is_consent_withdrawn or self.request is None:
                return False
            return page.permissions_for_user(self.request.user).can_publish()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["url"] = reverse("editorial_withdraw_consent", args=(self.instance.pk,))
            return context
