"""The security headers every response carries (base.py imports them): the content security
policy for public pages and the admin's, the permissions policy, framing and sniffing. Production
adds the HTTPS-only ones (production.py). core/operations/security.py applies the admin's policy
and the permissions policy; core/operations/tests/test_security_headers.py checks what a browser gets."""

# Security headers that apply everywhere. Production adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Features no page of ours uses; browsers refuse them to any script that asks.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

# Content Security Policy for public pages: nothing inline, nothing from other hosts.
# The Wagtail admin gets ADMIN_CONTENT_SECURITY_POLICY instead (see core/operations/security.py).
_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "media-src": [_SELF],
        "object-src": ["'none'"],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": ["'none'"],
        "frame-src": ["'none'"],
        "manifest-src": [_SELF],
        "worker-src": [_SELF],
    }
}
# Wagtail's admin renders inline scripts and styles, and previews pages in a same-origin frame.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:"],
    "font-src": [_SELF, "data:"],
    "connect-src": [_SELF],
    "object-src": ["'none'"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": [_SELF],
    "frame-src": [_SELF],
    "worker-src": [_SELF, "blob:"],
}
