"""The load balancer between Varnish and the app servers: haproxy (Debian's package), round
robin over the app servers, each checked on /healthz/ every half second. A GET or HEAD that
fails on one server because it died (connection refused or reset, empty answer) is retried
once on the other (`retry-on`, `option redispatch`), so killing one app server costs at most
the requests that were inside it. Requests that change something are not retried: a POST that
reached a dying server may have committed."""

import shutil
from pathlib import Path

from .processes import Service, free_port, wait_for_port

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"

CONFIG = """global
    maxconn 2000

defaults
    mode http
    option httplog
    log stdout format raw local0
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout check 2s
    retries 2
    option redispatch 1
    retry-on conn-failure empty-response response-timeout

frontend web
    bind 127.0.0.1:{port}
    default_backend apps

backend apps
    balance roundrobin
    http-request disable-l7-retry unless METH_GET || METH_HEAD
    option httpchk
    http-check send meth GET uri /healthz/ hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
{servers}
"""


class HAProxy:
    def __init__(self, backends, workdir, logs, port=None):
        self.backends = list(backends)  # (name, port)
        self.workdir = Path(workdir)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.service = Service("haproxy", [], {}, logs)

    def config(self):
        servers = "\n".join(
            f"    server {name} 127.0.0.1:{port} check" for name, port in self.backends
        )
        return CONFIG.format(port=self.port, servers=servers)

    def start(self):
        if not Path(HAPROXY).exists():
            raise RuntimeError(f"haproxy fehlt ({HAPROXY}): apt-get install -y haproxy")
        self.workdir.mkdir(parents=True, exist_ok=True)
        path = self.workdir / "haproxy.cfg"
        path.write_text(self.config())
        self.service.argv = [HAPROXY, "-db", "-f", str(path)]
        self.service.start()
        if not wait_for_port(self.port, self.service.process, timeout=15):
            raise RuntimeError(f"haproxy did not start:\n{self.service.log_tail()}")
        return self

    def stop(self):
        self.service.stop()
