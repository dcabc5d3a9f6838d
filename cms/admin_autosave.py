"""Add forms that do not save themselves in the background.

Wagtail's autosave creates the object on the first autosave of an add form (a draft page, a
draft snippet), so every add form opened, typed into and left behind left a draft behind. An
object exists once the editor saves it; leaving the form unsaved still asks first (Wagtail's
unsaved-changes warning). Used by the page add view (editorial/page_views.py) and the partner
snippets' add views (snippets/wagtail_hooks.py).
"""

from django.utils.translation import gettext_lazy as _


class AddFormWithoutAutosave:
    """For a Wagtail add view (pages' or a generic/snippet one): no autosave controller on the
    form, and a JSON post (an old tab's autosave) creates nothing."""

    unsaved_message = _("Ein neuer Eintrag wird erst beim Speichern angelegt.")

    def post(self, request, *args, **kwargs):
        if self.expects_json_response:
            return self.json_error_response("blocked_by_hook", str(self.unsaved_message))
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(autosave_enabled=False, autosave_indicator=None)
        return context
