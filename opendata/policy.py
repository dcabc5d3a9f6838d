"""The one door through which the exports ask the visibility policy: when the policy moves,
this import is the line that changes."""

from cms.graphql import visibility

__all__ = ["visibility"]
