"""The sizes `make bench` measures (issues 11, 23 §5), kept apart from bench/run.py's rows.

- BENCH_SIZES (default 1000,10000): the regular sizes, over the demo's four towns. The first is
  seeded (`seed_demo`, `generate_portraits`); each further one is a copy of the previous one's
  database (PostgreSQL template) to which `generate_portraits` adds the rest.
- The large size (BENCH_LARGE=0 leaves it out; default on): BENCH_LARGE_SIZE portraits (default
  100,000) over BENCH_LARGE_TOWNS towns (default 100: the national network), a copy of the FIRST
  size's database to which `generate_portraits N --towns T` adds the towns beyond the demo's four
  (through the towns service) and the portraits, the town with the fewest first: 1,000 over 4
  towns, then 100,000 over 100 give each town 1,000.

Every size is measured in the same interleaved rounds (bench/run.py). Targets against the first
size: p50 of page 1, the deep page, the town and area filters within 1.2x at a regular size and
1.5x at the large one; search within 1.5x and 2x; our REST list (`our_rest`) within 1.5x at the
large one; at the large size the SQL statements per request of every row as at the first size.
The RSS per worker is reported per size.
"""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REGULAR_LIMITS = {"list": 1.2, "deep": 1.2, "town": 1.2, "area": 1.2, "search": 1.5}
LARGE_LIMITS = {
    "list": 1.5, "deep": 1.5, "town": 1.5, "area": 1.5, "search": 2.0,
    "our_rest": 1.5,  # our REST list (issue 23 §5): the stored list order, as GraphQL's lists
}  # fmt: skip


@dataclass(frozen=True)
class Size:
    portraits: int
    towns: int | None = None  # None: the demo's four
    template: int | None = None  # the size whose database is copied; None: seeded afresh
    large: bool = False


def plan():
    """The sizes to measure, in order (the large one last)."""
    regular = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,10000").split(",")]
    sizes = [
        Size(portraits, template=regular[index - 1] if index else None)
        for index, portraits in enumerate(regular)
    ]
    if os.environ.get("BENCH_LARGE", "1") != "0":
        large = int(os.environ.get("BENCH_LARGE_SIZE", "100000"))
        if large in regular:
            sys.exit(f"BENCH_LARGE_SIZE={large} ist schon in BENCH_SIZES.")
        towns = int(os.environ.get("BENCH_LARGE_TOWNS", "100"))
        sizes.append(Size(large, towns=towns, template=regular[0], large=True))
    return sizes


def database(prefix, portraits):
    return f"{prefix}_{portraits}"


def build(django, size, prefix, pg, admin_sql, log):
    """The database of `size`: a copy of its template's (if any) with `generate_portraits`
    adding towns and portraits, the task queue drained, VACUUM ANALYZE. Returns the seconds
    `generate_portraits` took (towns included)."""
    from django.core.management import call_command

    name = database(prefix, size.portraits)
    if size.template is not None:
        django.close()
        admin_sql(f'CREATE DATABASE "{name}" TEMPLATE "{database(prefix, size.template)}"')
        django.use_database(name)
    towns = {} if size.towns is None else {"towns": size.towns}
    shown = f" --towns {size.towns}" if towns else ""
    log(f"generate_portraits {size.portraits}{shown} (database {name}) …")
    started = time.monotonic()
    call_command("generate_portraits", size.portraits, verbosity=0, **towns)
    seconds = time.monotonic() - started
    log(f"  done in {seconds:.0f} s; task worker, VACUUM ANALYZE")
    django.close()
    drain_queue(pg, name, log)
    django.analyze()
    return seconds


def drain_queue(pg, name, log):
    """The task worker (`make worker`) until the queue is empty: the renditions queued by
    seed_demo's publishes are made, as in production once the queue has drained."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--backend", "jobs", "--queue-name", "*",
         "--batch", "--no-startup-delay"],
        cwd=ROOT, env=dict(os.environ, DATABASE_URL=f"{pg}/{name}"),
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode:
        raise RuntimeError(f"db_worker failed:\n{result.stdout}{result.stderr}")
    log(f"  task queue drained in {time.monotonic() - started:.0f} s")


def shape(django):
    """(towns with live German portraits, fewest and most per town, database MB)."""
    from django.db import connection
    from django.db.models import Count

    from pages.models import PortraitPage

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        megabytes = cursor.fetchone()[0] / 2**20

    counts = list(
        PortraitPage.objects.live()
        .filter(locale__language_code="de")
        .order_by()
        .values("town_id")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    return len(counts), min(counts, default=0), max(counts, default=0), megabytes


def report(results):
    """The sizes' set-up and memory lines under the table."""
    first = results[0]
    for outcome in results:
        towns, fewest, most, megabytes = outcome.get("shape", (0, 0, 0, 0))
        rss = (outcome.get("rss") or {}).get("plain") or []
        base = (first.get("rss") or {}).get("plain") or []
        growth = f" ({max(rss) - max(base):+.0f} MB vs {first['size']})" if rss and base else ""
        print(
            f"{outcome['size']:>6}: {towns} towns, {fewest}-{most} live portraits per town;"
            f" database {megabytes:.0f} MB;"
            f" generate_portraits {outcome.get('generate_seconds', 0):.0f} s;"
            f" RSS per worker (uncached server): {', '.join(f'{mb:.0f}' for mb in rss) or '-'}"
            f" MB{growth}"
        )


def targets(results, target, p50):
    """The p50 of each later size against the first; at the large size also its SQL counts."""
    if len(results) < 2:
        return
    small = results[0]
    for outcome in results[1:]:
        limits = LARGE_LIMITS if outcome.get("large") else REGULAR_LIMITS
        for key, limit in limits.items():
            label = outcome["rows"][key]["label"].replace(f" {outcome['deep_page']}", "")
            mine, theirs = p50(outcome, key), p50(small, key)
            ratio = mine / theirs if mine is not None and theirs else None
            target(
                f"p50 {outcome['size']} / {small['size']}: {label} <= {limit}x",
                ratio,
                ratio is not None and ratio <= limit,
            )
        if outcome.get("large"):
            statements_target(small, outcome, target)


def statements_target(small, large, target):
    """Every row's SQL statements per request (20 and 100 items) as at the first size."""
    differing = [
        f"{entry['label']}: {small['rows'][key].get('sql')} -> {entry.get('sql')}"
        for key, entry in large["rows"].items()
        if entry.get("sql") != small["rows"].get(key, {}).get("sql")
    ]
    measured = sum(1 for entry in large["rows"].values() if entry.get("sql"))
    target(
        f"{large['size']}: SQL statements per request as at {small['size']}, {measured} rows"
        + (f" (differ: {'; '.join(differing)})" if differing else ""),
        None,
        measured > 0 and not differing,
    )
