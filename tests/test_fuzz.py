"""Random and hostile input to every form of the app, as each persona that may post it: never a 500.

The routes are those that accept POST, read from the URLconf (tests/routes.py), each with the
arguments of its rows in the permission matrix. A persona the matrix refuses (403 or 404) before
any form is read is covered there, not here; every route is fuzzed as at least one persona. The
field names of each form are read from its page; the values are drawn by hypothesis from random
text and a list of known troublemakers (NUL bytes, impossible dates, huge numbers, markup).
"""

import math
import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.routes import post_routes
from tests.test_permissions import MATRIX

HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "31/02/2026",
    "2026-13-45",
    "00/00/0000",
    "31/12/9999",
    "01/01/0001",
    "13/2026",
    "25:61",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '=HYPERLINK("http://x")',
    "\x00",
    "a\x00b",
    "１２",
    "Đ" * 3000,
    "on",
    "true",
]
GENERIC = ["title", "content", "text", "reason", "month", "date", "due_date", "summary", "version", "level", "member"]
PERSONAS = ["secretary", "committee", "member"]
REFUSED = (403, 404)
MINIMUM_INPUTS = 5000
NAME = re.compile(r'name="([^"]+)"')

POSTED = set(post_routes())  # read once: it parses every view's code
ROWS = [case for case in MATRIX if case[2] == "post" and case[0] in POSTED]
CASES = [(row, persona) for row in ROWS for persona in PERSONAS if row[4][persona] not in REFUSED]
EXAMPLES = math.ceil(MINIMUM_INPUTS / len(CASES))


def _field_names(client, url) -> list[str]:
    response = client.get(url)
    names = set(GENERIC)
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        names |= {n for n in NAME.findall(response.content.decode()) if n != "csrfmiddlewaretoken"}
    return sorted(names)


values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40), st.integers(-(10**12), 10**12).map(str))


def test_it_fuzzes_every_route_that_accepts_post_as_someone_it_lets_in():
    fuzzed = {row[0] for row, _persona in CASES}
    assert fuzzed == set(post_routes())
    assert len(CASES) * EXAMPLES >= MINIMUM_INPUTS


@pytest.mark.parametrize(("case", "persona"), CASES, ids=[f"{row[0]}-{persona}" for row, persona in CASES])
def test_it_never_answers_500_to_random_input(case, persona, world, request):
    name, args, _method, _data, _expected = case
    person = request.getfixturevalue(persona)
    client = Client(raise_request_exception=False)
    client.force_login(person.user)
    url = reverse(name, args=args(world) if args else None)
    names = _field_names(client, url)
    posted = []

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(data=st.dictionaries(st.sampled_from(names), st.one_of(values, st.lists(values, max_size=3)), max_size=12))
    def post(data):
        response = client.post(url, data)
        posted.append(response.status_code)
        assert response.status_code < 500, (url, data)

    post()
    assert len(posted) >= EXAMPLES
