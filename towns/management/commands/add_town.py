"""`manage.py add_town "Köthen (Anhalt)"`: a new partner town in one step (towns/service.py).

    manage.py add_town "Köthen (Anhalt)"                       # slug koethen
    manage.py add_town "Köthen (Anhalt)" --slug koethen --website https://www.koethen-anhalt.de/ \
        --contact "Stadtverwaltung Köthen" --contact-email info@koethen.de \
        --api-key --embed-origin https://www.koethen-anhalt.de
    manage.py add_town "Köthen (Anhalt)" --dry-run             # shows what it would make
"""

from django.core.management.base import BaseCommand, CommandError

from towns.service import TownError, TownSpec, add_town


class Command(BaseCommand):
    help = (
        "Richtet eine Partnerstadt ein: Partnerstadt (in allen Sprachen), ihren Bereich unter "
        "der Glücksbringer-Kampagne, die Redaktionsgruppe mit Rechten und Fotosammlung, auf "
        "Wunsch API-Schlüssel und Einbettung. Mehrfach ausführbar: Vorhandenes bleibt."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="Name der Stadt, z. B. „Köthen (Anhalt)“.")
        parser.add_argument(
            "--slug", default="", help="Kürzel (Standard: aus dem Namen, z. B. koethen)."
        )
        parser.add_argument("--website", default="", help="Website der Stadt (https://…).")
        parser.add_argument(
            "--contact",
            default="",
            metavar="NAME",
            help="Ansprechperson (Name; neu, wenn es sie nicht gibt).",
        )
        parser.add_argument("--contact-email", default="", metavar="E-MAIL")
        parser.add_argument("--contact-phone", default="", metavar="TELEFON")
        parser.add_argument(
            "--api-key", action="store_true", help="Einen API-Schlüssel für die Stadt ausgeben."
        )
        parser.add_argument(
            "--embed-origin",
            action="append",
            default=[],
            metavar="URL",
            help="Website, die die Inhalte einbetten darf (mehrfach möglich).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Nur zeigen, was angelegt würde."
        )

    def handle(self, *args, name, dry_run=False, **options):
        contact = None
        if options["contact"].strip():
            contact = {"name": " ".join(options["contact"].split())}
            contact.update(
                (field, options[f"contact_{field}"].strip())
                for field in ("email", "phone")
                if options[f"contact_{field}"].strip()
            )
        elif options["contact_email"] or options["contact_phone"]:
            raise CommandError("--contact-email und --contact-phone nur zusammen mit --contact.")
        spec = TownSpec(
            name=name,
            slug=options["slug"],
            website=options["website"],
            contact=contact,
            api_key=options["api_key"],
            embed_origins=tuple(options["embed_origin"]),
        )
        try:
            outcome = add_town(spec, dry_run=dry_run)
        except TownError as error:
            raise CommandError(str(error)) from None
        town = f"„{outcome.spec.name}“ ({outcome.spec.slug})"
        for note in outcome.notes:
            self.stdout.write(note)
        if not outcome.changed:
            self.stdout.write(f"Partnerstadt {town} ist vollständig eingerichtet: nichts geändert.")
            return
        heading = "Würde anlegen" if dry_run else "Angelegt"
        self.stdout.write(f"{heading} für die Partnerstadt {town}:")
        for label, items in outcome.made.items():
            for item in items:
                self.stdout.write(f"  {label}: {item}")
        if dry_run:
            self.stdout.write("Probelauf: nichts gespeichert.")
        if outcome.raw_key:
            self.stdout.write(
                f"API-Schlüssel für {outcome.spec.name} (nur jetzt sichtbar):\n{outcome.raw_key}"
            )
