"""Django's SQLite backend for the embedded database of `make run` (var/db.sqlite3, no
DATABASE_URL): the database file's folder is made on the first connection, so that a fresh
checkout works and importing the settings creates nothing."""

from pathlib import Path

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        name = conn_params["database"]
        if not self.creation.is_in_memory_db(name):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        return super().get_new_connection(conn_params)
