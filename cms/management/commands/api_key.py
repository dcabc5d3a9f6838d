from django.core.management.base import BaseCommand, CommandError

from cms.models import PartnerApiKey


class Command(BaseCommand):
    help = (
        "Issues, lists or revokes API keys of partner websites. A new key is printed once; "
        "only its hash is stored. Partners send it as 'Authorization: Bearer <key>'."
    )

    def add_arguments(self, parser):
        actions = parser.add_mutually_exclusive_group(required=True)
        actions.add_argument("--issue", metavar="PARTNER", help="Issue a key for this partner.")
        actions.add_argument("--revoke", metavar="PREFIX", help="Revoke the key with this prefix.")
        actions.add_argument("--list", action="store_true", help="List keys.")
        parser.add_argument("--rate-limit", type=int, help="Requests per rate-limit window.")

    def handle(self, *args, issue=None, revoke=None, list=False, rate_limit=None, **options):
        if issue:
            key, raw_key = PartnerApiKey.issue(issue, rate_limit=rate_limit)
            self.stdout.write(f"API-Schlüssel für {key.name} (nur jetzt sichtbar):\n{raw_key}")
        elif revoke:
            updated = PartnerApiKey.objects.filter(prefix=revoke, active=True).update(active=False)
            if not updated:
                raise CommandError(f"Kein aktiver Schlüssel mit Anfang {revoke}.")
            self.stdout.write(f"Schlüssel {revoke}… widerrufen.")
        else:
            for key in PartnerApiKey.objects.all():
                state = "aktiv" if key.active else "widerrufen"
                self.stdout.write(f"{key.prefix}…\t{key.name}\t{key.rate_limit}\t{state}")
