"""The snippets' endpoints of the REST API v2 (cms/rest/): live snippets only, through the
visibility policy. cms/rest/urls.py imports this module (`autodiscover_modules("rest")`)."""

from cms.rest.endpoints import api_router, snippet_endpoint

from .models import ContactPerson, EngagementArea, Organisation, PartnerCity

api_router.register_endpoint("partner-cities", snippet_endpoint(PartnerCity))
api_router.register_endpoint("organisations", snippet_endpoint(Organisation))
api_router.register_endpoint("contacts", snippet_endpoint(ContactPerson))
api_router.register_endpoint("engagement-areas", snippet_endpoint(EngagementArea))
