import logging

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.db import InterfaceError, OperationalError, connections
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.defaults import bad_request, page_not_found, server_error

logger = logging.getLogger(__name__)
logger_request = logging.getLogger("django.request")


class LanguageMiddleware:
    """Vietnamese unless the user chose another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which shows
    English to a Vietnamese secretary whose browser happens to be set to English.
    Here only the language cookie (set by the switcher) changes the language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class DatabaseUnavailableMiddleware:
    """While the database is down, answer at once with a plain page (503, retry in a minute) instead of
    a 500 traceback page; the next request after it is back reconnects by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError):
            return self._unavailable(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return self._unavailable(request)
        return None

    def _unavailable(self, request):
        return unavailable(request)


def unavailable(request) -> HttpResponse:
    """The 503 page while the database is out of reach (also for a view run by a middleware)."""
    logger.warning("database unavailable on %s %s", request.method, request.path, exc_info=True)
    for conn in connections.all(initialized_only=True):
        conn.close_if_unusable_or_obsolete()
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "60"
    return response


class PrivateAnswersMiddleware:
    """Every answer of the app is about a cell's people: no browser cache, no proxy keeps it
    (``Cache-Control: private, no-store``). Static files are served before this, by WhiteNoise, and
    keep their long cache; the page cache in this process is unaffected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Cache-Control"] = "private, no-store"
        return response


class BadRequestMiddleware:
    """An address or query with a NUL character is nobody's link: a 400 page before any database
    lookup (PostgreSQL refuses NUL in text, which would otherwise surface as a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return bad_request(request, ValueError("NUL in the address"))
        return self.get_response(request)


class FriendlyErrorsMiddleware:
    """With DEBUG on (``make run``), a wrong address or a missing record shows the app's own 404 page, a bad
    request its 400 page and an error its 500 page, as in production: a newcomer never meets Django's
    technical pages. The traceback of an error is still written to the console (logger ``django.request``).
    A developer who wants Django's technical pages sets ``CHIBO_TECHNICAL_ERRORS=1``. With DEBUG off this
    does nothing: Django renders the same templates itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def active() -> bool:
        return settings.DEBUG and not getattr(settings, "TECHNICAL_ERRORS", False)

    def __call__(self, request):
        if self.active():
            try:  # an address no URL matches never reaches a view: Django would answer its technical 404
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as exception:
                return page_not_found(request, exception)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not self.active() or isinstance(exception, OperationalError | InterfaceError | PermissionDenied):
            return None  # the 503 page (DatabaseUnavailableMiddleware) and the 403 page answer these already
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, BadRequest | SuspiciousOperation):
            return bad_request(request, exception)
        logger_request.error("Internal Server Error: %s", request.path, exc_info=exception)
        return server_error(request)
