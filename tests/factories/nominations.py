import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from nominations.models import Nomination

from .snippets import PartnerCityFactory


class NominationFactory(DjangoModelFactory):
    nominee_name = factory.Sequence(lambda n: f"Hanna Helferin {n}")
    nominee_kind = Nomination.Kind.PERSON
    town = factory.SubFactory(PartnerCityFactory)
    reason = "Sie organisiert seit Jahren das Nachbarschaftsfest im Quartier."
    nominator_name = "Max Mustermann"
    nominator_email = factory.Sequence(lambda n: f"einreicher{n}@example.org")
    nominator_phone = "0340 123456"
    nominee_informed = True
    privacy_consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Nomination
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
