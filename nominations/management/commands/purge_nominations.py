"""Retention of nominations: removes nominator data once a nomination is closed and old.

    manage.py purge_nominations [--delete] [--dry-run] [--days N]

Concerns nominations that are closed (status "angenommen" or "abgelehnt") and were received
more than NOMINATION_RETENTION_DAYS days ago (setting, default 180; `--days` overrides it).
Open ones ("neu", "in Prüfung") are never touched, however old.

- Default: anonymise. The nominator's name becomes "anonymisiert", e-mail, phone and the
  internal note are emptied; for nominations that did not become a portrait, the nominee's
  name and the reason go too. Town, areas, kind, status and dates stay for the statistics.
  Already anonymised nominations are skipped.
- `--delete`: delete those nominations altogether instead.
- `--dry-run`: only count, change nothing.

Prints how many nominations were (or would be) anonymised or deleted. Meant to run daily
(cron or the scheduler).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from nominations.models import Nomination


def due_for_purge(days, now=None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return Nomination.objects.filter(status__in=Nomination.CLOSED, created_at__lt=cutoff)


class Command(BaseCommand):
    help = (
        "Anonymisiert (oder löscht mit --delete) abgeschlossene Nominierungen, die älter als "
        "NOMINATION_RETENTION_DAYS Tage sind."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="Nominierungen löschen statt anonymisieren."
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts ändern.")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Aufbewahrungsfrist in Tagen (Vorgabe: NOMINATION_RETENTION_DAYS).",
        )

    def handle(self, *args, delete=False, dry_run=False, days=None, **options):
        days = settings.NOMINATION_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days darf nicht negativ sein.")
        due = due_for_purge(days)
        if not delete:
            due = due.filter(anonymised_at__isnull=True)
        count = due.count()
        verb = "gelöscht" if delete else "anonymisiert"
        if dry_run:
            self.stdout.write(
                f"{count} abgeschlossene Nominierung(en) älter als {days} Tage würden {verb} "
                "(Probelauf, nichts geändert)."
            )
            return
        with transaction.atomic():
            if delete:
                due.delete()
            else:
                for nomination in due.select_for_update():
                    nomination.anonymise()
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} abgeschlossene Nominierung(en) älter als {days} Tage {verb}."
            )
        )
