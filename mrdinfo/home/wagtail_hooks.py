"""Offline reading (core/offline): while the home page carries the cells-in-the-body explainer,
it is kept with the guide, so the explainer can be used offline from there too."""

from wagtail import hooks

from .models import HomePage


@hooks.register("mrdinfo_offline_guide_pages")
def home_with_the_explainer(request):
    return [home for home in HomePage.objects.live() if any(block.block_type == "explainer" for block in home.body)]
