from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from webhooks.forms import check_url
from webhooks.models import ACTIONS, Endpoint


def event_list(value):
    events = [event.strip() for event in value.split(",") if event.strip()]
    unknown = set(events) - set(ACTIONS)
    if unknown or not events:
        raise CommandError(f"Ereignisse: eines oder mehrere von {', '.join(ACTIONS)}.")
    return events


class Command(BaseCommand):
    help = (
        "Adds, lists or removes webhook endpoints of partner websites. A new endpoint's signing "
        "secret (Standard Webhooks, whsec_…) is printed once."
    )

    def add_arguments(self, parser):
        actions = parser.add_mutually_exclusive_group(required=True)
        actions.add_argument("--add", metavar="URL", help="Add an endpoint for this HTTPS URL.")
        actions.add_argument("--remove", metavar="ID_OR_URL", help="Remove an endpoint.")
        actions.add_argument("--list", action="store_true", help="List endpoints.")
        parser.add_argument("--name", help="The partner's name (default: the URL's host).")
        parser.add_argument(
            "--events",
            type=event_list,
            default=list(ACTIONS),
            help=f"Comma-separated, of {','.join(ACTIONS)} (default: all).",
        )

    def handle(self, *args, add=None, remove=None, list=False, name=None, events=None, **opts):
        if add:
            try:
                check_url(add)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            endpoint = Endpoint.objects.create(
                name=name or add.split("/")[2], url=add, events=events
            )
            self.stdout.write(
                f"Webhook-Empfänger {endpoint.pk} ({endpoint.url}) angelegt. "
                f"Signaturschlüssel (nur jetzt sichtbar):\n{endpoint.secret}"
            )
        elif remove:
            found = Endpoint.objects.filter(url=remove)
            if remove.isdigit():
                found = Endpoint.objects.filter(pk=int(remove))
            deleted = found.count()
            if not deleted:
                raise CommandError(f"Kein Webhook-Empfänger {remove}.")
            found.delete()
            self.stdout.write(f"{deleted} Webhook-Empfänger entfernt.")
        else:
            for endpoint in Endpoint.objects.all():
                state = "aktiv" if endpoint.active else "pausiert" if endpoint.paused_at else "aus"
                self.stdout.write(
                    f"{endpoint.pk}\t{endpoint.url}\t{','.join(endpoint.events)}\t{state}"
                    f"\t{endpoint.name}"
                )
