"""Helpers that several test modules use (instead of importing them from each other's test
modules), by topic."""
