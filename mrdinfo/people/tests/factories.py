"""People and people pages for tests (factory_boy, see mrdinfo/testing/factories.py)."""

import factory

from mrdinfo.testing.factories import ImageFactory, PageFactory

from ..models import PeoplePage, PeoplePagePerson, Person


class PersonFactory(factory.django.DjangoModelFactory):
    """Someone with a role, a bio and a photo (with its alt text), numbered by `number`."""

    class Meta:
        model = Person

    class Params:
        number = factory.Sequence(int)

    role = factory.LazyAttribute(lambda person: f"Role {person.number}")
    bio = factory.LazyAttribute(lambda person: f"Bio {person.number}.")
    photo = factory.LazyAttribute(
        lambda person: ImageFactory(title=f"Person {person.number}", description=f"Drawing {person.number}")
    )

    @classmethod
    def create_numbered_batch(cls, size, **kwargs):
        """`size` people numbered from 0 ("Role 0", "Role 1"...)."""
        return cls.create_batch(size, number=factory.Iterator(range(size)), **kwargs)


class PeoplePageFactory(PageFactory):
    """A people page listing `people=` (Person rows) in the editor's order."""

    class Meta:
        model = PeoplePage

    title = "Our ambassadors"
    summary = "Who speaks up with us."
    body = factory.LazyFunction(list)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["people"] = [
            PeoplePagePerson(person=person, sort_order=i) for i, person in enumerate(kwargs.get("people", ()))
        ]
        return kwargs
