"""Admin view: turn a nomination into a draft Glücksbringer portrait."""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from pages.forms import free_slug as pages_free_slug
from pages.forms import slug_for
from pages.models import PortraitPage, TownSectionPage

from .models import Nomination

permission_policy = ModelPermissionPolicy(Nomination)

CONVERTED_ACTION = "nominations.converted"


def forbidden_on_permission_denied(view):
    """An HTTP 403 where Wagtail's admin would redirect to the dashboard: whoever may not see
    nominations (the editors) is told so unambiguously, on a page of the admin (its menu, its
    layout) without any nomination on it."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)

    return wrapped


def forbidden(request):
    return TemplateResponse(
        request,
        "nominations/forbidden.html",
        {"header_title": "Kein Zugriff", "page_title": "Kein Zugriff", "header_icon": "lock"},
        status=403,
    )


def body_from_reason(reason):
    """The reason as the story's first draft: one paragraph block per paragraph."""
    paragraphs = [part.strip() for part in reason.replace("\r\n", "\n").split("\n\n")]
    return [
        ("paragraph", "<p>" + escape(part).replace("\n", "<br/>") + "</p>")
        for part in paragraphs
        if part
    ]


def free_slug(section, nomination):
    """An ASCII slug from the nominee's name ("Jürgen Groß" → "juergen-gross"), or from the
    reference when the name has no Latin letters; unique among the section's pages."""
    base = slug_for(nomination.nominee_name) or slugify(f"portraet-{nomination.reference}")
    return pages_free_slug(base, section)


def refuse(request, nomination, message):
    messages.error(request, message)
    return redirect("nominations:edit", nomination.pk)


@forbidden_on_permission_denied
@require_POST
def convert_to_portrait(request, pk):
    """POST only (the admin's CSRF protection applies): create a DRAFT portrait under the
    town's section, mark the nomination accepted and link it, then open the page editor."""
    if not permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    with transaction.atomic():
        nomination = get_object_or_404(Nomination.objects.select_for_update(), pk=pk)
        if nomination.portrait_id is not None:
            return refuse(
                request, nomination, "Aus dieser Nominierung wurde bereits ein Porträt angelegt."
            )
        if nomination.anonymised_at is not None:
            return refuse(request, nomination, "Diese Nominierung ist bereits anonymisiert.")
        if nomination.status == Nomination.Status.REJECTED:
            return refuse(
                request,
                nomination,
                "Diese Nominierung ist abgelehnt. Wer sie doch annehmen will, ändert zuerst den "
                "Status.",
            )
        section = TownSectionPage.objects.filter(town_id=nomination.town_id).first()
        if section is None:
            return refuse(
                request,
                nomination,
                f"Für „{nomination.town.name}“ gibt es noch keinen Bereich in der Kampagne. "
                "Bitte zuerst den Bereich der Partnerstadt anlegen.",
            )
        if not section.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied

        portrait = PortraitPage(
            title=nomination.nominee_name,
            slug=free_slug(section, nomination),
            name=nomination.nominee_name,
            kind=nomination.nominee_kind,
            quote="",
            teaser=Truncator(nomination.reason).chars(600),
            body=body_from_reason(nomination.reason),
            live=False,
            owner=request.user,
        )
        portrait.areas = list(nomination.areas.all())
        try:
            section.add_child(instance=portrait)
        except ValidationError as error:
            transaction.set_rollback(True)
            return refuse(
                request,
                nomination,
                "Der Entwurf ließ sich nicht anlegen: "
                + "; ".join(
                    message for messages_ in error.message_dict.values() for message in messages_
                ),
            )
        portrait.save_revision(user=request.user, clean=False)  # add_child logged the creation

        nomination.portrait = portrait
        nomination.status = Nomination.Status.ACCEPTED
        nomination.save(update_fields=["portrait", "status"])
        log(
            nomination,
            CONVERTED_ACTION,
            user=request.user,
            data={"portrait_id": portrait.pk},
        )
    messages.success(
        request,
        f"Porträt-Entwurf „{portrait.title}“ angelegt. Zitat, Foto und Einwilligung fehlen "
        "noch; veröffentlicht wird erst nach der Freigabe.",
    )
    return redirect("wagtailadmin_pages:edit", portrait.pk)
