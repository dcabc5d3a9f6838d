"""Varnish while 100 towns publish (issue 23): its hit ratio and the load that reaches the app
at a given publishing rate. `make bench` measures Varnish in a steady state; here editors change
content during the reads, and every change bans every answer tagged `content`
(cms/httpcache.py).

    .venv/bin/python -m bench.publishing        # also the last step of `make bench`

Builds a scratch database `<BENCH_DB_PREFIX>_publishing_<portraits>` (default prefix
`bench_<pid>`) as bench/run.py builds its sizes (bench/sizes.py: migrate, `seed_demo
--no-accounts`, `generate_portraits BENCH_PUBLISH_PORTRAITS --towns BENCH_PUBLISH_TOWNS`,
default 2,000 over 100, the task queue drained, VACUUM ANALYZE). Starts one gunicorn (2 sync
workers, bench.settings, answer cache on: bench/run.py's "varnished" server) with a real Varnish
in front (cluster/varnish.py) that it bans on every committed change (VARNISH_URLS).

Per round (BENCH_PUBLISH_RATES changes per minute, default 0,2,10,30: none, 100 towns x ~10
changes per working day, five times that, one every 2 s), after one request to every URL (all
cached):

- the load: BENCH_PUBLISH_RPS GET requests per second (default 200) through Varnish for
  BENCH_PUBLISH_SECONDS (default 60), on a fixed schedule (`Load`: request i is due at
  i / rate; latency counted from when it was due, so a slow answer delays the ones behind it);
  the URLs cycle through a shuffled mix of each town's `portraits(town: …)` list, page 1 with
  its total, and the all-towns list ten times as often (`request_cycle`);
- meanwhile bench/publisher.py, another process, publishes a random town's portrait at the
  round's rate (`save_revision().publish()`), so the bans come from the product after commit;
- reported: changes made, requests sent, Varnish's hit ratio (MAIN.cache_hit / (hit + miss),
  deltas over the round), the requests that reached the app (MAIN.backend_req), bans received
  (MAIN.bans_added), the client's own count of `X-Varnish-Cache: HIT`, p50/p95 latency.

BENCH_PUBLISH_PORT (default 8690): Varnish, its admin port +1, the app +2. BENCH_PG and
BENCH_REDIS as bench/run.py (its Redis db is flushed at start and end). Drops the database and
stops every process on the way out, on errors and Ctrl-C too. A measurement: exits 0 whatever
the numbers.
"""

import http.client
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

from bench import run, sizes  # run: its server, Request and set-up helpers (sets os.environ)
from cluster.varnish import Varnish

PORTRAITS = int(os.environ.get("BENCH_PUBLISH_PORTRAITS", "2000"))
TOWNS = int(os.environ.get("BENCH_PUBLISH_TOWNS", "100"))
RATES = [float(r) for r in os.environ.get("BENCH_PUBLISH_RATES", "0,2,10,30").split(",")]
RPS = float(os.environ.get("BENCH_PUBLISH_RPS", "200"))
SECONDS = float(os.environ.get("BENCH_PUBLISH_SECONDS", "60"))
PORT = int(os.environ.get("BENCH_PUBLISH_PORT", "8690"))
MAX_AGE = os.environ.get("GRAPHQL_CDN_MAX_AGE", "60")  # the servers' s-maxage (its default)
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", f"bench_{os.getpid()}") + "_publishing"
DATABASE = sizes.database(DB_PREFIX, PORTRAITS)
ALL_TOWNS_SHARE = 10  # the all-towns list: as often as ten towns' lists together
# Connections, one thread each: enough that requests waiting for a refetch after a ban do not
# hold up those behind them (partner sites' visitors do not wait for each other).
THREADS = 200
COUNTERS = ("MAIN.cache_hit", "MAIN.cache_miss", "MAIN.backend_req", "MAIN.bans_added")
LIST = "{ portraits(%sperPage: 20) { items { %s } pagination { total } } }"

os.environ["DATABASE_URL"] = f"{run.PG}/{DATABASE}"
os.environ["GRAPHQL_CACHE_SECONDS"] = "60"  # as the "varnished" server of bench/run.py


def list_path(town=None):
    argument = f'town: "{town}", ' if town else ""
    return run.Request.graphql(LIST % (argument, run.FIELDS), "GET").path


def request_cycle(town_paths, all_path, seed=23):
    """The URLs in the order the load asks for them, cycled: every town's list once and the
    all-towns list ALL_TOWNS_SHARE times, shuffled (a fixed seed: rounds see the same order)."""
    cycle = [*town_paths, *[all_path] * ALL_TOWNS_SHARE]
    random.Random(seed).shuffle(cycle)  # noqa: S311 - an order, not a secret
    return cycle


class Load:
    """`rate` GET requests per second for `seconds` through `THREADS` keep-alive connections:
    request i is due at start + i / rate and goes to `paths[i % len(paths)]`."""

    def __init__(self, port, paths, rate, seconds):
        self.port, self.paths, self.rate = port, paths, rate
        self.total = round(rate * seconds)
        self.lock = threading.Lock()
        self.next = 0
        self.results = []  # (latency s from due, X-Varnish-Cache, status)

    def take(self):
        with self.lock:
            index, self.next = self.next, self.next + 1
        return index

    def worker(self, start):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        mine = []
        while True:
            index = self.take()
            if index >= self.total:
                break
            due = start + index / self.rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)  # the schedule's clock
            try:
                connection.request("GET", self.paths[index % len(self.paths)])
                response = connection.getresponse()
                response.read()
                mine.append(
                    (time.monotonic() - due, response.getheader("X-Varnish-Cache"), response.status)
                )
            except (OSError, http.client.HTTPException):
                connection.close()
                mine.append((time.monotonic() - due, None, None))
        connection.close()
        with self.lock:
            self.results.extend(mine)

    def run(self, started=None):
        start = time.monotonic()
        threads = [threading.Thread(target=self.worker, args=(start,)) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        if started is not None:
            started()
        for thread in threads:
            thread.join()
        return summary(self.results, time.monotonic() - start)


def summary(results, elapsed):
    latencies = sorted(latency for latency, _, _ in results)

    def quantile(q):
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return {
        "sent": len(results),
        "elapsed": elapsed,
        "errors": sum(1 for _, _, status in results if status != 200),
        "client_hits": sum(1 for _, cache, _ in results if cache == "HIT"),
        "p50_ms": quantile(0.50) if latencies else None,
        "p95_ms": quantile(0.95) if latencies else None,
    }


class Publisher:
    """bench/publisher.py in its own process: `ready()` once Django is up, `go()` starts its
    schedule, `result()` waits for it to end."""

    def __init__(self, rate, seconds, environ):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.publisher", str(rate), str(seconds)],
            cwd=run.ROOT, env=environ, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )  # fmt: skip

    def ready(self):
        line = self.process.stdout.readline()
        if line.strip() != "ready":
            self.process.kill()
            raise RuntimeError(f"publisher did not start: {line!r}")

    def go(self):
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def result(self):
        out, _ = self.process.communicate(timeout=600)
        lines = [line for line in out.splitlines() if line.startswith("{")]
        if self.process.returncode or not lines:
            raise RuntimeError(f"publisher failed ({self.process.returncode}): {out[-500:]}")
        return json.loads(lines[-1])

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def measure_round(rate, varnish, paths, publisher_environ):
    for path in dict.fromkeys(paths):  # every answer cached before the round
        status, body, _ = run.fetch(varnish.url, run.Request("GET", path))
        problem = run.check_answer(status, body, path[:80])
        if problem:
            raise RuntimeError(problem)
    publisher = Publisher(rate, SECONDS, publisher_environ) if rate else None
    try:
        if publisher:
            publisher.ready()
        before = varnish.stat(*COUNTERS)
        outcome = Load(varnish.port, paths, RPS, SECONDS).run(publisher.go if publisher else None)
        published = publisher.result() if publisher else {"changes": 0, "failures": []}
    finally:
        if publisher:
            publisher.stop()
    after = varnish.stat(*COUNTERS)
    delta = {name.split(".")[1]: after[name] - before[name] for name in COUNTERS}
    looked_up = delta["cache_hit"] + delta["cache_miss"]
    took = published.get("seconds") or []
    outcome.update(
        rate=rate,
        changes=published["changes"],
        failures=published["failures"],
        publish_ms=statistics.median(took) * 1000 if took else None,
        hit_ratio=delta["cache_hit"] / looked_up if looked_up else None,
        **delta,
    )
    return outcome


def print_table(rounds, towns, portraits):
    print(
        f"\nVarnish while towns publish: {towns} towns, {portraits} live portraits; "
        f"{RPS:.0f} req/s for {SECONDS:.0f} s per round over {towns} town lists + the all-towns"
        f" list (x{ALL_TOWNS_SHARE}); answers kept s-maxage {MAX_AGE} s;"
        " 1 gunicorn (2 sync workers, answer cache on) behind 1 Varnish"
    )
    header = (
        f"{'changes/min':>11} {'changes':>7} {'bans':>5} {'requests':>8} {'req/s':>6}"
        f" {'hit ratio':>9} {'to app':>7} {'per change':>10} {'app req/s':>9} {'p50 ms':>7}"
        f" {'p95 ms':>7}"
        f" {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in rounds:
        per_change = f"{r['backend_req'] / r['changes']:.0f}" if r["changes"] else "-"
        print(
            f"{r['rate']:>11g} {r['changes']:>7} {r['bans_added']:>5} {r['sent']:>8}"
            f" {r['sent'] / r['elapsed']:>6.0f} {r['hit_ratio'] or 0:>9.3f} {r['backend_req']:>7}"
            f" {per_change:>10} {r['backend_req'] / r['elapsed']:>9.1f} {r['p50_ms']:>7.1f}"
            f" {r['p95_ms']:>7.1f}"
            f" {r['errors']:>6}"
        )
    for r in rounds:
        client = r["client_hits"] / r["sent"] if r["sent"] else 0
        publish = f"{r['publish_ms']:.0f} ms" if r["publish_ms"] is not None else "-"
        print(
            f"  {r['rate']:g}/min: client saw X-Varnish-Cache HIT in {client:.3f};"
            f" median publish {publish}"
            + (f"; failed: {'; '.join(r['failures'])}" if r["failures"] else "")
        )


def main():
    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from bench import varnish_rows

    server = varnish = django = None
    try:
        run.flush_redis()
        run.admin_sql(f'CREATE DATABASE "{DATABASE}"')
        run.log(f"scratch database {DATABASE}, Redis {run.REDIS}, ports {PORT}-{PORT + 2}")
        django = run.InProcess()
        from django.core.management import call_command

        run.log("migrate, seed_demo …")
        call_command("migrate", verbosity=0)
        call_command("seed_demo", "--no-accounts", verbosity=0)
        sizes.build(django, sizes.Size(PORTRAITS, towns=TOWNS), DB_PREFIX, run.PG,
                    run.admin_sql, run.log)  # fmt: skip
        from pages.models import PortraitPage

        # The towns with portraits (a town's slug is the same in each of its languages).
        slugs = sorted(set(PortraitPage.objects.live().values_list("town__slug", flat=True)))
        portraits = django.portraits()
        django.close()
        paths = request_cycle([list_path(slug) for slug in slugs], list_path())

        varnish_rows.ensure_varnish()
        banned = {"VARNISH_URLS": f"http://127.0.0.1:{PORT}"}
        server = run.Server("publishing", PORT + 2, **banned)
        varnish = Varnish(backend_port=PORT + 2, port=PORT, admin_port=PORT + 1)
        varnish.start()
        server.wait_ready()
        rounds = []
        for rate in RATES:
            run.log(f"round: {rate:g} changes/min, {RPS:.0f} req/s for {SECONDS:.0f} s …")
            rounds.append(measure_round(rate, varnish, paths, dict(os.environ, **banned)))
        print_table(rounds, len(slugs), portraits)
    except KeyboardInterrupt:
        run.log("interrupted; cleaning up")
    finally:
        if varnish is not None:
            varnish.stop()
        if server is not None:
            server.stop()
        if django is not None:
            django.close()
        run.admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        run.flush_redis()
        shutil.rmtree(run.SCRATCH, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
