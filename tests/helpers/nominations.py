"""Shared by the nomination test modules (test_nomination_mutation.py, test_nomination_admin.py)."""

from tests.factories import EngagementAreaFactory


def make_areas():
    """Two live engagement areas whose slugs `valid_input` names."""
    return [
        EngagementAreaFactory(name="Klimaschutz", slug="klimaschutz"),
        EngagementAreaFactory(name="Nachbarschaft", slug="nachbarschaft"),
    ]
