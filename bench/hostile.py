"""Hostile queries (issue 7, item 1) through the real /graphql/ view, on a scratch SQLite
database with the demo content: each must be answered or refused quickly, never a 500.

    make bench                       # runs bench/run.py, then this
    .venv/bin/python bench/hostile.py

Prints HTTP status, error code and wall time per query, and exits 1 when one takes longer than
BENCH_HOSTILE_MAX_MS (default 2000) or answers a 5xx. The outcomes are asserted in
tests/test_hostile_queries.py; times are only checked here (noisy on shared machines).
"""

import json
import os
import shutil
import sys
import time

from scratch import scratch_django  # first: sets up Django

SCRATCH = scratch_django("es-bench-hostile-")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

MAX_MS = float(os.environ.get("BENCH_HOSTILE_MAX_MS", "2000"))


def fragment_bomb(n):
    fragments = " ".join(
        f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(n - 1)
    )
    return f"{{ ...F0 }} {fragments} fragment F{n - 1} on Query {{ __typename }}"


SIBLINGS = "... on PageInterface { siblings(limit: 100) { id title } }"
SEARCH_ALIASES = (
    "{ " + " ".join(f'a{i}: search(query: "Beispiel") {{ {SIBLINGS} }}' for i in range(24)) + " }"
)
SRC_SET = "query($s: [Int]) { images(limit: 5) { srcSet(sizes: $s) } }"

CASES = [
    ("fragment bomb, 25 fragments (978 bytes)", {"query": fragment_bomb(25)}),
    ("fragment bomb, 60 fragments", {"query": fragment_bomb(60)}),
    (
        "cyclic fragments",
        {"query": "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"},
    ),
    (
        "cycle through fields",
        {
            "query": "{ campaign { ...A } } fragment A on CampaignPage { parent { ...B } } "
            "fragment B on PageInterface { ... on CampaignPage { ...A } }"
        },
    ),
    (
        "srcSet, 10000 literal sizes",
        {"query": SRC_SET.replace("$s", "[" + ", ".join(["400"] * 10000) + "]")},
    ),
    ("srcSet, 10000 sizes as variable", {"query": SRC_SET, "variables": {"s": [400] * 10000}}),
    (
        "srcSet, 11 distinct sizes",
        {"query": SRC_SET, "variables": {"s": list(range(400, 1500, 100))}},
    ),
    ("24 aliases of search > siblings(limit: 100)", {"query": SEARCH_ALIASES}),
    (
        "6000 operations",
        {"query": " ".join(f"query Q{i} {{ campaign {{ slug }} }}" for i in range(6000))},
    ),
    (
        "6000 operations, one picked",
        {
            "query": " ".join(f"query Q{i} {{ campaign {{ slug }} }}" for i in range(6000)),
            "operationName": "Q0",
        },
    ),
    ("30000 tokens", {"query": "{ campaign { " + " ".join(["slug"] * 30000) + " } }"}),
    (
        "ordinary: portraits(perPage: 100)",
        {"query": "{ portraits(perPage: 100) { items { slug title } } }"},
    ),
]


def main():
    settings.MEDIA_ROOT = os.environ["MEDIA_ROOT"]
    print(f"Setting up demo content in {SCRATCH} …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--no-accounts", verbosity=0)
    call_command("generate_portraits", 30, verbosity=0)
    client = Client()
    client.post("/graphql/", {"query": "{ campaign { slug } }"}, content_type="application/json")
    failed = False
    print()
    print(f"{'query':<46} {'bytes':>7} {'status':>6} {'code':<26} {'ms':>8}")
    print("-" * 97)
    for name, body in CASES:
        payload = json.dumps(body)
        started = time.perf_counter()
        response = client.post("/graphql/", payload, content_type="application/json")
        elapsed = (time.perf_counter() - started) * 1000
        errors = response.json().get("errors") or []
        code = ",".join(sorted({e.get("extensions", {}).get("code", "?") for e in errors})) or "-"
        slow = elapsed > MAX_MS or response.status_code >= 500
        failed |= slow
        mark = "  <-- too slow or 5xx" if slow else ""
        status = response.status_code
        print(f"{name:<46} {len(payload):>7} {status:>6} {code:<26} {elapsed:>8.1f}{mark}")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
