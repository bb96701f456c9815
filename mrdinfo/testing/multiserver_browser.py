"""Talking to the two-instance deployment (multiserver.py) as a browser does: HTTP(S) straight to
an instance (with the headers nginx adds) or through nginx, a cookie jar, and forms read from the
page and posted back. Used by core/operations/tests/test_multiserver.py and tools/multiserver_load.py."""

import http.client
import json
import ssl
import time
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode

from .multiserver import HOST, SECRET_KEY, Nginx

TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE  # the throwaway certificate made above


class Response:
    def __init__(self, raw, body):
        self.status = raw.status
        self.headers = raw.headers
        self.body = body

    def header(self, name):
        return self.headers.get(name)

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def cookies(self):
        found = {}
        for value in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            found[name.strip()] = rest.split(";")[0]
        return found


def fetch(port, path, method="GET", body=None, headers=None, tls=False, timeout=30, source=None):
    """One request to 127.0.0.1:port. `source`: the loopback address to connect from (any
    127.x.y.z works on Linux), so nginx sees a visitor of that address."""
    source_address = (source, 0) if source else None
    if tls:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=timeout, context=TLS, source_address=source_address
        )
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=source_address)
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        raw = connection.getresponse()
        return Response(raw, raw.read())
    finally:
        connection.close()


class Visitor:
    """A browser's cookie jar and address. `via` is a web instance (asked directly, with the
    headers nginx would add) or the nginx front (HTTPS). Through nginx, a loopback address
    (127.x.y.z) is the one the visitor connects from, so nginx itself reports it to the app, as
    for a real visitor; any other address is only sent to instances asked directly."""

    def __init__(self, ip):
        self.ip = ip
        self.cookies = {}

    def request(self, via, path, method="GET", body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if isinstance(via, Nginx):
            source = self.ip if self.ip.startswith("127.") else None
            response = fetch(via.https_port, path, method, body, headers, tls=True, source=source)
        else:
            headers.update({"X-Forwarded-Proto": "https", "X-Real-IP": self.ip})
            response = fetch(via.port, path, method, body, headers)
        for name, value in response.cookies().items():
            if value in ("", '""'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def get(self, via, path, headers=None):
        return self.request(via, path, headers=headers)

    def post(self, via, path, data, files=None, headers=None):
        headers = {"Referer": f"https://{HOST}{path}", **(headers or {})}
        if files:
            body, content_type = multipart(data, files)
        else:
            body, content_type = urlencode(data, doseq=True).encode(), "application/x-www-form-urlencoded"
        headers["Content-Type"] = content_type
        return self.request(via, path, "POST", body, headers)


def multipart(data, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in data.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class FormFields(HTMLParser):
    """What a browser would send from the first form whose action contains `action` (or the
    first POST form): text and hidden inputs, checked boxes, textareas, selected options."""

    def __init__(self, action=""):
        super().__init__()
        self.action, self.values = action, {}
        self.in_form = self.done = False
        self.textarea = self.select = None
        self.chosen = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "").lower()
            if not self.done and method == "post" and self.action in (attrs.get("action") or ""):
                self.in_form = True
            return
        if not self.in_form:
            return
        if tag == "option":
            # As a browser does: the selected option, or else the first one.
            if self.select and ("selected" in attrs or self.select not in self.chosen):
                self.values[self.select] = attrs.get("value", "")
                self.chosen.add(self.select)
            return
        name = attrs.get("name")
        if not name:
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.values[name] = attrs.get("value") or ("on" if kind == "checkbox" else "")
        elif tag == "textarea":
            self.textarea = name
            self.values[name] = ""
        elif tag == "select":
            self.select = name
            self.values.setdefault(name, "")

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def form_fields(html, action=""):
    parser = FormFields(action)
    parser.feed(html)
    return parser.values


def sign_in(visitor, via, username, password):
    page = visitor.get(via, "/admin/login/")
    assert page.status == 200, page.status
    fields = form_fields(page.text, "/admin/login/")
    fields.update(username=username, password=password, next="/admin/")
    return visitor.post(via, "/admin/login/", fields)


def contact_form_post(visitor, via, message):
    """The contact form as a browser sends it, as if the page had been open for half a minute
    (the form refuses faster senders; its spam-check token is signed with the SECRET_KEY)."""
    page = visitor.get(via, "/contact/")
    assert page.status == 200, page.status
    fields = form_fields(page.text, "/contact/")
    fields.update(
        your_name="Sam Parent",
        your_email_address="sam@example.org",
        your_message=message,
        website="",
        form_started=started_stamp(),
    )
    return visitor.post(via, "/contact/", fields)


def started_stamp():
    """The forms' spam-check time stamp, as if the page had been open for half a minute (the forms
    refuse faster senders; it is signed with the deployment's SECRET_KEY)."""
    from django.core import signing

    from mrdinfo.forms.spam import SALT

    return signing.dumps(time.time() - 30, salt=SALT, key=SECRET_KEY)


DONOR = {
    "title": "",
    "first_name": "Sam",
    "last_name": "Donor",
    "phone": "",
    "address_line_1": "12 High Street",
    "address_line_2": "",
    "town": "Leeds",
    "postcode": "LS1 4AP",
    "gift_aid": "yes",
    "gift_aid_scope": "this_future_and_past",
    "website": "",
}


def donate(visitor, via, email, headers=None):
    """Step 2 of /donate/ (£25 once, with Gift Aid) as a browser sends it: the details page is read
    (its CSRF token and cookie), filled in and sent. `headers` go with both requests."""
    path = "/donate/details/?amount=other&other_amount=25&frequency=one_off"
    page = visitor.get(via, path, headers=headers)
    assert page.status == 200, page.status
    fields = form_fields(page.text, "/donate/details/")
    fields.update(DONOR, email=email, form_started=started_stamp())
    return visitor.post(via, "/donate/details/", fields, headers=headers)


def newsletter_sign_up(visitor, via, email, headers=None):
    """The "Every Step" sign-up form at /newsletter/sign-up/, ticked and sent."""
    page = visitor.get(via, "/newsletter/sign-up/", headers=headers)
    assert page.status == 200, page.status
    fields = form_fields(page.text, "/newsletter/sign-up/")
    fields.update(email=email, first_name="Sam", consent="on", website="", form_started=started_stamp())
    return visitor.post(via, "/newsletter/sign-up/", fields, headers=headers)


def rich_text_json(text):
    """A paragraph as the Draftail editor posts it."""
    block = {"key": "a1b2c", "type": "unstyled", "depth": 0, "text": text, "inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}})
