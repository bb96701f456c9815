"""Staff accounts in the real groups, the editorial team, and the Understanding MRD section
under sign-off (factory_boy, see mrdinfo/testing/factories.py)."""

import factory

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from mrdinfo.editorial.models import ReviewerProfile
from mrdinfo.editorial.setup import CLINICAL_REVIEWERS, EDITORS, FUNDRAISING, ensure_editorial_setup
from mrdinfo.information.tests.factories import InformationPageFactory, TopicIndexPageFactory

PASSWORD = "a-long-test-password"


class StaffFactory(factory.django.DjangoModelFactory):
    """A member of staff in one of the real groups (`group=`, a group's name), with PASSWORD.
    `reviewer_profile={...}` gives them a clinical reviewer's profile too."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.LazyAttribute(lambda user: user.username.title())

    @classmethod
    def _create(cls, model_class, *args, group, **kwargs):
        user = model_class.objects.create_user(*args, password=PASSWORD, **kwargs)
        user.groups.add(Group.objects.get(name=group))
        return user

    @factory.post_generation
    def reviewer_profile(user, create, extracted, **kwargs):
        if create and extracted:
            ReviewerProfile.objects.create(user=user, **extracted)

    @classmethod
    def create_team(cls):
        """The groups and workflow as load_content leaves them, then Edna the editor, Rita the
        clinical reviewer (with her profile) and Fred from fundraising, by role."""
        ensure_editorial_setup()
        editor = cls(username="edna", group=EDITORS, first_name="Edna", last_name="Editor")
        reviewer = cls(
            username="rita",
            group=CLINICAL_REVIEWERS,
            first_name="Rita",
            last_name="Reviewer",
            reviewer_profile={"display_name": "Dr Rita Reviewer", "role": "Consultant paediatric haematologist"},
        )
        fundraiser = cls(username="fred", group=FUNDRAISING, first_name="Fred", last_name="Fundraiser")
        return {"editor": editor, "reviewer": reviewer, "fundraiser": fundraiser}


class SignOffSectionFactory(TopicIndexPageFactory):
    """The hub and one information page ("What is MRD?", as `hub.information_page`; its fields
    can be set with `information_page__<field>=`), then the groups and workflow as load_content
    leaves them. (A live-server test starts from an emptied database, so the setup is run here,
    not assumed.)"""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def information_page(hub, create, extracted, **page_fields):
        hub.information_page = InformationPageFactory(
            parent=hub,
            title="What is MRD?",
            summary="MRD means the few leukaemia cells left during treatment.",
            body=[("text", "<p>A test can find very few leukaemia cells. It has a limit.</p>")],
            **page_fields,
        )
        ensure_editorial_setup()
