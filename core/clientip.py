"""The client's address, for login throttling (django-axes' AXES_CLIENT_IP_CALLABLE).

Reached directly, it is REMOTE_ADDR. Behind PROXY_COUNT proxies (the deployment says how many),
REMOTE_ADDR is the nearest proxy's and the client's is the entry the outermost trusted proxy added to
X-Forwarded-For: the PROXY_COUNT-th from the right. Entries further left come from the client and
are not trusted.
"""

from django.conf import settings


def client_address(request) -> str | None:
    count = settings.PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
