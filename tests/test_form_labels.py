"""No form asks two things under the same label: every page the secretary opens (the pinned pages of
tests/test_queries.py) is read, and within each <form> the visible labels are all different."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.test_queries import PINNED, QUERIES


class FormLabels(HTMLParser):
    """The text of each <label> inside each <form> of a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[str]] = []
        self.in_form = self.in_label = False
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.in_form = True
            self.forms.append([])
        elif tag == "label" and self.in_form:
            self.in_label, self.text = True, ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "label" and self.in_label:
            self.in_label = False
            label = " ".join(self.text.replace("*", "").split())
            if label:
                self.forms[-1].append(label)

    def handle_data(self, data):
        if self.in_label:
            self.text += data


def duplicate_labels(html: str) -> list[str]:
    parser = FormLabels()
    parser.feed(html)
    return [label for labels in parser.forms for label, n in Counter(labels).items() if n > 1]


def test_it_finds_a_duplicate_label():
    html = '<form><label for="a">Căn cứ</label><input id="a"><label for="b">Căn cứ*</label><input id="b"></form>'
    assert duplicate_labels(html) == ["Căn cứ"]
    assert duplicate_labels("<form><label>Căn cứ</label></form><form><label>Căn cứ</label></form>") == []


PAGES = sorted(name for name in PINNED if not name.endswith(("_pdf", "_xlsx")) and name != "assignments:feed")


@pytest.mark.parametrize("name", PAGES)
def test_no_form_has_two_fields_with_the_same_label(name, client_for, world):
    _pinned, args, _grow = PINNED[name]
    url = reverse(name, args=args(world) if args else None) + QUERIES.get(name, "")
    response = client_for(world["secretary"]).get(url)
    assert response.status_code == 200
    assert duplicate_labels(response.content.decode()) == []
