"""Real servers of a test's own: a redis-server (up, hanging, down) and a webhook receiver;
what an anonymous client gets from a server (`anonymous_status`)."""

import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import redis
from standardwebhooks import Webhook

from cluster.processes import free_port
from webhooks.models import Endpoint

REDIS_SERVER = "/usr/bin/redis-server"


TIMEOUT = 1.0  # Redis connect/read timeout in these tests (production: REDIS_TIMEOUT, 0.5 s)


class RedisServer:
    """A redis-server process of our own: up, hanging (SIGSTOP) or down (terminated)."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_timeout=1)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            raise RuntimeError("redis-server did not start")
        self.client = client

    def hang(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self):
        if self.process.poll() is None:
            self.resume()
            self.process.terminate()
            self.process.wait(timeout=10)


def use_redis(settings, server, retry_seconds=60, timeout=TIMEOUT):
    """Point the cache, and with it the rate limiter, at `server` (resets both). Without a
    `timeout`: the configured timeouts (REDIS_OPTIONS)."""
    options = {**settings.REDIS_OPTIONS, "RETRY_SECONDS": retry_seconds}
    if timeout:
        options.update(SOCKET_CONNECT_TIMEOUT=timeout, SOCKET_TIMEOUT=timeout)
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.cache.RedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "engagierte-stadt",
            "OPTIONS": options,
        }
    }


@contextmanager
def own_redis(settings, **use_redis_options):
    """A Redis server of our own, the cache and the rate limiter pointed at it (`use_redis`),
    stopped afterwards."""
    server = RedisServer()
    try:
        use_redis(settings, server, **use_redis_options)
        yield server
    finally:
        server.stop()


class Receiver:
    """A partner's endpoint: an HTTP server on 127.0.0.1 in a thread, recording what it gets.
    `respond(handler)` may be replaced to answer differently."""

    def __init__(self, port=0):
        self.requests = []
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length).decode()
                receiver.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                receiver.respond(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def respond(self, handler):
        handler.send_response(204)
        handler.end_headers()

    def url(self, path="/hook"):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def verified(self, endpoint):
        """The payload of the endpoint's last request, its signature checked with the library."""
        path = endpoint.url.split(str(self.port), 1)[1]
        request = [r for r in self.requests if r["path"] == path][-1]
        return Webhook(endpoint.secret).verify(request["body"], request["headers"])


def endpoint(url, events=("published", "unpublished", "updated"), **kwargs):
    return Endpoint.objects.create(name=url, url=url, events=list(events), **kwargs)


def anonymous_status(url):
    """The HTTP status of a plain GET of `url`, without any credentials."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
