"""Django set up for a benchmark script (bench/hostile.py): a fresh SQLite database and media
folder in a temporary directory, test settings, rate limits out of the way. Import first, before
anything of Django."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(prefix, **environ):
    """Sets up Django on a new temporary directory (returned); `environ` overrides settings."""
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    os.environ["GRAPHQL_RATE_LIMIT"] = "1000000"
    os.environ.update(environ)

    import django

    django.setup()
    return scratch
