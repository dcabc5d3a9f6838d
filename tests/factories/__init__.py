from .media import CollectionFactory, DocumentFactory, ImageFactory
from .pages import (
    CampaignPageFactory,
    HomePageFactory,
    PortraitPageFactory,
    ProgrammePageFactory,
    TownSectionPageFactory,
    make_due,
    publish,
)
from .snippets import (
    ContactPersonFactory,
    EngagementAreaFactory,
    OrganisationFactory,
    PartnerCityFactory,
)

__all__ = [
    "CampaignPageFactory",
    "CollectionFactory",
    "ContactPersonFactory",
    "DocumentFactory",
    "EngagementAreaFactory",
    "HomePageFactory",
    "ImageFactory",
    "OrganisationFactory",
    "PartnerCityFactory",
    "PortraitPageFactory",
    "ProgrammePageFactory",
    "TownSectionPageFactory",
    "make_due",
    "publish",
]
