"""The news as an Atom feed (Django's syndication framework), at /news/feed/."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

LONDON = ZoneInfo("Europe/London")
FEED_LENGTH = 20


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def title(self, index_page):
        return index_page.title

    def subtitle(self, index_page):
        return index_page.summary

    def link(self, index_page):
        return index_page.get_url(self.request)

    def feed_url(self, index_page):
        return index_page.get_url(self.request) + "feed/"

    def items(self, index_page):
        return list(index_page.news_items()[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return datetime.combine(item.date, time(9, 0), tzinfo=LONDON)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [item.get_category_display()]
