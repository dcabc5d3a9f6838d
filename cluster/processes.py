"""One process of the cluster (an app server, the task worker, the scheduler, haproxy): started
in its own session with its output in one log file, stopped with SIGTERM and, after a grace
period, SIGKILL; `kill()` is the crash the cluster test simulates."""

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port(host="127.0.0.1"):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def wait_for_port(port, process=None, timeout=60, host="127.0.0.1"):
    """Until something accepts connections on `port` (False: `process` exited or time ran out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def wait_for_http(url, timeout=60, process=None):
    """Until `url` answers 200 (False: `process` exited or time ran out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return True
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    return False


class Service:
    """A command of the cluster, its log `logs/<name>.log` (appended: a restart adds to it)."""

    def __init__(self, name, argv, env, logs, cwd=None):
        self.name, self.argv, self.env, self.cwd = name, list(argv), dict(env), cwd
        self.log_path = Path(logs) / f"{name}.log"
        self.process = None

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def running(self):
        return self.process is not None and self.process.poll() is None

    def start(self):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            log.write(f"\n--- {time.strftime('%Y-%m-%d %H:%M:%S')} start {self.name}\n".encode())
            log.flush()
            self.process = subprocess.Popen(  # noqa: S603 (the cluster's own commands)
                self.argv, env=self.env, cwd=self.cwd, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        return self

    def stop(self, grace=10):
        if not self.running():
            return
        self._signal(signal.SIGTERM)
        try:
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self.process.wait()

    def kill(self):
        """The crash: SIGKILL to the whole process group, no clean-up."""
        if self.running():
            self._signal(signal.SIGKILL)
            self.process.wait()

    def _signal(self, number):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, number)

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""
