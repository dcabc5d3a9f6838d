"""The editors of bench/publishing.py: one process that changes content at a fixed rate through
the product's own path, so every ban Varnish receives comes from the product, after commit.

    python -m bench.publisher RATE SECONDS      # RATE changes per minute, for SECONDS

Run by bench/publishing.py with the benchmark's environment (bench.settings, its database,
VARNISH_URLS of the Varnish under measurement). It sets Django up, prints `ready`, waits for a
line on stdin (the start of the round, so its clock and the load's start together), then per
change picks a random town and one of its live portraits, edits the teaser and publishes it
(`save_revision().publish()`, as the admin's "Veröffentlichen" does: consent re-checked, the
content generation moved, the ban sent on commit by cms/graphql/cdn.py). At the end it prints
one JSON line: changes made, failures, and the seconds each publish took.
"""

import json
import random
import sys
import time

SUFFIX = " (geändert "


def publish_times(rate_per_minute, seconds):
    """Offsets (s from the start) of the changes of a round: evenly spaced, the first half an
    interval in, so that a round of a whole number of intervals holds exactly that many."""
    if rate_per_minute <= 0:
        return []
    interval = 60 / rate_per_minute
    times, offset = [], interval / 2
    while offset < seconds:
        times.append(offset)
        offset += interval
    return times


def portraits_by_town():
    """{town id: [ids of its live portraits]}: the pages a change may hit."""
    from pages.models import PortraitPage

    towns = {}
    for town, page in PortraitPage.objects.live().values_list("town_id", "pk"):
        towns.setdefault(town, []).append(page)
    return towns


def change(page_id, number):
    """One edit published the way an editor publishes: a new revision of a changed teaser."""
    from pages.models import PortraitPage

    page = PortraitPage.objects.get(pk=page_id)
    page.teaser = f"{page.teaser.split(SUFFIX)[0]}{SUFFIX}{number})"
    page.save_revision().publish()


def main(rate_per_minute, seconds):
    import django

    django.setup()
    towns = portraits_by_town()
    rng = random.Random(20261206)  # noqa: S311 - which page, not a secret
    schedule = publish_times(rate_per_minute, seconds)
    print("ready", flush=True)
    sys.stdin.readline()
    start = time.monotonic()
    took, failures = [], []
    for number, offset in enumerate(schedule, 1):
        delay = start + offset - time.monotonic()
        if delay > 0:
            time.sleep(delay)  # the rate's clock, not a wait for another process
        page_id = rng.choice(towns[rng.choice(sorted(towns))])
        began = time.monotonic()
        try:
            change(page_id, number)
        except Exception as error:  # counted and shown; the round goes on
            failures.append(f"{page_id}: {error!r}"[:200])
        took.append(time.monotonic() - began)
    print(json.dumps({"changes": len(schedule) - len(failures), "failures": failures,
                      "seconds": took}), flush=True)  # fmt: skip


if __name__ == "__main__":
    main(float(sys.argv[1]), float(sys.argv[2]))
