"""Redis memory after the rounds (issue 23 §5): what each size's servers left in the bench's
Redis database, by kind of key (the response cache's answers, the portrait lists' stored order
and searches, rate limits, the rest), as key counts and bytes (`MEMORY USAGE`), and the
instance's `used_memory`. The figures grow with the number of distinct answers and lists that
were asked for, which is what docs/scaling.md says Redis memory depends on."""

import redis

KINDS = (
    ("graphql:response:", "cached answers"),
    ("pages:list:", "stored lists and searches"),
    ("LIMITS", "rate limits"),
)


def measure(url, prefix):
    """{kind: (keys, bytes)} of the keys under the cache prefix `prefix`."""
    client = redis.Redis.from_url(url)
    found = {}
    for key in client.scan_iter(match=f"*{prefix}*", count=1000):
        name = key.decode(errors="replace")
        kind = next((label for marker, label in KINDS if marker in name), "other")
        keys, size = found.get(kind, (0, 0))
        found[kind] = (keys + 1, size + (client.memory_usage(key) or 0))
    return found


def report(url, results):
    """Print one line per size (its servers' cache prefix is `bench-<size>`, bench/run.py)."""
    client = redis.Redis.from_url(url)
    used = client.info("memory").get("used_memory", 0)
    print(
        f"\nRedis after the last round, entries still within their lifetime ({url};"
        f" instance used_memory {used / 2**20:.1f} MB):"
    )
    for outcome in results:
        found = measure(url, f"bench-{outcome['size']}")
        keys = sum(count for count, _ in found.values())
        size = sum(nbytes for _, nbytes in found.values())
        parts = ", ".join(
            f"{kind} {count} keys / {nbytes / 1024:.0f} KB"
            for kind, (count, nbytes) in sorted(found.items())
        )
        print(f"{outcome['size']:>6}: {keys} keys, {size / 2**20:.2f} MB ({parts or 'none'})")
