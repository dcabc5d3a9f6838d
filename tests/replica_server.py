"""A primary and its streaming replica (a PostgreSQL hot standby) on loopback, for
tests/test_replica.py: a private cluster made with `initdb`, holding a copy of the test database
(`pg_dump` | `psql`), and a replica of it made with `pg_basebackup -R`; both in one temporary
directory, run with `pg_ctl` as the user postgres (`runuser` when the tests run as root), stopped
and removed afterwards. The shared cluster's configuration is not touched.

Why not a replica of the shared cluster itself: a hot standby opens for reads only once the
primary has no transaction running with more than 64 subtransactions (PostgreSQL 15 then waits
for "a non-overflowed snapshot"), and the test suite's other processes keep such transactions
open for minutes (a module's shared tree: one savepoint per test).

Ports: REPLICA_TEST_PORT (default 15440) plus twice the number of the test process (xdist's gw0,
gw1, …): the primary on that port, the replica on the next.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg


def replica_ports():
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    port = int(os.environ.get("REPLICA_TEST_PORT", "15440")) + 2 * int(worker[2:] or 0)
    return port, port + 1


def _run(*command, check=True, **kwargs):
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        command = ("runuser", "-u", "postgres", "--", *command)
    result = subprocess.run(  # noqa: S603 (PostgreSQL's own tools, fixed arguments)
        command, capture_output=True, text=True, timeout=300, **kwargs
    )
    if check and result.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stderr.strip()}")
    return result


def _own(path):
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")


class LoopbackPair:
    def __init__(self, source):
        """`source`: Django's settings_dict of the test database to copy."""
        self.source = source
        self.name = source["NAME"]
        self.primary_port, self.port = replica_ports()
        self.directory = None
        self.bin = None

    def _connect(self, port):
        return psycopg.connect(
            host="127.0.0.1", port=port, user="postgres", dbname=self.name, autocommit=True,
            connect_timeout=5,
        )  # fmt: skip

    def on_primary(self, sql):
        with self._connect(self.primary_port) as connection:
            return connection.execute(sql).fetchone()[0]

    def on_replica(self, sql):
        with self._connect(self.port) as connection:
            return connection.execute(sql).fetchone()[0]

    # --- life cycle -------------------------------------------------------------------------

    def start(self):
        source = psycopg.connect(
            host=self.source["HOST"] or "127.0.0.1", port=self.source["PORT"] or 5432,
            user=self.source["USER"] or "postgres", password=self.source["PASSWORD"] or None,
            dbname=self.name, autocommit=True,
        )  # fmt: skip
        with source:
            major = int(source.execute("SHOW server_version_num").fetchone()[0]) // 10000
            locale = source.execute(
                "SELECT datcollate FROM pg_database WHERE datname = current_database()"
            ).fetchone()[0]
        self.bin = Path(f"/usr/lib/postgresql/{major}/bin")
        self.directory = Path(tempfile.mkdtemp(prefix="replica-test-"))
        _own(self.directory)
        try:
            self._start_primary(locale)
            self._copy_test_database()
            self.start_replica()
        except BaseException:
            self.remove()
            raise

    def _start_primary(self, locale):
        data = self.directory / "primary"
        _run(str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", f"--locale={locale}", "--no-sync")  # fmt: skip
        self._configure(data, self.primary_port, "wal_level = replica\nmax_wal_senders = 4\n")
        (data / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n"
            "host replication all 127.0.0.1/32 trust\n"
        )
        self._pg_ctl(data, "start")

    def _copy_test_database(self):
        source = self.source
        dump = _run(
            str(self.bin / "pg_dump"), "--no-owner", "--no-privileges",
            "-h", source["HOST"] or "127.0.0.1", "-p", str(source["PORT"] or 5432),
            "-U", source["USER"] or "postgres", self.name,
            env={**os.environ, "PGPASSWORD": source["PASSWORD"] or ""},
        ).stdout  # fmt: skip
        psql = (str(self.bin / "psql"), "-h", "127.0.0.1", "-p", str(self.primary_port))
        _run(*psql, "-U", "postgres", "-d", "postgres", "-c", f'CREATE DATABASE "{self.name}"')
        _run(*psql, "-U", "postgres", "-d", self.name, "-v", "ON_ERROR_STOP=1", "-q",
             input=dump)  # fmt: skip

    def start_replica(self):
        data = self.directory / "replica"
        if not data.exists():
            _run(str(self.bin / "pg_basebackup"), "-h", "127.0.0.1",
                 "-p", str(self.primary_port), "-U", "postgres", "-D", str(data),
                 "-R", "-X", "stream", "--checkpoint=fast", "--no-sync")  # fmt: skip
            self._configure(data, self.port, "hot_standby = on\n")
        self._pg_ctl(data, "start")
        self.wait_for_replay()

    def _configure(self, data, port, extra):
        conf = data / "postgresql.conf"
        with conf.open("a") as settings:
            settings.write(
                f"\nport = {port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.directory}'\nshared_buffers = 16MB\n"
                f"fsync = off\nmax_connections = 30\n{extra}"
            )
        _own(conf)

    def _pg_ctl(self, data, action):
        _run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", f"{data}.log", "-w",
             "-t", "60", *(("-m", "fast") if action == "stop" else ()), action)  # fmt: skip

    def stop_replica(self):
        if (self.directory / "replica" / "postmaster.pid").exists():
            self._pg_ctl(self.directory / "replica", "stop")

    def remove(self):
        if self.directory is None:
            return
        for data in ("replica", "primary"):
            if (self.directory / data / "postmaster.pid").exists():
                _run(str(self.bin / "pg_ctl"), "-D", str(self.directory / data), "-m",
                     "immediate", "-w", "stop", check=False)  # fmt: skip
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory = None

    def replica_pid(self):
        return int((self.directory / "replica" / "postmaster.pid").read_text().split()[0])

    # --- replay -----------------------------------------------------------------------------

    def wait_for_replay(self, timeout=60):
        """Until the replica has replayed everything the primary has written so far."""
        target = self.on_primary("SELECT pg_current_wal_lsn()::text")
        deadline = time.monotonic() + timeout
        while True:
            try:
                done = self.on_replica(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")
            except psycopg.OperationalError:  # still starting
                done = False
            if done:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"the replica did not replay up to {target} in {timeout}s")
            time.sleep(0.05)

    def pause(self):
        self.on_replica("SELECT pg_wal_replay_pause()::text")
        deadline = time.monotonic() + 10
        while self.on_replica("SELECT pg_get_wal_replay_pause_state()") != "paused":
            if time.monotonic() > deadline:
                raise TimeoutError("the replica did not pause its replay")
            time.sleep(0.02)

    def resume(self):
        self.on_replica("SELECT pg_wal_replay_resume()::text")
