"""The Varnish rows of `make bench` (issue 23 §2), kept apart from bench/run.py's own rows.

Per size, a real Varnish (cluster/varnish.py, deploy/varnish/default.vcl) in front of the
server with the answer cache on; that server bans it on every change (VARNISH_URLS), so its
GET answers carry `s-maxage`. Two rows go through it:

- "GraphQL cache hit GET via Varnish": the same GET as the `hit_get` row; after the first
  request Varnish answers it without the app;
- "static view via Varnish": /bench/static/, the same bytes, which Varnish passes to the app
  (not a public API path): what a request costs that Varnish does not keep.

Targets: the hit >= 0.8x the static view through the same Varnish, and Varnish's hit ratio
over the runs (hits / (hits + misses), from varnishstat) >= 0.95.
"""

from cluster.varnish import Varnish

HIT_RATIO_TARGET = 0.95
SPEED_TARGET = 0.8
PORT_OFFSET = 50  # Varnish of size i on BENCH_PORT + 50 + 2i (listen) and + 1 (admin)


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


def environ(base_port, index):
    """For the cached server of size `index`: ban the Varnish in front of it."""
    return {"VARNISH_URLS": f"http://127.0.0.1:{port(base_port, index)}"}


def front(servers, base_port, index):
    servers["varnish"] = Front(servers["cached"], port(base_port, index))
    return servers


def rows(row_class, request_class, get_request):
    return [
        row_class("varnish_hit", "GraphQL cache hit GET via Varnish", "varnish", get_request),
        row_class("varnish_static", "static view via Varnish (passed)", "varnish",
                  lambda n: request_class("GET", "/bench/static/")),
    ]  # fmt: skip


def verify(outcome, servers, fetch, get_request):
    """The hit row must be a Varnish hit from its second request on."""
    entry = outcome["rows"].get("varnish_hit")
    if entry is None or "problem" in entry:
        return
    front_server = servers["varnish"]
    fetch(front_server.url, get_request(20))
    headers = fetch(front_server.url, get_request(20))[2]
    if headers.get("X-Varnish-Cache") != "HIT":
        entry["problem"] = "via Varnish: second request not a Varnish hit"


def record(outcome, servers):
    outcome["varnish_hit_ratio"] = servers["varnish"].hit_ratio()


def targets(results, target, rps):
    for outcome in results:
        size = outcome["size"]
        hit, static = rps(outcome, "varnish_hit"), rps(outcome, "varnish_static")
        ratio = hit / static if hit is not None and static else None
        target(
            f"{size}: Varnish hit req/s >= {SPEED_TARGET}x static via Varnish",
            ratio,
            ratio is not None and ratio >= SPEED_TARGET,
        )
        hit_ratio = outcome.get("varnish_hit_ratio")
        target(
            f"{size}: Varnish hit ratio >= {HIT_RATIO_TARGET:.2f} (shown as a fraction)",
            hit_ratio,
            hit_ratio is not None and hit_ratio >= HIT_RATIO_TARGET,
        )
