from .campaign import CampaignPage, TownSectionPage
from .home import HomePage
from .portrait import PortraitPage
from .programme import ProgrammePage, ProgrammePageFunder

__all__ = [
    "CampaignPage",
    "HomePage",
    "PortraitPage",
    "ProgrammePage",
    "ProgrammePageFunder",
    "TownSectionPage",
]
