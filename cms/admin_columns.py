"""Listing columns for the German admin."""

from wagtail.admin.ui.tables import BooleanColumn


class YesNoColumn(BooleanColumn):
    """Wagtail's tick/cross column, read out as "ja"/"nein" instead of "True"/"False"."""

    cell_template_name = "cms/tables/boolean_cell.html"
