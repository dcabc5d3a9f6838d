"""`manage.py remove_town koethen`: the inverse of add_town, refused while the town has content
(portraits, photos, nominations, editors, …); see towns/removal.py."""

from django.core.management.base import BaseCommand, CommandError

from towns.removal import remove_town
from towns.service import TownError


class Command(BaseCommand):
    help = (
        "Entfernt eine Partnerstadt mit allem, was add_town für sie angelegt hat – nur, solange "
        "sie keine Inhalte hat (Porträts, Bilder, Vorschläge, Konten in ihrer Gruppe, …)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Kürzel der Partnerstadt, z. B. koethen.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Nur zeigen, was entfernt würde."
        )

    def handle(self, *args, slug, dry_run=False, **options):
        try:
            removal = remove_town(slug.strip(), dry_run=dry_run)
        except TownError as error:
            raise CommandError(str(error)) from None
        heading = "Würde entfernen" if dry_run else "Entfernt"
        self.stdout.write(f"{heading} – Partnerstadt „{removal.name}“ ({slug}):")
        for label, items in removal.removed.items():
            for item in items:
                self.stdout.write(f"  {label}: {item}")
        for note in removal.notes:
            self.stdout.write(note)
        if dry_run:
            self.stdout.write("Probelauf: nichts gelöscht.")
