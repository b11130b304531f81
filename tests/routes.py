"""The app's routes read from the URLconf, and which of them accept POST.

A route accepts POST when its view says so: a class-based view with a ``post`` method, a view
restricted by ``require_POST`` / ``require_http_methods`` to a list that has POST, or an
unrestricted view whose code reads the posted form (``request.POST``, ``request.FILES`` or a
test of ``request.method``). ``tests/test_permissions.py`` checks this reading against what
each view really does when posted to, so a view that reads its form through a helper cannot
slip through.
"""

import ast
import inspect
import textwrap

from django.urls import URLPattern, URLResolver, get_resolver

HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"}
READS_FORM = ("request.POST", "request.FILES", "request.method")


def url_patterns(resolver=None, namespace=""):
    """(name, view) for every named route of the app; the Django admin is Django's own and left out."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def _restricted_methods(function) -> set[str] | None:
    """The methods a ``require_http_methods`` wrapper lets through, read from its closure."""
    for cell in function.__closure__ or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if isinstance(value, list | tuple) and value and all(isinstance(v, str) for v in value):
            if set(value) <= HTTP_METHODS:
                return set(value)
    return None


def accepts_post(view) -> bool:
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    function, allowed = view, None
    while True:
        methods = _restricted_methods(function)
        if methods is not None:
            allowed = methods if allowed is None else allowed & methods
        if not hasattr(function, "__wrapped__"):
            break
        function = function.__wrapped__
    if allowed is not None:
        return "POST" in allowed
    return _reads_form(function, depth=3)


def _reads_form(function, depth: int) -> bool:
    """Whether the function, or a module-level helper it hands ``request`` to, reads the form."""
    source = textwrap.dedent(inspect.getsource(function))
    if any(marker in source for marker in READS_FORM):
        return True
    if depth == 0:
        return False
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and any(isinstance(arg, ast.Name) and arg.id == "request" for arg in node.args)
        ):
            helper = function.__globals__.get(node.func.id)
            if inspect.isfunction(helper) and _reads_form(inspect.unwrap(helper), depth - 1):
                return True
    return False


def post_routes() -> list[str]:
    """Every route name whose view accepts POST, sorted (one name may serve several patterns)."""
    return sorted({name for name, view in url_patterns() if accepts_post(view)})


def route_names() -> list[str]:
    return sorted({name for name, _view in url_patterns()})
