"""Random and hostile input to every form of the app, as each persona that may post it: never a 500.

The field names of each form are read from its page; the values are drawn by hypothesis from
random text and a list of known troublemakers (NUL bytes, impossible dates, huge numbers, markup).
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    "13/2026",
    "25:61",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\x00",
    "a\x00b",
    "１２",
    "Đ" * 3000,
    "on",
    "true",
]
GENERIC = ["title", "content", "text", "reason", "month", "date", "due_date", "summary", "version", "level", "member"]
POSTS = [case for case in MATRIX if case[2] == "post" and case[0] not in {"logout", "set_language"}]
NAME = re.compile(r'name="([^"]+)"')


def _field_names(client, url) -> list[str]:
    response = client.get(url)
    names = set(GENERIC)
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        names |= {n for n in NAME.findall(response.content.decode()) if n != "csrfmiddlewaretoken"}
    return sorted(names)


values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40), st.integers(-(10**12), 10**12).map(str))


@pytest.mark.parametrize("persona", ["secretary", "member"])
@pytest.mark.parametrize("case", POSTS, ids=lambda c: c[0])
def test_it_never_answers_500_to_random_input(case, persona, world, request):
    name, args, _method, _data, expected = case
    if expected.get(persona) in (403, 404):
        return  # refused before any form is read: the permission matrix covers it
    person = request.getfixturevalue(persona)
    client = Client(raise_request_exception=False)
    client.force_login(person.user)
    url = reverse(name, args=args(world) if args else None)
    names = _field_names(client, url)

    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(data=st.dictionaries(st.sampled_from(names), st.one_of(values, st.lists(values, max_size=3)), max_size=12))
    def post(data):
        response = client.post(url, data)
        assert response.status_code < 500, (url, data)

    post()
