import factory
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from snippets.models import ContactPerson, EngagementArea, Organisation, PartnerCity


class ContactPersonFactory(DjangoModelFactory):
    name = factory.Faker("name", locale="de_DE")
    role = "Koordinatorin"
    department = "Referat des Oberbürgermeisters"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    live = True

    class Meta:
        model = ContactPerson


class EngagementAreaFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Bereich {n}")
    slug = factory.Sequence(lambda n: f"bereich-{n}")
    live = True
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = EngagementArea
        django_get_or_create = ("slug", "locale")  # a slug is unique per language


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Stiftung {n}")
    slug = factory.Sequence(lambda n: f"stiftung-{n}")
    role = Organisation.Role.FUNDER
    live = True

    class Meta:
        model = Organisation


class PartnerCityFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Stadt {n}")
    slug = factory.Sequence(lambda n: f"stadt-{n}")
    live = True
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = PartnerCity
        django_get_or_create = ("slug", "locale")  # a slug is unique per language
