"""Security headers on every public response, and a separate policy for the Wagtail admin."""

import pytest


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/about-us/", "/no-such-page/", "/healthz"])
def test_public_responses_have_a_strict_csp(client, page_tree, path):
    response = client.get(path)
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_public_pages_have_no_inline_script_or_style(client, page_tree):
    import json

    from bs4 import BeautifulSoup

    for path in ("/", "/about-us/", "/no-such-page/", "/search/?q=about"):
        html = client.get(path).content.decode()
        for script in BeautifulSoup(html, "html.parser").find_all("script"):
            if script.get("type") == "application/ld+json":
                # Structured data is data, not script: allowed, and it must be valid JSON.
                json.loads(script.string)
            else:
                assert script.get("type") == "module" and script.get("src") and not script.string, script
        assert "style=" not in html
        assert " onclick=" not in html and "<style" not in html


@pytest.mark.django_db
def test_other_security_headers(client, page_tree):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


@pytest.mark.django_db
def test_admin_gets_its_own_policy(client):
    response = client.get("/admin/login/")
    directives = csp_directives(response)
    assert response.status_code == 200
    assert "'unsafe-inline'" in directives["script-src"]  # Wagtail's admin needs inline scripts
    assert directives["frame-ancestors"] == ["'self'"]  # page previews are framed by the admin
    assert directives["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_page_preview_keeps_the_public_policy_but_may_be_framed_by_the_admin(rf, admin_user, page_tree):
    # Wagtail renders a preview by sending a request for the page's own URL through the
    # middleware; the browser test in test_admin_browser.py shows it inside the editor.
    original = rf.get(f"/admin/pages/{page_tree['about'].pk}/edit/preview/")
    original.user = admin_user
    response = page_tree["about"].make_preview_request(original_request=original)
    assert response.status_code == 200 and b"About us" in response.content
    directives = csp_directives(response)
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
