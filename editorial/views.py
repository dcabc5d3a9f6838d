"""Admin views of the editorial workflow: consent withdrawal, publication plan, calendar feed."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from icalendar import Calendar, Event
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.graphql.preview import make_token
from pages.models import PortraitPage

from .plan import by_week_and_town, upcoming_changes


def can_plan(user):
    """Who may see the plan: users who may publish somewhere (the coordination group)."""
    return user.is_active and PagePermissionPolicy().user_has_permission(user, "publish")


class PageActionBreadcrumbsMixin:
    """Breadcrumbs "Home › <page> › <action>" instead of a bare "Home" in the admin header."""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=(self.page.pk,)),
                "label": self.page.title,
            },
            {"url": "", "label": self.page_title},
        ]


class WithdrawConsentView(PageActionBreadcrumbsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/withdraw_consent.html"
    page_title = _("Einwilligung widerrufen")
    header_icon = "warning"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(PortraitPage, pk=page_id)
        if not self.page.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_context_data(self, **kwargs):
        # Consent belongs to the person: withdraw_consent takes every language version offline.
        languages = sorted(
            f"„{translation.locale.get_display_name()}“"
            for translation in self.page.get_translations().select_related("locale")
        )
        languages = get_text_list(languages, _("und")) if languages else ""
        return super().get_context_data(portrait=self.page, languages=languages, **kwargs)

    def post(self, request, page_id):
        if not self.page.is_consent_withdrawn:  # a double click withdraws once
            self.page.withdraw_consent(by=request.user)
            messages.success(
                request,
                _("Einwilligung für „%(title)s“ widerrufen. Das Porträt ist offline.")
                % {"title": self.page.title},
            )
        return redirect("wagtailadmin_pages:edit", self.page.pk)


class PublicationPlanView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/publication_plan.html"
    page_title = _("Publikationsplan")
    header_icon = "calendar"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not can_plan(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        feed_url = self.request.build_absolute_uri(calendar_url(self.request.user))
        return super().get_context_data(
            weeks=by_week_and_town(upcoming_changes()), feed_url=feed_url, **kwargs
        )


def calendar_token(user):
    # Bound to the password hash: changing the password revokes every calendar link.
    return salted_hmac("editorial.calendar", f"{user.pk}:{user.password}").hexdigest()[:32]


def calendar_url(user):
    return reverse("editorial_calendar", args=(user.pk, calendar_token(user)))


def calendar_feed(request, user_id, token):
    """The plan as iCalendar, for calendar apps that cannot log in: a per-user secret URL."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not constant_time_compare(token, calendar_token(user)):
        raise Http404
    if not can_plan(user):
        raise Http404
    calendar = Calendar()
    calendar.add("prodid", "-//Engagierte Stadt CMS//Publikationsplan//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Publikationsplan Engagierte Stadt")
    for change in upcoming_changes():
        event = Event()
        event.add(
            "uid", f"{change.kind}-{change.page.pk}-{change.when:%Y%m%dT%H%M%S}@engagierte-stadt"
        )
        event.add("summary", f"{change.label}: {change.page.title} ({change.town})")
        event.add("dtstart", change.when)
        event.add("dtend", change.when + timezone.timedelta(minutes=15))
        event.add("dtstamp", timezone.now())
        event.add(
            "url",
            request.build_absolute_uri(reverse("wagtailadmin_pages:edit", args=(change.page.pk,))),
        )
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="publikationsplan.ics"'
    return response


class PreviewTokenView(PageActionBreadcrumbsMixin, WagtailAdminTemplateMixin, TemplateView):
    """A short-lived token with which a partner website can show the current draft."""

    template_name = "editorial/preview_token.html"
    page_title = _("Vorschau für Partner-Websites")
    header_icon = "view"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_context_data(self, **kwargs):
        field = "portrait" if isinstance(self.page, PortraitPage) else "page"
        return super().get_context_data(
            object=self.page,
            token=make_token(self.page),
            field=field,
            minutes=settings.PREVIEW_TOKEN_MAX_AGE // 60,
            **kwargs,
        )
