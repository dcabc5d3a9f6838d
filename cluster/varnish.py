"""Start and stop a real Varnish (Debian's `varnish` package) with the repository's VCL
(deploy/varnish/default.vcl) in front of one backend: for the tests, `make bench` and the
cluster. No systemd: `varnishd` runs in the foreground of its own work directory, bound to
loopback.

    with Varnish(backend_port=16001, port=16002) as cache:
        urllib.request.urlopen(cache.url + "/graphql/?query=...")
        cache.stat("MAIN.cache_hit")

The backend is written into the work directory's `backend.vcl`, which `vcl_path` finds before
the repository's own (deploy/varnish/backend.vcl, the production default).
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from .processes import free_port

VCL_DIR = Path(__file__).resolve().parent.parent / "deploy" / "varnish"
VARNISHD = os.environ.get("VARNISHD", "/usr/sbin/varnishd")
BACKEND = """backend default {{
    .host = "{host}";
    .port = "{port}";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
}}
"""


class Varnish:
    """One varnishd: `start()` waits until it answers, `stop()` ends it and removes its work
    directory. `port`/`admin_port` default to free ephemeral ports."""

    def __init__(self, backend_port, port=None, admin_port=None, backend_host="127.0.0.1",
                 memory="64m", workdir=None):  # fmt: skip
        self.backend_host, self.backend_port = backend_host, backend_port
        self.port = port or free_port()
        self.admin_port = admin_port or free_port()
        self.memory = memory
        self._own_workdir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="es-varnish-"))
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        if not Path(VARNISHD).exists():
            raise RuntimeError(f"varnishd fehlt ({VARNISHD}): apt-get install -y varnish")
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.workdir.chmod(0o755)  # varnishd drops privileges (users varnish, vcache)
        (self.workdir / "backend.vcl").write_text(
            BACKEND.format(host=self.backend_host, port=self.backend_port)
        )
        self.log = open(self.workdir / "varnishd.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [VARNISHD, "-F", "-a", f"127.0.0.1:{self.port}", "-T", f"127.0.0.1:{self.admin_port}",
             "-n", str(self.workdir / "n"), "-p", f"vcl_path={self.workdir}:{VCL_DIR}",
             "-f", "default.vcl", "-s", f"malloc,{self.memory}",
             "-P", str(self.workdir / "varnishd.pid")],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited: {self.log_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"varnishd did not answer on {self.port}: {self.log_text()}")

    def log_text(self):
        self.log.flush()
        return (self.workdir / "varnishd.log").read_text(errors="replace")[-2000:]

    def stat(self, *names):
        """Counters from varnishstat (e.g. MAIN.cache_hit, MAIN.n_object): one int, or a dict
        for several names. Workers flush theirs in batches: for exact counts use `log_records`."""
        command = ["varnishstat", "-n", str(self.workdir / "n"), "-1"]
        for name in names:
            command += ["-f", name]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        values = {line.split()[0]: int(line.split()[1]) for line in out.splitlines() if line}
        found = {name: values.get(name, 0) for name in names}
        return found[names[0]] if len(names) == 1 else found

    def log_records(self, tag):
        """The values of one shared-memory log tag so far (`varnishlog -d -i TAG`), e.g.
        "ReqMethod" (one per request: "GET", "BAN", ...) or "VCL_call" ("HIT", "MISS", ...).
        Unlike the counters of `stat`, which workers flush now and then, it is exact at once."""
        out = subprocess.run(
            ["varnishlog", "-n", str(self.workdir / "n"), "-d", "-i", tag],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        return [line.split(tag, 1)[1].strip() for line in out.splitlines() if tag in line]

    def bans(self):
        """BAN requests received so far."""
        return self.log_records("ReqMethod").count("BAN")

    def pause(self):
        """Freeze varnishd (SIGSTOP): connections are accepted by the kernel but never
        answered, as a hanging cache. `resume()` continues it."""
        os.killpg(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.killpg(self.process.pid, signal.SIGCONT)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGCONT)
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass
        if self.process is not None:
            self.log.close()
            self.process = None
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
