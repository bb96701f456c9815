"""Settings about who a visitor is: their address behind the proxy, the per-address form limits
and the admin sign-in lockout. Imported by base.py (kept apart so no settings module passes 400
lines)."""

from .env import env_int, env_list, env_str

# The visitor's address, for rate limits, login lockouts and logs (core/operations/client_address.py, read by
# django-ipware). Behind a proxy, CLIENT_IP_HEADER names the request header the proxy sets
# (deploy/nginx sends X-Real-IP: set CLIENT_IP_HEADER=X-Real-IP); it is believed only from the
# addresses or networks in CLIENT_IP_TRUSTED_PROXIES (the proxy's, loopback by default).
# CLIENT_IP_PROXY_COUNT: further proxies (a CDN) whose addresses end the header's chain.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER")
CLIENT_IP_TRUSTED_PROXIES = env_list("CLIENT_IP_TRUSTED_PROXIES", "127.0.0.1,::1")
CLIENT_IP_PROXY_COUNT = env_int("CLIENT_IP_PROXY_COUNT", 0)
# Per-address limits on public forms (core/operations/ratelimits.py), counted in the shared cache. With the
# cache down no limit is applied (see core/operations/ratelimits.py for why).
FORM_RATE_LIMIT = env_str("FORM_RATE_LIMIT", "10/10m")
RATELIMIT_FAIL_OPEN = True
RATELIMIT_IP_META_KEY = "mrdinfo.core.operations.client_address.client_ip"

# Admin sign-in: django-axes counts failures in the database (shared by every app server) and
# locks out for AXES_COOLOFF_HOURS after AXES_FAILURE_LIMIT failures: an address (whatever the
# usernames it tries), or a username from the address that guessed it. A username alone is never
# locked, so guesses from elsewhere cannot lock a real member of staff out. nginx slows repeated
# sign-in and password-reset posts down (limit_req, deploy/nginx/mrdinfo.conf).
# A locked-out address is refused before its password is hashed, so guessing costs little CPU.
# Unlock: `python manage.py axes_reset_username NAME` or `axes_reset_ip ADDRESS` (README).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "mrdinfo.core.operations.client_address.client_ip"
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"

# Staff password reset (core/operations/password_reset.py): at most this many requests per visitor
# address and per email address asked for, counted in the shared cache; the email is queued.
PASSWORD_RESET_RATE_LIMIT = env_str("PASSWORD_RESET_RATE_LIMIT", "5/h")
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "mrdinfo.core.operations.password_reset.QueuedPasswordResetForm"
