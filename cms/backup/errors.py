class BackupError(Exception):
    """What went wrong, for the operator: German, then English."""
