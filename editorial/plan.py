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

    @property
    def label(self):
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
    pages, in time order."""
    now = now or timezone.now()
    changes = []
    scheduled = Revision.page_revisions.filter(approved_go_live_at__gt=now).order_by(
        "approved_go_live_at"
    )
    for revision in scheduled:
        page = Page.objects.filter(pk=revision.object_id).first()
        if page is not None:
            changes.append(
                PlannedChange(revision.approved_go_live_at, "publish", page, _town_name(page))
            )
    for page in Page.objects.live().filter(expire_at__gt=now).order_by("expire_at"):
        changes.append(PlannedChange(page.expire_at, "expire", page, _town_name(page)))
    return sorted(changes, key=lambda change: change.when)


def by_week_and_town(changes):
    """[(("2026", 48), [("Dessau-Roßlau", [change, …]), …]), …] in time order."""
    weeks = {}
    for change in changes:
        weeks.setdefault(change.week, {}).setdefault(change.town, []).append(change)
    return [(week, sorted(towns.items())) for week, towns in sorted(weeks.items())]
