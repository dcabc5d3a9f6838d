"""Benchmark (issue 11): our portrait list beside its peers, on PostgreSQL, through gunicorn.

    make bench                                   # 1,000, 10,000 and 100,000 portraits
    BENCH_SIZES=200,1000 BENCH_LARGE_SIZE=2000 BENCH_LARGE_TOWNS=10 BENCH_DURATION=2 \
        .venv/bin/python bench/run.py            # a quick try (BENCH_LARGE=0: no large size)

Needs PostgreSQL (BENCH_PG, default postgres://postgres@127.0.0.1:5432, a superuser) and Redis
(BENCH_REDIS, default redis://127.0.0.1:6379/9: flushed at start and end). Creates a scratch
database `bench_<pid>_<size>`, migrates, runs `seed_demo` and `generate_portraits` to the first
size in BENCH_SIZES; each further size is a copy of the previous database (PostgreSQL template)
to which `generate_portraits` adds the rest (1,000, then 9,000 more); the large size (100 towns x
1,000 portraits) copies the first one's (bench/sizes.py). Each database is VACUUMed and
ANALYZEd, as autovacuum leaves a production database after a bulk load.
Then, per size:

- counts SQL statements per request at 20 and 100 items, in-process (Django's test Client and
  CaptureQueriesContext against the same database);
- starts two gunicorn servers (2 sync workers each, bench.settings: production settings, DEBUG
  off, rate limit lifted, REDIS_URL set): one with GRAPHQL_CACHE_SECONDS=0 (every request
  computed), one with the answer cache on (cache hits, and the static view beside them);
- runs wrk (-t2 -c4, BENCH_DURATION seconds, default 5) over every row of every size,
  interleaved (A at 1,000, A at 10,000, B at 1,000, …, then again), BENCH_ROUNDS times
  (default 3), and takes the medians of req/s, p50, p95; only one server is under load at a time;
- reads the workers' RSS (VmRSS) after the runs and counts rendition rows before and after.
- through a Varnish in front of a server of its own (bench/varnish_rows.py): a GraphQL cache hit
  and the static view's bytes as a hit beside it, and Varnish's hit ratio.

BENCH_SEARCH (default Helfen) is the search term; BENCH_PORT (default 8701) the first port of
the servers (2 per size; the Varnish rows' own from BENCH_PORT+50, bench/varnish_rows.py);
BENCH_JSON=path keeps every wrk run as JSON;
BENCH_PROFILE=1 prints a cProfile of the uncached list, a cache hit and grapple's path per size.
Prints one table, then the targets with PASS/FAIL and the measured ratios. Exits 0 whatever the
targets say (it is a measurement); stops the servers, drops the database and flushes Redis db 9
on the way out, on errors and Ctrl-C too. docs/performance.md explains the rows and targets.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import redis_memory, sizes, varnish_rows  # noqa: E402 - needs ROOT on the path

VENV_BIN = Path(sys.executable).parent

SIZES = sizes.plan()
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = 4
THREADS = 2
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/9")
CREATED = []  # scratch databases, dropped at the end
# Two servers per size from BENCH_PORT (default 8701): 8701/8702, 8703/8704, …
BASE_PORT = int(os.environ.get("BENCH_PORT", "8701"))
SEARCH_TERM = os.environ.get("BENCH_SEARCH", "Helfen")
PROFILE = os.environ.get("BENCH_PROFILE", "") == "1"
PROFILE_LINES = 20
TOWN = "dessau-rosslau"
DEEP_FRACTION = 0.8  # the deep page starts 80% into the list: page 400 of 20 at 10,000

FIELDS = (
    'slug title town { name slug } areas { slug } photo { alt rendition(fill: "400x400") { url } }'
)
LIST = "{ portraits(perPage: %d) { items { %s } } }"
PAGED = "{ portraits(%s, perPage: %d) { items { %s } pagination { total } } }"
GENERIC = '{ pages(contentType: "pages.PortraitPage", limit: %d) { ... on PortraitPage { %s } } }'
OUR_REST = "/api/v2/pages/?type=pages.PortraitPage&fields=name,town,areas,photo&limit=%d"
STOCK_REST = (
    "/bench/stock-api/v2/pages/?type=pages.PortraitPage"
    "&fields=name,town(name,slug),areas(slug),photo_400&limit=%d"
)

SCRATCH = Path(tempfile.mkdtemp(prefix="es-bench-"))
DB_PREFIX = f"bench_{os.getpid()}"

os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{PG}/{sizes.database(DB_PREFIX, SIZES[0].portraits)}",
        "REDIS_URL": REDIS,
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "MEDIA_ROOT": str(SCRATCH / "media"),
        "GRAPHQL_RATE_LIMIT": "1000000000",
        "GRAPHQL_CACHE_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
)


def log(message):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


class Request:
    """One HTTP request of a row: method, path and JSON body (GraphQL POSTs)."""

    def __init__(self, method, path, body=None):
        self.method, self.path, self.body = method, path, body

    @classmethod
    def graphql(cls, query, method="POST"):
        if method == "GET":
            return cls("GET", "/graphql/?" + urllib.parse.urlencode({"query": query}))
        return cls("POST", "/graphql/", json.dumps({"query": query}).encode())


class Row:
    """A line of the table: `make(per_page)` builds its request; `server` is the gunicorn it is
    measured on; `sql` whether SQL statements are counted in-process (cached rows: the hit)."""

    def __init__(self, key, label, server, make, cached=False):
        self.key, self.label, self.server, self.make, self.cached = key, label, server, make, cached


def rows_for(size, area):
    deep_page = max(1, round(DEEP_FRACTION * size / 20))

    def deep(per_page):  # the same offset at 100 items per page
        return f"page: {max(1, round(DEEP_FRACTION * size / per_page))}"

    return deep_page, [
        Row("list", "GraphQL portraits, uncached", "plain",
            lambda n: Request.graphql(LIST % (n, FIELDS))),
        Row("hit_get", "GraphQL portraits, cache hit GET", "cached",
            lambda n: Request.graphql(LIST % (n, FIELDS), "GET"), cached=True),
        Row("hit_post", "GraphQL portraits, cache hit POST", "cached",
            lambda n: Request.graphql(LIST % (n, FIELDS)), cached=True),
        Row("static", "static view, same bytes", "cached",
            lambda n: Request("GET", "/bench/static/")),
        Row("grapple", "grapple generic pages", "plain",
            lambda n: Request.graphql(GENERIC % (n, FIELDS))),
        Row("our_rest", "our REST /api/v2/", "plain", lambda n: Request("GET", OUR_REST % n)),
        Row("stock_rest", "stock REST v2, prefetching", "plain",
            lambda n: Request("GET", STOCK_REST % n)),
        Row("deep", f"GraphQL deep page {deep_page} (+total)", "plain",
            lambda n: Request.graphql(PAGED % (deep(n), n, FIELDS))),
        Row("town", "GraphQL town filter (+total)", "plain",
            lambda n: Request.graphql(PAGED % (f'town: "{TOWN}"', n, FIELDS))),
        Row("area", "GraphQL area filter (+total)", "plain",
            lambda n: Request.graphql(PAGED % (f'area: "{area}"', n, FIELDS))),
        Row("search", f'GraphQL search "{SEARCH_TERM}" (+total)', "plain",
            lambda n: Request.graphql(PAGED % (f'searchQuery: "{SEARCH_TERM}"', n, FIELDS))),
        *varnish_rows.rows(Row, Request, lambda n: Request.graphql(LIST % (n, FIELDS), "GET")),
    ]  # fmt: skip


# --- tools ---------------------------------------------------------------------------------


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        sys.exit("wrk fehlt: apt-get install wrk (als root) und erneut starten.")
    log("installing wrk (apt-get install -y wrk) …")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)


def admin_sql(statement):
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS).flushdb()


# --- servers -------------------------------------------------------------------------------


class Server:
    def __init__(self, name, port, **environ):
        self.name, self.port = name, port
        env = dict(os.environ, **environ)
        self.log_file = open(SCRATCH / f"gunicorn-{name}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "cms.wsgi:application", "--workers", "2",
             "--bind", f"127.0.0.1:{self.port}", "--chdir", str(ROOT), "--timeout", "120"],
            env=env, stdout=self.log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited; log: {self.log_file.name}")
            try:
                with urllib.request.urlopen(self.url + "/healthz/", timeout=5) as response:
                    if response.status == 200 and len(self.workers()) == 2:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn {self.name} not ready; log: {self.log_file.name}")

    def workers(self):
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(child) for child in children]

    def cpu_ticks(self):
        ticks = 0
        for pid in self.workers():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks

    def wait_idle(self, bound):
        """After a wrk run: the requests wrk abandoned at its end (at most one running and one
        queued per worker) still run in the workers; wait until their CPU time stands still for
        half a second, at most `bound` seconds, so they do not slow the next row down."""
        deadline = time.monotonic() + bound
        last, still_since = self.cpu_ticks(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            ticks = self.cpu_ticks()
            if ticks != last:
                last, still_since = ticks, time.monotonic()
            elif time.monotonic() - still_since >= 0.5:
                return

    def rss_mb(self):
        sizes = []
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self):
        if self.process.poll() is None:
            workers = self.workers()
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                for pid in [self.process.pid, *workers]:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                self.process.wait()
        self.log_file.close()


# --- measuring -----------------------------------------------------------------------------


def check_answer(status, body, what):
    """None when the answer is a 200 without GraphQL errors, else what is wrong."""
    if status != 200:
        return f"{what}: HTTP {status}: {body[:300]!r}"
    if body.startswith(b"{"):
        answer = json.loads(body)
        if isinstance(answer, dict) and answer.get("errors"):
            return f"{what}: {json.dumps(answer['errors'], ensure_ascii=False)[:300]}"
    return None


def fetch(url, request):
    http = urllib.request.Request(url + request.path, data=request.body, method=request.method)
    if request.body is not None:
        http.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(http, timeout=60) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def wrk(url, request, seconds):
    env = dict(os.environ, BENCH_METHOD=request.method, BENCH_BODY_FILE="")
    if request.body is not None:
        body_file = SCRATCH / "wrk-body.json"
        body_file.write_bytes(request.body)
        env["BENCH_BODY_FILE"] = str(body_file)
    result = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s",
         "-s", str(ROOT / "bench" / "wrk_report.lua"), url + request.path],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    summary = json.loads(line[len("BENCH ") :])
    summary["rps"] = summary["requests"] / (summary["duration_us"] / 1e6)
    summary["errors"] = sum(
        summary[k]
        for k in ("status_errors", "connect_errors", "read_errors", "write_errors", "timeouts")
    )
    return summary


class InProcess:
    """Django in this process, on the same database: SQL counts, rendition rows, set-up."""

    def __init__(self):
        import django

        django.setup()
        from django.test import Client

        self.client = Client()

    def use_database(self, name):
        from django.conf import settings
        from django.db import connection

        self.close()
        settings.DATABASES["default"]["NAME"] = name
        connection.settings_dict["NAME"] = name
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            assert cursor.fetchone()[0] == name

    def call(self, request):
        if request.method == "GET":
            response = self.client.get(request.path)
        else:
            response = self.client.post(request.path, request.body, content_type="application/json")
        return response.status_code, response.content

    def sql(self, request, cached):
        from django.db import connection
        from django.test import override_settings
        from django.test.utils import CaptureQueriesContext

        with override_settings(GRAPHQL_CACHE_SECONDS=60 if cached else 0):
            self.call(request)  # warm (and, cached, store the answer)
            with CaptureQueriesContext(connection) as ctx:
                status, body = self.call(request)
        problem = check_answer(status, body, request.path[:60])
        if problem:
            raise RuntimeError(problem)
        return len(ctx.captured_queries)

    def profile(self, request, cached, label, count=20):
        """cProfile over `count` requests in-process: where the time of one row goes."""
        import cProfile
        import io
        import pstats

        from django.test import override_settings

        with override_settings(GRAPHQL_CACHE_SECONDS=60 if cached else 0):
            self.call(request)
            profiler = cProfile.Profile()
            started = time.perf_counter()
            profiler.enable()
            for _ in range(count):
                self.call(request)
            profiler.disable()
            elapsed = (time.perf_counter() - started) / count * 1000
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime")
        stats.print_stats(PROFILE_LINES)
        print(f"\n--- profile: {label}, {elapsed:.1f} ms per request in-process (profiled), "
              f"top {PROFILE_LINES} by own time")  # fmt: skip
        lines = out.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if line.strip().startswith("ncalls"))
        print("\n".join(lines[start : start + PROFILE_LINES + 1]), flush=True)

    def renditions(self):
        from wagtail.images import get_image_model

        return get_image_model().get_rendition_model().objects.count()

    def portraits(self):
        from pages.models import PortraitPage

        return PortraitPage.objects.live().count()

    def substring_matches(self, term):
        from django.db.models import Q

        from pages.models import PortraitPage

        return (
            PortraitPage.objects.live()
            .filter(Q(name__icontains=term) | Q(quote__icontains=term) | Q(teaser__icontains=term))
            .count()
        )

    def analyze(self):
        """VACUUM ANALYZE: the statistics, and the visibility map that lets an index-only scan
        skip the table (portrait_listed_idx for the visible portraits). In production autovacuum
        (on by default) does this within a minute of a bulk load; a server with it off (this
        one's PostgreSQL for tests) would otherwise measure a state production is in only for
        that minute."""
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    def area_slug(self):
        from snippets.models import EngagementArea

        return EngagementArea.objects.filter(live=True).order_by("slug").first().slug

    def close(self):
        from django.db import connections

        connections.close_all()


def prepare_size(django, plan):
    """The database of a size (bench/sizes.py: a copy of another's with `generate_portraits`
    adding towns and portraits, VACUUM ANALYZE), and what is measured in-process (SQL per
    request, the static view's bytes, search totals, rendition rows)."""
    size, database = plan.portraits, sizes.database(DB_PREFIX, plan.portraits)
    if plan.template is not None:
        CREATED.append(database)  # the first: by main
    seconds = sizes.build(django, plan, DB_PREFIX, PG, admin_sql, log)
    area = django.area_slug()
    deep_page, rows = rows_for(size, area)
    outcome = {
        "size": size,
        "large": plan.large,
        "generate_seconds": seconds,
        "shape": sizes.shape(django),
        "database": database,
        "portraits": django.portraits(),
        "deep_page": deep_page,
        "area": area,
        "renditions_before": django.renditions(),
        "rows": {},
        "static_body": SCRATCH / f"static-body-{size}.json",
    }
    log("SQL per request (in-process, 20 and 100 items) …")
    for row in rows:
        entry = outcome["rows"].setdefault(row.key, {"label": row.label, "runs": []})
        try:
            entry["sql"] = tuple(django.sql(row.make(n), row.cached) for n in (20, 100))
        except RuntimeError as error:
            entry["problem"] = str(error)
            log(f"  {row.label}: {error}")
    if PROFILE:
        for row in rows:
            if (
                row.key in ("list", "hit_post", "grapple")
                and "problem" not in outcome["rows"][row.key]
            ):
                django.profile(row.make(20), row.cached, f"{size}: {row.label}")
    status, body = django.call(rows[0].make(20))
    outcome["static_body"].write_bytes(body)
    status, body = django.call(next(r for r in rows if r.key == "search").make(20))
    answer = json.loads(body)
    outcome["search_total"] = (
        ((answer.get("data") or {}).get("portraits") or {}).get("pagination", {}).get("total")
    )
    outcome["search_substring"] = django.substring_matches(SEARCH_TERM)
    django.close()
    return outcome, rows


def start_servers(outcome, index):
    """Two servers on the size's database: answer cache off and on (its own key prefix, so
    the sizes' caches in Redis db 9 stay apart)."""
    common = {
        "DATABASE_URL": f"{PG}/{outcome['database']}",
        "BENCH_STATIC_BODY": str(outcome["static_body"]),
        "BENCH_CACHE_KEY_PREFIX": f"bench-{outcome['size']}",
    }
    port = BASE_PORT + 2 * index
    size = outcome["size"]
    servers = {
        "plain": Server(f"{size}-plain", port, GRAPHQL_CACHE_SECONDS="0", **common),
        "cached": Server(f"{size}-cached", port + 1, GRAPHQL_CACHE_SECONDS="60", **common),
        # Its own server, so the rows above measure the app without a cache in front.
        "varnished": Server(f"{size}-varnished", varnish_rows.app_port(BASE_PORT, index),
                            GRAPHQL_CACHE_SECONDS="60", **common,
                            **varnish_rows.environ(BASE_PORT, index)),
    }  # fmt: skip
    return varnish_rows.front(servers, BASE_PORT, index)


def verify(outcome, rows, servers):
    for row in rows:
        entry = outcome["rows"][row.key]
        if "problem" in entry:
            continue
        status, body, _ = fetch(servers[row.server].url, row.make(20))
        problem = check_answer(status, body, row.label)
        if row.key == "static" and body != outcome["static_body"].read_bytes():
            problem = "static view: not the bytes of the GraphQL answer"
        if row.cached and not problem:
            headers = fetch(servers[row.server].url, row.make(20))[2]
            if headers.get("X-Cache") != "HIT":
                problem = f"{row.label}: second request not a cache hit (X-Cache missing)"
        if problem:
            entry["problem"] = problem
            log(f"  {outcome['size']}: {problem}")


def measure(django, results):
    """Every size's database prepared first; then all servers up and the rows run interleaved
    across rows and sizes (A1000 A10000 B1000 B10000 …), so a change in the machine's load
    between minutes does not pass for a difference between the sizes."""
    plans = []
    for plan in SIZES:
        outcome, rows = prepare_size(django, plan)
        results.append(outcome)
        plans.append((outcome, rows))
    servers = {}
    try:
        log(f"starting gunicorn: 3 servers x {len(SIZES)} sizes from port {BASE_PORT} …")
        for index, (outcome, _) in enumerate(plans):
            # One size at a time: 18 workers importing Django at once overran the start-up
            # deadline on a busy 2-CPU machine once the third size came.
            servers[outcome["size"]] = start_servers(outcome, index)
            for server in servers[outcome["size"]].values():
                server.wait_ready()
        for outcome, rows in plans:
            # First: it needs the first requests through each Varnish (a miss, then a hit).
            varnish_rows.verify(outcome, servers[outcome["size"]], fetch, rows)
            verify(outcome, rows, servers[outcome["size"]])
        order = [
            (outcome, row)
            for row_index in range(len(plans[0][1]))
            for outcome, rows in plans
            for row in [rows[row_index]]
            if "problem" not in outcome["rows"][row.key]
        ]

        def run(outcome, row, seconds):
            server = servers[outcome["size"]][row.server]
            summary = wrk(server.url, row.make(20), seconds)
            server.wait_idle(min(30, 2 * summary["max_us"] / 1e6 + 1))
            return summary

        log(f"warm-up, then {ROUNDS} rounds x {len(order)} runs x {DURATION} s …")
        for outcome, row in order:
            run(outcome, row, 1)
        for round_number in range(ROUNDS):
            for outcome, row in order:
                outcome["rows"][row.key]["runs"].append(run(outcome, row, DURATION))
            log(f"  round {round_number + 1} done")
        for outcome, _ in plans:
            pair = servers[outcome["size"]]
            outcome["rss"] = {name: server.rss_mb() for name, server in pair.items()}
            varnish_rows.record(outcome, pair)
    finally:
        for pair in servers.values():
            for server in pair.values():
                server.stop()
    for outcome, _ in plans:
        django.use_database(outcome["database"])
        outcome["renditions_after"] = django.renditions()
    django.close()


# --- report --------------------------------------------------------------------------------


def medians(entry):
    runs = entry.get("runs") or []
    if not runs:
        return None
    return {
        "rps": statistics.median(r["rps"] for r in runs),
        "p50": statistics.median(r["p50_us"] for r in runs) / 1000,
        "p95": statistics.median(r["p95_us"] for r in runs) / 1000,
        "errors": sum(r["errors"] for r in runs),
    }


def print_table(results):
    print()
    header = (
        f"{'portraits':>9}  {'row':<38} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}"
        f" {'SQL 20/100':>11} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for outcome in results:
        for entry in outcome["rows"].values():
            sql = entry.get("sql")
            sql_text = f"{sql[0]}/{sql[1]}" if sql else "-"
            m = medians(entry)
            if m is None:
                print(f"{outcome['size']:>9}  {entry['label']:<38} {'not measured':>26}")
                continue
            print(
                f"{outcome['size']:>9}  {entry['label']:<38} {m['rps']:>8.1f} {m['p50']:>8.1f}"
                f" {m['p95']:>8.1f} {sql_text:>11} {m['errors']:>6}"
            )
        print("-" * len(header))
    print()
    for outcome in results:
        rss = outcome.get("rss") or {}
        rss_text = "; ".join(
            f"{name}: {', '.join(f'{mb:.0f}' for mb in sizes)} MB"
            for name, sizes in rss.items()
            if sizes
        )
        print(
            f"{outcome['size']:>6} generated ({outcome['portraits']} live portraits): RSS per"
            f" worker after the runs: {rss_text or '-'}; rendition rows"
            f" {outcome['renditions_before']} -> {outcome.get('renditions_after', '?')};"
            f" deep page = page {outcome['deep_page']} of 20; area filter = {outcome['area']};"
            f' search "{SEARCH_TERM}": total {outcome.get("search_total")} in the answer,'
            f" {outcome.get('search_substring')} portraits contain it in name/quote/teaser"
        )
    for outcome in results:
        for entry in outcome["rows"].values():
            if "problem" in entry:
                print(f"  {outcome['size']}: {entry['problem']}")


def print_targets(results):
    print("\nTargets")
    verdicts = []

    def target(text, ratio, passed):
        verdicts.append(passed)
        shown = f": {ratio:.2f}x" if ratio is not None else ""
        print(f"  {'PASS' if passed else 'FAIL'}  {text}{shown}")

    def rps(outcome, key):
        m = medians(outcome["rows"].get(key, {}))
        return m["rps"] if m else None

    def p50(outcome, key):
        m = medians(outcome["rows"].get(key, {}))
        return m["p50"] if m else None

    def ratio(a, b):
        return a / b if a is not None and b else None

    for outcome in results:
        size = outcome["size"]
        r = ratio(rps(outcome, "list"), rps(outcome, "grapple"))
        target(f"{size}: uncached req/s >= 3x grapple generic", r, r is not None and r >= 3)
        r = ratio(rps(outcome, "list"), rps(outcome, "stock_rest"))
        target(f"{size}: uncached req/s >= 1.2x stock REST v2", r, r is not None and r >= 1.2)
        for key, label in (("hit_get", "GET"), ("hit_post", "POST")):
            r = ratio(rps(outcome, key), rps(outcome, "static"))
            target(f"{size}: cache hit {label} req/s >= 0.8x static", r, r is not None and r >= 0.8)
    varnish_rows.targets(results, target, rps)
    sizes.targets(results, target, p50)
    for outcome in results:
        before, after = outcome["renditions_before"], outcome.get("renditions_after")
        passed = after == before
        verdicts.append(passed)
        print(
            f"  {'PASS' if passed else 'FAIL'}  {outcome['size']}: rendition rows unchanged by"
            f" the requests: {before} -> {after}"
        )
    print(f"\n{sum(verdicts)} of {len(verdicts)} targets met.")


def git_describe():
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "log", "-1", "--format=%h %cI %s"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()[:100]  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "?"


def main():
    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in background
    ensure_wrk()
    results = []
    django = None
    try:
        flush_redis()
        first = sizes.database(DB_PREFIX, SIZES[0].portraits)
        admin_sql(f'CREATE DATABASE "{first}"')
        CREATED.append(first)
        log(f"scratch databases {DB_PREFIX}_*, Redis {REDIS}, media {SCRATCH}")
        django = InProcess()
        from django.core.management import call_command

        log("migrate, seed_demo …")
        call_command("migrate", verbosity=0)
        call_command("seed_demo", "--no-accounts", verbosity=0)
        measure(django, results)
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        print(f"\nBenchmark {when}, commit {git_describe()}")
        print(
            f"wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}s, medians of {ROUNDS} interleaved"
            f" rounds; gunicorn 2 sync workers per server; PostgreSQL {PG.split('@')[-1]};"
            f" {os.cpu_count()} CPUs"
        )
        print_table(results)
        sizes.report(results)
        print_targets(results)
        redis_memory.report(REDIS, results)
        if os.environ.get("BENCH_JSON"):  # every wrk run, for a closer look
            Path(os.environ["BENCH_JSON"]).write_text(json.dumps(results, indent=1, default=str))
    except KeyboardInterrupt:
        log("interrupted; cleaning up")
    finally:
        if django is not None:
            django.close()
        for database in CREATED:
            admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        flush_redis()
        shutil.rmtree(SCRATCH, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
