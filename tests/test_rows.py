"""Rows, form fields and counts computed in Python for the key pages (``core.rows``,
``core.templatetags.quick_fields``, ``members.selectors.member_summary``) give what they replaced."""

import re
from datetime import date, timedelta

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import forms
from django.urls import reverse
from django.utils import timezone

from core.rows import dmy, html, html_join, pk_url
from core.templatetags.quick_fields import quick_field, quick_form
from members.forms import QuickCheckboxes, QuickSelect
from members.models import Member
from members.selectors import member_summary
from tests.factories import make_member


def test_pk_url_gives_the_url_reverse_gives():
    assert pk_url("assignments:detail")(42) == reverse("assignments:detail", args=[42])
    assert pk_url("meetings:item_up", args=2)(7, 1234) == reverse("meetings:item_up", args=[7, 1234])


def test_pk_url_follows_the_address_the_deployment_is_served_under():
    from django.urls import get_script_prefix, set_script_prefix

    kept = get_script_prefix()
    try:
        set_script_prefix("/chibo/")
        assert pk_url("assignments:detail")(42) == reverse("assignments:detail", args=[42]) == "/chibo/tasks/42/"
    finally:
        set_script_prefix(kept)
    assert pk_url("assignments:detail")(42) == "/tasks/42/"


def test_html_and_html_join_write_what_format_html_writes():
    from django.utils.html import format_html, format_html_join
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    values = ("<b>&\"'</b>", mark_safe("<i>kept</i>"), 42, None, gettext_lazy("Overdue"), date(2026, 3, 5), "Đảng")
    fmt = "<td>{}</td>" * len(values)
    assert html(fmt, *values) == format_html(fmt, *values)
    assert html("{a}|{b}", a="<x>", b=mark_safe("<y>")) == format_html("{a}|{b}", a="<x>", b=mark_safe("<y>"))
    rows = [values, tuple(reversed(values))]
    assert html_join("<br>", fmt, rows) == format_html_join("<br>", fmt, rows)
    assert hasattr(html_join("", fmt, rows), "__html__")


def test_dmy_writes_day_month_year():
    assert dmy(date(2026, 3, 5)) == "05/03/2026"
    assert dmy(None) == ""


class Sample(forms.Form):
    name = forms.CharField(label="Name", max_length=20)
    note = forms.CharField(label="Note <b>", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label="Kind", choices=[("", "All"), ("a", "A & B")], required=False, widget=QuickSelect)
    plain = forms.ChoiceField(label="Plain", choices=[("a", "A")])
    when = forms.DateField(label="When", required=False)
    count = forms.IntegerField(label="Count", min_value=0)
    hidden = forms.IntegerField(widget=forms.HiddenInput, required=False)
    boxes = forms.MultipleChoiceField(label="Boxes", choices=[("1", "one")], required=False, widget=QuickCheckboxes)
    agree = forms.BooleanField(label="Agree", required=False)
    helped = forms.CharField(label="Helped", required=False, help_text="Some help")
    bare = forms.CharField(label="", required=False)


def normal(html) -> str:
    """Whitespace between and at the edges of tags does not change the page."""
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").replace("> ", ">").replace(" <", "<")


DATA = [
    None,
    {"name": "x" * 30, "count": "-1", "kind": "zzz", "plain": "a"},
    {"name": "ok", "count": "3", "plain": "a"},
]


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("name", list(Sample.base_fields))
def test_quick_field_gives_crispy_s_markup(data, name):
    # a form each: crispy adds its classes to the widget it renders
    assert normal(quick_field(Sample(data)[name])) == normal(as_crispy_field(Sample(data)[name]))


@pytest.mark.parametrize("data", DATA)
def test_quick_form_gives_crispy_s_markup(data):
    assert normal(quick_form(Sample(data))) == normal(as_crispy_form(Sample(data)))


def test_quick_field_escapes_the_label():
    assert "Note &lt;b&gt;" in str(quick_field(Sample()["note"]))


def test_member_summary_counts_the_active_members(cell):
    today = timezone.localdate()
    make_member(cell)
    make_member(cell, education_level=Member.Education.MASTER, theory_level=Member.Theory.ADVANCED)
    make_member(cell, official_date=None, theory_level=Member.Theory.ELEMENTARY)
    make_member(cell, official_date=today + timedelta(days=3))  # official only from next week
    make_member(cell, exempt_since=today - timedelta(days=1))
    make_member(cell, exempt_since=today + timedelta(days=1))  # not exempt yet
    make_member(cell, left_on=today - timedelta(days=1), education_level=Member.Education.DOCTOR)  # left
    summary = member_summary(cell=cell)
    assert (summary["total"], summary["official"], summary["probationary"], summary["exempt"]) == (6, 4, 2, 1)
    assert summary["education"] == [(Member.Education.BACHELOR.label, 5), (Member.Education.MASTER.label, 1)]
    assert summary["theory"] == [
        (Member.Theory.ELEMENTARY.label, 1),
        (Member.Theory.INTERMEDIATE.label, 4),
        (Member.Theory.ADVANCED.label, 1),
    ]
