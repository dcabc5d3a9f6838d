"""The Varnish rows of `make bench` (issue 23 §2), kept apart from bench/run.py's own rows.

Per size, a real Varnish (cluster/varnish.py, deploy/varnish/default.vcl) in front of a server
of its own ("varnished": answer cache on, like "cached", and banning the Varnish on every change,
VARNISH_URLS, so its GET answers carry `s-maxage`; the other rows stay without a cache in
front). Two rows go through it:

- "GraphQL cache hit GET via Varnish": the same GET as the `hit_get` row; after the first
  request Varnish answers it without the app;
- "static view via Varnish (hit)": the same bytes at /api/v2/bench/static/ (bench/urls.py), a
  public API path: the app marks it for shared caches as it marks any API answer, and Varnish
  keeps it. What a Varnish hit of these bytes costs at best.

Two hits compared: before any run each row's first request must be a Varnish miss and its
second a hit (`verify`). Targets: the GraphQL hit >= 0.8x the static hit (fails when the GraphQL
GET is not kept, or costs Varnish more than a plain object of its size), and Varnish's hit ratio
over the runs (hits / (hits + misses), from varnishstat) >= 0.95. (Until issue 23 §5 the static
row was passed to the app, so a hit beat it whatever happened: a target that could not fail.)
"""

import os
import subprocess
import sys
from pathlib import Path

from cluster.varnish import VARNISHD, Varnish

STATIC_PATH = "/api/v2/bench/static/"
HIT_RATIO_TARGET = 0.95
SPEED_TARGET = 0.8
PORT_OFFSET = 50  # Varnish of size i on BENCH_PORT + 50 + 2i (listen) and + 1 (admin)
APP_OFFSET = 80  # its app server on BENCH_PORT + 80 + i


class Front:
    """A Varnish in front of one gunicorn server, shaped like bench/run.py's Server."""

    def __init__(self, backend, port):
        self.backend = backend
        self.varnish = Varnish(backend_port=backend.port, port=port, admin_port=port + 1)
        self.varnish.start()
        self.url = self.varnish.url

    def wait_ready(self):
        """Varnish answers once started; its backend is waited for on its own."""

    def wait_idle(self, bound):
        self.backend.wait_idle(bound)

    def rss_mb(self):
        return []

    def hit_ratio(self):
        counts = self.varnish.stat("MAIN.cache_hit", "MAIN.cache_miss")
        looked_up = counts["MAIN.cache_hit"] + counts["MAIN.cache_miss"]
        return counts["MAIN.cache_hit"] / looked_up if looked_up else None

    def stop(self):
        self.varnish.stop()


def port(base_port, index):
    return base_port + PORT_OFFSET + 2 * index


def app_port(base_port, index):
    return base_port + APP_OFFSET + index


def environ(base_port, index):
    """For the varnished server of size `index`: ban the Varnish in front of it."""
    return {"VARNISH_URLS": f"http://127.0.0.1:{port(base_port, index)}"}


def ensure_varnish():
    """Like bench/run.py's ensure_wrk: Debian's varnish, installed as root when missing."""
    if Path(VARNISHD).exists():
        return
    if os.geteuid() != 0:
        sys.exit("varnishd fehlt: apt-get install varnish (als root) und erneut starten.")
    subprocess.run(["apt-get", "install", "-y", "-q", "varnish"], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def front(servers, base_port, index):
    ensure_varnish()
    servers["varnish"] = Front(servers["varnished"], port(base_port, index))
    return servers


def rows(row_class, request_class, get_request):
    return [
        row_class("varnish_hit", "GraphQL cache hit GET via Varnish", "varnish", get_request),
        row_class("varnish_static", "static view via Varnish (hit)", "varnish",
                  lambda n: request_class("GET", STATIC_PATH)),
    ]  # fmt: skip


def verify(outcome, servers, fetch, rows):
    """Before anything else asked this Varnish: each row's first request a miss, its second a
    hit (`rows`: bench/run.py's rows of the size)."""
    front_server = servers["varnish"]
    for row in rows:
        entry = outcome["rows"].get(row.key)
        if row.server != "varnish" or entry is None or "problem" in entry:
            continue
        seen = [fetch(front_server.url, row.make(20))[2].get("X-Varnish-Cache") for _ in (1, 2)]
        if seen != ["MISS", "HIT"]:
            entry["problem"] = f"via Varnish: {' then '.join(map(str, seen))}, not MISS then HIT"


def record(outcome, servers):
    outcome["varnish_hit_ratio"] = servers["varnish"].hit_ratio()


def targets(results, target, rps):
    for outcome in results:
        size = outcome["size"]
        hit, static = rps(outcome, "varnish_hit"), rps(outcome, "varnish_static")
        ratio = hit / static if hit is not None and static else None
        target(
            f"{size}: Varnish GraphQL hit req/s >= {SPEED_TARGET}x static hit via Varnish",
            ratio,
            ratio is not None and ratio >= SPEED_TARGET,
        )
        hit_ratio = outcome.get("varnish_hit_ratio")
        target(
            f"{size}: Varnish hit ratio >= {HIT_RATIO_TARGET:.2f} (shown as a fraction)",
            hit_ratio,
            hit_ratio is not None and hit_ratio >= HIT_RATIO_TARGET,
        )
