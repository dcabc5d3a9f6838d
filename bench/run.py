"""Benchmark: portrait lists through the policy path (prefetching) beside grapple's generic
`pages` path (no prefetching), measured side by side in one run on a scratch SQLite database.

    make bench                       # 300 generated portraits
    BENCH_PORTRAITS=2000 make bench

Prints SQL queries and median wall time per request, and the ratios between the two paths.
Timings are noisy on shared machines; the query counts are exact.
"""

import json
import os
import statistics
import time

from scratch import scratch_django  # first: sets up Django

SCRATCH = scratch_django("es-bench-", GRAPHQL_MAX_COST="1000000")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

FIELDS = (
    'slug title town { name slug } areas { slug } photo { alt rendition(fill: "400x400") { url } }'
)
POLICY = "{ portraits(perPage: %d) { items { %s } } }"
GENERIC = '{ pages(contentType: "pages.PortraitPage", limit: %d) { ... on PortraitPage { %s } } }'
RUNS = 7


def measure(client, query):
    body = json.dumps({"query": query})
    client.post("/graphql/", body, content_type="application/json")  # warm renditions and caches
    timings = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.post("/graphql/", body, content_type="application/json")
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and "errors" not in response.json(), response.content
    return len(ctx.captured_queries), statistics.median(timings)


def main():
    settings.MEDIA_ROOT = os.environ["MEDIA_ROOT"]
    portraits = int(os.environ.get("BENCH_PORTRAITS", "300"))
    print(f"Setting up {portraits} portraits in {SCRATCH} …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--no-accounts", verbosity=0)
    call_command("generate_portraits", portraits, verbosity=0)
    client = Client()
    rows = []
    for per_page in (12, 100):
        policy = measure(client, POLICY % (per_page, FIELDS))
        generic = measure(client, GENERIC % (per_page, FIELDS))
        rows.append((per_page, policy, generic))

    print()
    print(
        f"{'perPage':>7} | {'policy: queries':>15} {'ms':>8} | {'generic: queries':>16} {'ms':>8} |"
        f" {'queries ratio':>13} {'time ratio':>10}"
    )
    print("-" * 94)
    for per_page, (pq, pms), (gq, gms) in rows:
        print(
            f"{per_page:>7} | {pq:>15} {pms:>8.1f} | {gq:>16} {gms:>8.1f} |"
            f" {gq / pq:>12.1f}x {gms / pms:>9.1f}x"
        )
    print("\npolicy = `portraits` (visibility policy, select_related/prefetch_related);")
    print("generic = grapple's `pages` path filtered by the same policy, without prefetching.")


if __name__ == "__main__":
    main()
