"""More than one server: the deployment in deploy/ run for real. Two gunicorn instances
(production settings, started as deploy/systemd/mrdinfo-web@.service starts them) on one
PostgreSQL database and one Redis, behind Debian's nginx running deploy/nginx/mrdinfo.conf
(rendered by `manage.py nginx_config`, round robin, TLS). Uploads go to an S3 bucket on a moto
server the test starts, then (second round) to a folder both instances share, served by nginx.

An editor signs in through one instance and publishes through the other; the page shows on
both. A private document is refused straight from the bucket and served through the site to
staff only. An image uploaded through one is rendered by the other and served by nginx. A sign-in
lockout (per user and address), a form rate limit and the page cache each hold across both
instances. Visitors behind nginx are each counted as themselves (30 donors and newsletter
sign-ups in an hour, each from their own address, all accepted; one visitor limited, forged
forwarding headers or not).

Needs PostgreSQL and Redis (DATABASE_URL and REDIS_URL, as CI's second run sets them): skipped
on the SQLite run. When DATABASE_URL is set, a missing nginx or moto is a failure, not a skip."""

import io
import json
import os
import re
import uuid

import pytest
from PIL import Image

from django.conf import settings

from mrdinfo.testing import multiserver as ms
from mrdinfo.testing import multiserver_browser as browser
from mrdinfo.testing import multiserver_s3 as object_storage
from mrdinfo.testing import prepared_site

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = [
    pytest.mark.skipif(
        not (DATABASE_URL.startswith("postgres") and REDIS_URL.startswith("redis")),
        reason="needs PostgreSQL and Redis (DATABASE_URL and REDIS_URL)",
    ),
]

EDITOR, PASSWORD = "multi-editor", "a-long-editor-password-9"
CREATE_USERS = """
from django.contrib.auth import get_user_model
for name in {users!r}:
    get_user_model().objects.create_superuser(name, name + "@example.org", {password!r})
from wagtail.models import Site
print(Site.objects.get(is_default_site=True).root_page_id)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One PostgreSQL database holding the site as `migrate` and `load_content` leave it (a copy of
    the drills' prepared site, testing/prepared_site.py), its images put into the bucket as the
    loader would have put them, the collected static files, an editor account, and the moto S3
    server. Migrating and loading afresh here cost about 35 s of every CI run; loading through
    the bucket's storage is still exercised by the editor's upload below."""
    assert ms.nginx_binary(), ms.NGINX_MISSING
    assert object_storage.moto_binary(), object_storage.MOTO_MISSING
    workdir = tmp_path_factory.mktemp("multiserver")
    name = f"{DATABASE_URL.rsplit('/', 1)[-1]}_multiserver"
    s3 = object_storage.MotoS3(workdir)
    database_url = prepared_site.copy_postgres_site(DATABASE_URL, name, workdir / "prepared")
    admin_url = prepared_site.admin_url_of(DATABASE_URL)
    # This test worker's own Redis database (settings/test.py gives each xdist worker one): the
    # other worker empties its own before each of its tests, which would reset the shared counts.
    redis_url = settings.CACHES["default"]["LOCATION"]
    base_env = ms.deployment_env(workdir, database_url, redis_url, f"multiserver-{uuid.uuid4().hex[:8]}")
    (workdir / "static").symlink_to(workdir / "prepared" / "static", target_is_directory=True)
    try:
        env = {**base_env, **s3.app_env()}
        s3.ready().upload_folder(workdir / "prepared" / "media")
        users = [EDITOR, "locked-s3", "locked-disk"]
        home_id = ms.manage(env, "shell", "-c", CREATE_USERS.format(users=users, password=PASSWORD)).stdout.split()[-1]
        yield {"workdir": workdir, "env": base_env, "s3": s3, "home_id": int(home_id)}
    finally:
        s3.stop()
        ms.drop_postgres_database(admin_url, name)


@pytest.fixture(scope="module", params=["s3", "disk"])
def deployment(request, site):
    storage = request.param
    workdir = site["workdir"] / storage
    workdir.mkdir()
    (workdir / "media").mkdir()
    env = {**site["env"], "MEDIA_ROOT": str(workdir / "media"), "AXES_FAILURE_LIMIT": "3", "FORM_RATE_LIMIT": "3/10m"}
    if storage == "s3":
        env.update(site["s3"].app_env())
    running = ms.Deployment(env, workdir, storage)
    running.s3, running.home_id = site["s3"], site["home_id"]
    running.number = 1 if storage == "s3" else 2  # keeps each round's addresses and names apart
    yield running
    running.stop()


def png(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_nginx_spreads_requests_over_both_instances_over_https(deployment):
    before = [instance.access_count() for instance in deployment.instances]
    visitor = browser.Visitor("192.0.2.1")
    for _ in range(10):
        response = visitor.get(deployment.nginx, "/understanding-mrd/")
        assert response.status == 200
        assert "Strict-Transport-Security" in response.headers  # the app saw https from nginx
    after = [instance.access_count() for instance in deployment.instances]
    served = [a - b for a, b in zip(after, before, strict=True)]
    assert all(count >= 3 for count in served), f"round robin: each instance should answer some, got {served}"
    # Plain HTTP: redirected to HTTPS, except the load balancer's health check.
    response = browser.fetch(deployment.nginx.http_port, "/understanding-mrd/")
    assert response.status == 301
    assert response.header("Location") == f"https://localhost:{deployment.nginx.https_port}/understanding-mrd/"
    response = browser.fetch(deployment.nginx.http_port, "/healthz")
    assert response.status == 200 and b'"status": "ok"' in response.body


def test_the_page_cache_is_shared(deployment):
    path = ["/privacy/", "/accessibility/"][deployment.number - 1]  # not yet asked for this round
    visitor = browser.Visitor("192.0.2.2")
    first = visitor.get(deployment.a, path)
    assert first.status == 200 and first.header("X-Cache") == "miss"
    second = visitor.get(deployment.b, path)
    assert second.status == 200 and second.header("X-Cache") == "hit"
    assert second.body == first.body


def test_an_editor_signs_in_on_one_publishes_on_the_other_with_an_image_uploaded_on_the_first(deployment):
    editor = browser.Visitor(f"198.51.100.{deployment.number}")
    reader = browser.Visitor("192.0.2.3")
    slug = f"two-servers-{deployment.storage}"
    title = f"Served by two servers ({deployment.storage})"

    # Before: nobody has the page, and both instances' caches now remember that.
    for instance in deployment.instances:
        assert reader.get(instance, f"/{slug}/").status == 404

    response = browser.sign_in(editor, deployment.a, EDITOR, PASSWORD)
    assert response.status == 302 and response.header("Location") == "/admin/"
    assert "sessionid" in editor.cookies

    # Upload an image through instance A, as the admin's uploader does.
    page = editor.get(deployment.a, "/admin/images/multiple/add/")
    assert page.status == 200
    fields = browser.form_fields(page.text, "/admin/images/multiple/add/")
    upload = editor.post(
        deployment.a,
        "/admin/images/multiple/add/",
        {
            "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"],
            **({"collection": fields["collection"]} if "collection" in fields else {}),
        },
        files={"files[]": (f"{slug}.png", png((200, 40, 90)), "image/png")},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert upload.status == 200, upload.text[:500]
    image_id = json.loads(upload.body)["image_id"]

    # The same session works on instance B: open the new-page form and publish there.
    add_path = f"/admin/pages/add/general/generalpage/{deployment.home_id}/"
    form = editor.get(deployment.b, add_path)
    assert form.status == 200, "instance B should know the session signed in on instance A"
    fields = browser.form_fields(form.text, "/admin/pages/add/")
    fields.update(
        {
            "title": title,
            "slug": slug,
            "summary": "Published through the second instance.",
            "body-count": "2",
            "body-0-type": "text",
            "body-0-value": browser.rich_text_json("Written on one server, published on the other."),
            "body-0-order": "0",
            "body-0-deleted": "",
            "body-1-type": "image",
            "body-1-value-image-image": str(image_id),
            "body-1-value-image-alt_text": "A plain pink rectangle",
            "body-1-value-caption": "Uploaded through the first server",
            "body-1-order": "1",
            "body-1-deleted": "",
            "action-publish": "action-publish",
        }
    )
    published = editor.post(deployment.b, add_path, fields)
    assert published.status == 302, re.findall(r'class="error-message"[^<]*<[^>]*>([^<]*)', published.text)

    # After: the page shows on both instances (each one's cached 404 was cleared) and via nginx.
    bodies = []
    for via in (*deployment.instances, deployment.nginx):
        response = reader.get(via, f"/{slug}/")
        assert response.status == 200, via
        assert title in response.text and "Written on one server, published on the other." in response.text
        bodies.append(response.text)
    image_url = re.search(r'<img[^>]+src="(/media/images/[^"]+)"', bodies[0])
    assert image_url, "the page should show the uploaded image"
    image = reader.get(deployment.nginx, image_url.group(1))
    assert image.status == 200 and image.header("Content-Type") in (
        "image/png",
        "image/jpeg",
        "image/webp",
        "image/avif",
    )
    assert Image.open(io.BytesIO(image.body)).size[0] > 0
    assert image.header("X-Content-Type-Options") == "nosniff"

    # A document uploaded through A is served by B, through the app (its privacy checks), and
    # never straight from storage.
    page = editor.get(deployment.a, "/admin/documents/multiple/add/")
    fields = browser.form_fields(page.text, "/admin/documents/multiple/add/")
    text = f"A leaflet uploaded for the {deployment.storage} round.\n".encode()
    upload = editor.post(
        deployment.a,
        "/admin/documents/multiple/add/",
        {key: fields[key] for key in ("csrfmiddlewaretoken", "collection") if key in fields},
        files={"files[]": (f"leaflet-{deployment.storage}.txt", text, "text/plain")},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    document_id = json.loads(upload.body)["doc_id"]
    document = reader.get(deployment.nginx, f"/documents/{document_id}/leaflet-{deployment.storage}.txt")
    assert document.status == 200 and document.body == text
    assert reader.get(deployment.b, f"/documents/{document_id}/leaflet-{deployment.storage}.txt").body == text
    assert reader.get(deployment.nginx, f"/media/documents/leaflet-{deployment.storage}.txt").status == 404

    files_on_disk = [p.name for p in (deployment.workdir / "media").rglob("*") if p.is_file()]
    if deployment.storage == "s3":
        keys = deployment.s3.keys()
        assert any(key.startswith("original_images/") and slug in key for key in keys), keys
        assert image_url.group(1).removeprefix("/media/") in keys
        assert files_on_disk == [], "with a bucket, nothing should be written to local disk"
        # Nobody can write to the bucket through the site.
        put = browser.fetch(deployment.nginx.https_port, "/media/original_images/x.png", "PUT", b"x", tls=True)
        assert put.status == 403
    else:
        assert any(slug in name for name in files_on_disk), files_on_disk


PRIVATE_COLLECTION = """
from wagtail.models import Collection, CollectionViewRestriction
collection = Collection.get_first_root_node().add_child(name={name!r})
CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
print(collection.pk)
"""


def test_a_private_document_is_refused_by_the_bucket_and_served_through_the_site_to_staff(deployment):
    """Issue 20: a document in a collection only signed-in people may see. Straight from the bucket,
    without the app's keys, it is 403 (README's bucket policy: anyone reads images, nothing else),
    while an image is 200 (so the 403 is the policy, not a broken request); through nginx a
    visitor is sent to sign in and gets none of it, and a signed-in editor gets it (200)."""
    name = f"Private leaflets ({deployment.storage})"
    collection_id = ms.manage(deployment.env, "shell", "-c", PRIVATE_COLLECTION.format(name=name)).stdout.split()[-1]
    editor = browser.Visitor(f"198.51.100.{20 + deployment.number}")
    assert browser.sign_in(editor, deployment.a, EDITOR, PASSWORD).status == 302
    page = editor.get(deployment.a, "/admin/documents/multiple/add/")
    fields = browser.form_fields(page.text, "/admin/documents/multiple/add/")
    text = f"A child's treatment plan, private ({deployment.storage}).\n".encode()
    filename = f"private-plan-{deployment.storage}.txt"
    upload = editor.post(
        deployment.a,
        "/admin/documents/multiple/add/",
        {"csrfmiddlewaretoken": fields["csrfmiddlewaretoken"], "collection": collection_id},
        files={"files[]": (filename, text, "text/plain")},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert upload.status == 200, upload.text[:500]
    path = f"/documents/{json.loads(upload.body)['doc_id']}/{filename}"

    visitor = browser.Visitor(f"192.0.2.{60 + deployment.number}")
    refused = visitor.get(deployment.nginx, path)
    assert refused.status == 302 and "login" in refused.header("Location"), refused.status
    assert text not in refused.body
    assert visitor.get(deployment.nginx, f"/media/documents/{filename}").status == 404
    served = editor.get(deployment.nginx, path)
    assert served.status == 200 and served.body == text
    assert editor.get(deployment.b, path).body == text  # whichever instance answers

    if deployment.storage == "s3":
        keys = deployment.s3.keys()
        key = next(key for key in keys if key.startswith("documents/private-plan-s3"))
        image = next(key for key in keys if key.startswith("original_images/"))
        bucket = f"127.0.0.1:{deployment.s3.port}"

        def from_bucket(key):
            return browser.fetch(deployment.s3.port, f"/{object_storage.BUCKET}/{key}", headers={"Host": bucket})

        direct = from_bucket(key)
        assert direct.status in (403, 404) and text not in direct.body, direct.status
        assert from_bucket(image).status == 200  # the policy lets anyone read images, and only those


def test_a_sign_in_lockout_holds_on_both_instances(deployment):
    """Issue 19: the lockout is on the pair of user and address, and shared by both instances. The
    guessing address is refused everywhere, even with the right password; the staff member signing
    in from their own address is not locked out by someone else's guesses."""
    username = f"locked-{deployment.storage}"
    guesser = browser.Visitor(f"203.0.113.{deployment.number}")
    for instance in (deployment.a, deployment.b):
        response = browser.sign_in(guesser, instance, username, "wrong-password")
        assert response.status == 200 and "sessionid" not in guesser.cookies  # the form again
    # The third wrong password (AXES_FAILURE_LIMIT=3), counted with the two before it.
    assert browser.sign_in(guesser, deployment.a, username, "wrong-password").status == 429
    for instance in deployment.instances:
        # The right password from the guessing address is refused, whichever instance is asked.
        response = browser.sign_in(guesser, instance, username, PASSWORD)
        assert response.status == 429, response.status
        assert "sessionid" not in guesser.cookies
    # The real staff member, at their own address, still gets in (through either instance).
    staff = browser.Visitor(f"203.0.113.{10 + deployment.number}")
    response = browser.sign_in(staff, deployment.b, username, PASSWORD)
    assert response.status == 302, response.status
    assert "sessionid" in staff.cookies


def test_a_form_rate_limit_counts_both_instances_together(deployment):
    sender = browser.Visitor(f"198.18.0.{deployment.number}")
    statuses = []
    for number, instance in enumerate((deployment.a, deployment.b, deployment.a, deployment.b)):
        statuses.append(browser.contact_form_post(sender, instance, f"Message {number} of four").status)
    assert statuses == [302, 302, 302, 429]  # FORM_RATE_LIMIT=3/10m, counted in Redis


def stored_rows(deployment, table, email_like):
    import psycopg
    from psycopg import sql

    query = sql.SQL("SELECT count(*) FROM {} WHERE email LIKE %s").format(sql.Identifier(table))
    with psycopg.connect(deployment.env["DATABASE_URL"]) as db:
        return db.execute(query, [email_like]).fetchone()[0]


def test_every_donor_behind_nginx_is_counted_as_themselves_and_forged_headers_change_nothing(deployment):
    """Issue 19: 30 different visitors (each connecting from their own address, so nginx reports
    it in X-Real-IP) each give and sign up for the newsletter within the hour: every one is
    accepted, although the limit is 20 an hour per address (it once counted everyone as nginx's
    one address, and turned the 21st donor away). One visitor who keeps sending is limited, however
    they forge the forwarding headers."""
    if deployment.storage != "s3":
        pytest.skip("the limits do not depend on where uploads are kept: one round is enough")
    crowd = [browser.Visitor(f"127.10.0.{n}") for n in range(1, 31)]
    answers = []
    for n, visitor in enumerate(crowd, start=1):
        answers.append(browser.donate(visitor, deployment.nginx, f"donor{n}-crowd@example.org").status)
        answers.append(browser.newsletter_sign_up(visitor, deployment.nginx, f"reader{n}-crowd@example.org").status)
    assert answers == [302] * 60, answers
    assert stored_rows(deployment, "giving_donation", "%-crowd@example.org") == 30
    assert stored_rows(deployment, "newsletter_subscriber", "%-crowd@example.org") == 30

    one = browser.Visitor("127.11.0.1")
    statuses = []
    for n in range(21):  # the donation limit is 20 an hour per address (giving/ratelimits.py)
        forged = {"X-Real-IP": f"198.51.100.{n + 1}", "X-Forwarded-For": f"203.0.113.{n + 1}"}
        response = browser.donate(one, deployment.nginx, f"donor{n}-one@example.org", headers=forged)
        statuses.append(response.status)
    assert statuses == [302] * 20 + [429], statuses
    assert "paused this form" in response.text
    assert stored_rows(deployment, "giving_donation", "%-one@example.org") == 20
    # The crowd is not held up by that one visitor.
    late = browser.Visitor("127.10.0.31")
    assert browser.donate(late, deployment.nginx, "donor31-crowd@example.org").status == 302


def test_access_logs_hold_no_query_string_and_the_bucket_only_its_images(deployment):
    """A child's result typed into the result reader (?result=) is in no access log, nginx's or
    either instance's; /media/ passes only images to the bucket (never a listing or a document)."""
    reader = browser.Visitor(f"192.0.2.{40 + deployment.number}")
    assert reader.get(deployment.nginx, "/understanding-mrd/?result=0.01%25").status == 200
    assert reader.get(deployment.nginx, "/media/?prefix=documents/").status == 404
    assert reader.get(deployment.nginx, "/media/other/leaflet.txt").status == 404
    logs = (deployment.nginx.dir / "access.log").read_text()
    assert '"GET /understanding-mrd/ HTTP/' in logs  # the request is logged, its query string is not
    logs += "".join(instance.log_path.read_text() for instance in deployment.instances)
    assert "result=" not in logs and "prefix=" not in logs
