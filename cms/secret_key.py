"""The SECRET_KEY of a development installation (`make run`): made on first run, kept in
`var/secret_key` (mode 600, never committed: var/ is gitignored). Every copy has its own, so
preview tokens and sessions of one copy cannot be forged on another. Production sets
SECRET_KEY in the environment instead."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key


def installation_secret_key(path):
    """The key stored at `path`; made there (readable by the owner only) when missing. Two
    processes starting at once end with the same key: the file is linked into place whole,
    never written in place."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(get_random_secret_key() + "\n")
        try:
            os.link(draft, path)  # fails if another process was first: its key wins
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    key = path.read_text().strip()
    if not key:
        raise ImproperlyConfigured(f"{path} is empty: delete it to make a new key.")
    return key
