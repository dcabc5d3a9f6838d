"""`make cluster` / `make cluster-stop` / `python -m cluster status`: the cluster of
cluster/stack.py in the background, on loopback, until stopped.

    python -m cluster up       start it (waits until it answers through Varnish), print addresses
    python -m cluster down     stop every process of it
    python -m cluster status   what runs, where

CLUSTER_DIR (default var/cluster) holds its state, the S3 data and the logs
(`logs/<process>.log`: app1, app2, worker, scheduler, haproxy; Varnish and SeaweedFS in their
own directories). CLUSTER_DATABASE_URL (default: database `engagierte_cluster` on
127.0.0.1:5432) and CLUSTER_REDIS_URL (default Redis database 12) choose the shared services;
CLUSTER_PORT the port of Varnish (default 8100).
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .stack import ROOT, Cluster

DIRECTORY = Path(os.environ.get("CLUSTER_DIR", ROOT / "var" / "cluster"))
STATE = DIRECTORY / "cluster.json"
PIDFILE = DIRECTORY / "cluster.pid"
SUPERVISOR_LOG = DIRECTORY / "logs" / "cluster.log"


def running_pid():
    try:
        pid = int(PIDFILE.read_text())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def run():
    """The supervisor: starts the cluster, writes its state, stops it on SIGTERM."""
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    cluster = Cluster(
        DIRECTORY,
        database_url=os.environ.get(
            "CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/engagierte_cluster"
        ),
        redis_url=os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/12"),
        port=int(os.environ.get("CLUSTER_PORT", "8100")),
    )
    with cluster:
        state = {
            "url": cluster.url,
            "haproxy": cluster.haproxy.url,
            "apps": {app.name: app.url for app in cluster.apps},
            "s3": cluster.s3.endpoint_url,
            "pids": {service.name: service.pid for service in cluster.services()},
            "logs": str(cluster.logs),
        }
        STATE.write_text(json.dumps(state, indent=1))
        print(json.dumps(state), flush=True)
        while not stop:
            time.sleep(0.5)
    STATE.unlink(missing_ok=True)


def up():
    if running_pid():
        print(f"Der Cluster läuft schon: {STATE.read_text() if STATE.exists() else ''}")
        return 0
    SUPERVISOR_LOG.parent.mkdir(parents=True, exist_ok=True)
    STATE.unlink(missing_ok=True)
    with open(SUPERVISOR_LOG, "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "cluster", "supervise"], cwd=ROOT, stdout=log,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    PIDFILE.write_text(str(process.pid))
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and not STATE.exists():
        if process.poll() is not None:
            print(SUPERVISOR_LOG.read_text(errors="replace")[-4000:], file=sys.stderr)
            print("Der Cluster ist nicht gestartet (Log oben).", file=sys.stderr)
            return 1
        time.sleep(0.5)
    state = json.loads(STATE.read_text())
    print(f"Cluster läuft: {state['url']} (Varnish) -> {state['haproxy']} (haproxy) -> ", end="")
    print(", ".join(state["apps"].values()))
    print(f"Admin: {state['url']}/admin/   Logs: {state['logs']}   Stoppen: make cluster-stop")
    return 0


def down():
    pid = running_pid()
    if pid is None:
        print("Es läuft kein Cluster.")
        return 0
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and running_pid():
        time.sleep(0.5)
    if running_pid():
        print("Der Cluster hat sich nicht beendet.", file=sys.stderr)
        return 1
    PIDFILE.unlink(missing_ok=True)
    print("Cluster gestoppt.")
    return 0


def status():
    if not running_pid() or not STATE.exists():
        print("Es läuft kein Cluster.")
        return 3
    state = json.loads(STATE.read_text())
    for name, pid in state["pids"].items():
        try:
            os.kill(pid, 0)
            alive = "läuft"
        except OSError:
            alive = "beendet"
        print(f"{name:10} pid {pid:<8} {alive}")
    print(json.dumps({k: v for k, v in state.items() if k != "pids"}, indent=1))
    return 0


def main(argv):
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    commands = {"up": up, "down": down, "status": status, "supervise": run}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]]() or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
