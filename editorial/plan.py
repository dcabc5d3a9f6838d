"""The publication plan: what goes live or expires when, per week and town."""

import dataclasses
import datetime

from django.utils import timezone
from wagtail.models import Page, Revision


@dataclasses.dataclass(frozen=True)
class PlannedChange:
    when: datetime.datetime
    kind: str  # "publish" | "expire"
    page: Page
    town: str
    overdue: bool = False  # its time has come; the scheduler's next run (within a minute) does it

    @property
    def label(self):
        if self.overdue:
            return "wird gleich veröffentlicht" if self.kind == "publish" else "läuft gleich ab"
        return "Veröffentlichung" if self.kind == "publish" else "Ablauf"

    @property
    def week(self):
        year, week, _ = timezone.localtime(self.when).isocalendar()
        return year, week


def _town_name(page):
    specific = page.specific
    town = getattr(specific, "town", None)
    return town.name if town is not None else "Netzwerk"


def upcoming_changes(now=None):
    """Scheduled publications (approved revisions with a go-live time) and expiries of live
    pages, in time order. Those whose time has passed but which the scheduler has not done yet
    are included as `overdue` (the page list already says "geplant"; nothing is missing)."""
    now = now or timezone.now()
    changes = []
    scheduled = Revision.page_revisions.filter(approved_go_live_at__isnull=False).order_by(
        "approved_go_live_at"
    )
    for revision in scheduled:
        page = Page.objects.filter(pk=revision.object_id).first()
        if page is not None:
            when = revision.approved_go_live_at
            changes.append(PlannedChange(when, "publish", page, _town_name(page), when <= now))
    for page in Page.objects.live().filter(expire_at__isnull=False).order_by("expire_at"):
        when = page.expire_at
        changes.append(PlannedChange(when, "expire", page, _town_name(page), when <= now))
    return sorted(changes, key=lambda change: change.when)


def by_week_and_town(changes):
    """[(("2026", 48), [("Dessau-Roßlau", [change, …]), …]), …] in time order."""
    weeks = {}
    for change in changes:
        weeks.setdefault(change.week, {}).setdefault(change.town, []).append(change)
    return [(week, sorted(towns.items())) for week, towns in sorted(weeks.items())]
