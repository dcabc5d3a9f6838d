"""Settings of the benchmark server (bench/run.py): production settings (DEBUG off) with a
URLconf that adds the peers measured beside our API (bench/urls.py). The environment comes from
bench/run.py: a scratch PostgreSQL database, Redis db 9, the rate limit lifted, the cache on or
off per server."""

import os

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# One Redis database for the servers of both sizes: each size its own cache keys.
CACHES["default"]["KEY_PREFIX"] += os.environ.get("BENCH_CACHE_KEY_PREFIX", "")  # noqa: F405
