"""The option lists written in Python give the HTML Django's templates give, escaped."""

from django import forms
from django.http import QueryDict

from members.forms import QuickCheckboxes, QuickSelect

CHOICES = [("", "All"), (1, "Nguyễn <b>An</b>"), (2, 'Lê "Cường"')]


class Form(forms.Form):
    person = forms.TypedChoiceField(choices=CHOICES, coerce=int, required=False, widget=QuickSelect)
    documents = forms.MultipleChoiceField(choices=CHOICES[1:], required=False, widget=QuickCheckboxes)


def test_it_writes_a_select_as_django_does():
    quick = str(Form(initial={"person": 2})["person"])
    django = str(forms.Select(choices=CHOICES).render("person", 2, attrs={"id": "id_person"}))
    assert " ".join(quick.split()) == " ".join(django.replace(">\n", ">").split()).replace("> <", "><")


def test_it_escapes_labels_and_marks_what_is_chosen():
    html = str(Form({"documents": ["2"]})["documents"])
    assert "Nguyễn &lt;b&gt;An&lt;/b&gt;" in html and "<b>" not in html
    assert 'value="2" id="id_documents_1" checked><label for="id_documents_1"' in html
    assert 'value="1" id="id_documents_0"><label' in html
    assert "required" not in html


def test_it_reads_the_boxes_ticked():
    form = Form(QueryDict("documents=1&documents=2"))
    assert form.is_valid() and form.cleaned_data["documents"] == ["1", "2"]
    empty = Form({})
    assert empty.is_valid() and empty.cleaned_data["documents"] == []
