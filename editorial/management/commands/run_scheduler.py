from django.core.management.base import BaseCommand

from editorial import scheduler


class Command(BaseCommand):
    help = (
        "Runs Wagtail's publish_scheduled every --interval seconds until stopped: scheduled "
        "publications go live and expired pages go offline. Run it as its own long-running "
        "process in production. On PostgreSQL any number of instances may run: a database "
        "lock lets one run at a time. On SQLite run exactly one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="Seconds between runs.")
        parser.add_argument("--once", action="store_true", help="Run once and exit.")

    def handle(self, *args, interval, once, **options):
        if once:
            if not scheduler.run_once():
                self.stdout.write("Ein anderer Scheduler läuft gerade; nichts getan.")
            return
        self.stdout.write(f"Scheduler: publish_scheduled alle {interval} s (Strg+C beendet).")
        try:
            scheduler.run_forever(interval=interval)
        except KeyboardInterrupt:
            self.stdout.write("Scheduler beendet.")
