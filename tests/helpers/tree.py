"""The page tree of conftest's `tree` fixture (`build_tree`)."""

import types


class Tree(types.SimpleNamespace):
    """home, campaign, sections (town slug → section), dessau (the coordinating town)."""

    @property
    def dessau_section(self):
        """Dessau-Roßlau's section, where most tests put their pages."""
        return self.sections["dessau-rosslau"]
