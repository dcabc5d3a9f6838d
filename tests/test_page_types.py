"""The page tree's rules, as editors meet them in "Unterseite hinzufügen": one home page below
the root, programmes and the one campaign below it, town sections below the campaign, portraits
only inside a town's section, nothing below a portrait or a programme."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from pages.models import (
    CampaignPage,
    HomePage,
    PortraitPage,
    ProgrammePage,
    TownSectionPage,
)
from tests.factories import CampaignPageFactory, HomePageFactory


class PageTypeRules(WagtailPageTestCase):
    def test_what_may_go_below_each_page_type(self):
        self.assertAllowedSubpageTypes(HomePage, {ProgrammePage, CampaignPage})
        self.assertAllowedSubpageTypes(CampaignPage, {TownSectionPage})
        self.assertAllowedSubpageTypes(TownSectionPage, {PortraitPage})
        self.assertAllowedSubpageTypes(PortraitPage, set())
        self.assertAllowedSubpageTypes(ProgrammePage, set())

    def test_where_each_page_type_may_go(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(ProgrammePage, {HomePage})
        self.assertAllowedParentPageTypes(CampaignPage, {HomePage})
        self.assertAllowedParentPageTypes(TownSectionPage, {CampaignPage})
        self.assertAllowedParentPageTypes(PortraitPage, {TownSectionPage})

    def test_a_portrait_cannot_be_filed_outside_a_town(self):
        self.assertCanNotCreateAt(HomePage, PortraitPage)
        self.assertCanNotCreateAt(CampaignPage, PortraitPage)
        self.assertCanNotCreateAt(ProgrammePage, PortraitPage)
        self.assertCanCreateAt(TownSectionPage, PortraitPage)

    def test_one_home_page_and_one_campaign(self):
        root = Page.get_first_root_node()
        self.assertTrue(HomePage.can_create_at(root))
        home = HomePageFactory(parent=root)
        self.assertFalse(HomePage.can_create_at(root))
        self.assertTrue(CampaignPage.can_create_at(home))
        CampaignPageFactory(parent=home)
        self.assertFalse(CampaignPage.can_create_at(home))
        self.assertTrue(ProgrammePage.can_create_at(home))  # as many programmes as needed
