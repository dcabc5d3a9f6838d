"""Whether this process is the development server's (`make run`) serving process."""

import os
import sys


def is_development_server():
    """runserver's autoreloader runs the app in a child process marked RUN_MAIN: only that one
    starts the in-process scheduler and task worker (not the watching parent, nor any other
    management command)."""
    return "runserver" in sys.argv and os.environ.get("RUN_MAIN") == "true"
