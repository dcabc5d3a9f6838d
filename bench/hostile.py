"""Hostile queries (issue 7, item 1) through the real /graphql/ view, on a scratch SQLite
database with the demo content: each must be answered or refused quickly, never a 500.

    make bench                       # runs bench/run.py, then this
    .venv/bin/python bench/hostile.py

Prints HTTP status, error code and wall time per query (the best of BENCH_HOSTILE_RUNS, default
3: the machine is shared), and exits 1 when one answers a 5xx, an answer takes longer than
BENCH_HOSTILE_MAX_MS (default 2000) or a refusal (an error answer) longer than
BENCH_HOSTILE_REFUSAL_MS (default 100: a hostile request is refused in milliseconds, before
anything runs). The outcomes are asserted in tests/test_hostile_queries.py; times are only
checked here (noisy on shared machines).
"""

import json
import os
import shutil
import sys
import time

from setup_django import setup_django  # first: sets up Django

SCRATCH = setup_django("es-bench-hostile-")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from cms.graphql.documents import documents  # noqa: E402

MAX_MS = float(os.environ.get("BENCH_HOSTILE_MAX_MS", "2000"))
REFUSAL_MS = float(os.environ.get("BENCH_HOSTILE_REFUSAL_MS", "100"))
RUNS = int(os.environ.get("BENCH_HOSTILE_RUNS", "3"))


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


def src_set_aliases(n):
    aliases = " ".join(f"a{i}: srcSet(sizes: $s)" for i in range(n))
    return f"query($s: [Int!]!) {{ images(limit: 13) {{ {aliases} }} }}"


# The list of a partner page (docs/api.md, "Query cost"), its page size written or a variable.
CONTRACT = """{ portraits(perPage: 100) { items { id slug title url urlPath name kind quote teaser
    town { slug name } areas { slug name } photo { url alt width height srcSet(sizes: [400]) }
    firstPublishedAt lastPublishedAt }
  pagination { total count perPage currentPage prevPage nextPage totalPages } } }"""
PER_PAGE = "query($n: PositiveInt) " + CONTRACT.replace("perPage: 100", "perPage: $n")

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
    # Issue 19, item 2: values sent as variables, near-limit documents, non-positive sizes.
    (
        "srcSet, 199999 sizes as variable, 30 aliases",
        {"query": src_set_aliases(30), "variables": {"s": list(range(1, 200000))}},
    ),
    (
        "srcSet, 199999 sizes as variable, 10 aliases",
        {"query": src_set_aliases(10), "variables": {"s": list(range(1, 200000))}},
    ),
    (
        "portraits > photo > srcSet, 199999 sizes",
        {
            "query": "query($s: [Int!]!) { portraits { items { photo { srcSet(sizes: $s) } } } }",
            "variables": {"s": list(range(1, 200000))},
        },
    ),
    (
        "srcSet, [400, 800] x 100000, 30 aliases",
        {"query": src_set_aliases(30), "variables": {"s": [400, 800] * 100000}},
    ),
    ("4990 __typename", {"query": "{ " + " ".join(["__typename"] * 4990) + " }"}),
    (
        "800 inline fragments",
        {"query": "{ " + " ".join(["... on Query { __typename }"] * 800) + " }"},
    ),
    (
        "2490 slug in campaign",
        {"query": "{ campaign { " + " ".join(["slug"] * 2490) + " } }"},
    ),
    ("portraits(perPage: -1)", {"query": "{ portraits(perPage: -1) { items { slug } } }"}),
    ("portraits(page: -1)", {"query": "{ portraits(page: -1) { items { slug } } }"}),
    (
        "perPage as variable, 101",
        {"query": PER_PAGE, "variables": {"n": 101}},
    ),
    (
        "ordinary: portraits(perPage: 100)",
        {"query": "{ portraits(perPage: 100) { items { slug title } } }"},
    ),
    ("ordinary: perPage as variable, 2", {"query": PER_PAGE, "variables": {"n": 2}}),
    ("ordinary: the contract list, perPage: 100", {"query": CONTRACT}),
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
    print(f"{'query':<46} {'bytes':>8} {'status':>6} {'code':<26} {'ms':>8}")
    print("-" * 98)
    for name, body in CASES:
        payload = json.dumps(body)
        times = []
        for _ in range(RUNS):
            documents.clear()  # each run parses and validates, as a first request does
            started = time.perf_counter()
            response = client.post("/graphql/", payload, content_type="application/json")
            times.append((time.perf_counter() - started) * 1000)
        elapsed = min(times)
        errors = response.json().get("errors") or []
        code = ",".join(sorted({e.get("extensions", {}).get("code", "?") for e in errors})) or "-"
        limit = REFUSAL_MS if errors else MAX_MS
        slow = elapsed > limit or response.status_code >= 500
        failed |= slow
        mark = f"  <-- over {limit:.0f} ms or 5xx" if slow else ""
        status = response.status_code
        print(f"{name:<46} {len(payload):>8} {status:>6} {code:<26} {elapsed:>8.1f}{mark}")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
