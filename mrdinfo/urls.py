"""The top floor: admin, documents, sitemap, health check, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from mrdinfo.core.offline import views as offline_views
from mrdinfo.core.operations import views as core_views
from mrdinfo.core.operations.password_reset import LimitedPasswordResetView
from mrdinfo.core.sharing import views as share_views
from mrdinfo.feedback import views as feedback_views
from mrdinfo.giving import urls as giving_urls
from mrdinfo.information import urls as information_urls
from mrdinfo.newsletter import urls as newsletter_urls
from mrdinfo.search import views as search_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # At the root: a service worker's scope is its own folder (core/offline/views.py).
    path("service-worker.js", offline_views.service_worker, name="service_worker"),
    path("offline/", offline_views.offline_page, name="offline_page"),
    # Wagtail's own page at its own address, limited and with its email queued (before admin/).
    path("admin/password_reset/", LimitedPasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include(giving_urls)),
    path("", include(information_urls)),
    path("", include(newsletter_urls)),
    path("robots.txt", share_views.robots_txt, name="robots_txt"),
    path("share-image/<int:page_id>/<slug:key>.jpg", share_views.share_image, name="share_image"),
    path("search/", search_views.search, name="search"),
    path("feedback/", feedback_views.send_feedback, name="page_feedback"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "mrdinfo.core.operations.views.server_error"
