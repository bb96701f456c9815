import pytest

from mrdinfo.information.tests.factories import GlossaryPageFactory, GlossaryTermFactory, TopicIndexPageFactory
from mrdinfo.testing.site import configure_site


@pytest.fixture
def hub(home_page):
    configure_site(home_page)
    return TopicIndexPageFactory(parent=home_page)


@pytest.fixture
def glossary_page(hub):
    return GlossaryPageFactory(parent=hub)


@pytest.fixture
def terms(db):
    return {
        "mrd": GlossaryTermFactory(
            term="Minimal residual disease",
            other_names="MRD",
            definition="The few leukaemia cells left after treatment starts.",
        ),
        "remission": GlossaryTermFactory(
            term="Remission", definition="When a microscope can no longer find leukaemia."
        ),
        "all": GlossaryTermFactory(
            term="Acute lymphoblastic leukaemia", other_names="ALL", definition="A type of blood cancer."
        ),
        "marrow": GlossaryTermFactory(term="Bone marrow", definition="The soft part inside bones."),
        "disease": GlossaryTermFactory(term="Disease", definition="An illness."),
    }
