"""Crispy's Bootstrap 5 field markup written in Python for the plain case, which is most fields on the
key pages: crispy renders each field through half a dozen templates (about 1,000 function calls and
0.5 ms a field). A field with errors, help text, a fieldset, a checkbox, a file or a form helper goes
through crispy as before, so its markup stays crispy's own.

    {% load quick_fields %}  {{ form.member|quick_field }}  {{ form|quick_form }}
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import forms, template
from django.conf import settings
from django.utils.safestring import mark_safe

from core.rows import html

register = template.Library()

PLAIN = (forms.Select, forms.widgets.Input, forms.Textarea)
NOT_PLAIN = (forms.CheckboxInput, forms.FileInput, forms.RadioSelect, forms.MultiWidget)


def _plain(field) -> bool:
    widget = field.field.widget
    return (
        isinstance(widget, PLAIN)
        and not isinstance(widget, NOT_PLAIN)
        and not field.is_hidden
        and not field.errors
        and not field.help_text
        and not field.use_fieldset
        and not field.css_classes()
        and getattr(field.form, "helper", None) is None
    )


def _add_classes(widget, extra: str) -> None:
    """The classes crispy's ``{% crispy_field %}`` adds: the widget's name, then Bootstrap's class."""
    name = widget.__class__.__name__.lower()
    name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(name, name)
    css = widget.attrs.get("class", "")
    if css:
        if css.find(name) == -1:
            css += f" {name}"
    else:
        css = name
    for part in extra.split():
        if part not in css.split():
            css += f" {part}"
    widget.attrs["class"] = css


@register.filter
def quick_field(field):
    """``field|as_crispy_field``, the same markup, without the templates when the field is plain."""
    if not _plain(field):
        return as_crispy_field(field)
    _add_classes(field.field.widget, "form-select" if isinstance(field.field.widget, forms.Select) else "form-control")
    label = ""
    if field.label:
        required = field.field.required
        label = html(
            '<label{} class="form-label{}">{}{}</label>',
            html(' for="{}"', field.id_for_label) if field.id_for_label else "",
            " requiredField" if required else "",
            field.label,
            mark_safe('<span class="asteriskField">*</span>') if required else "",
        )
    return html('<div id="div_{}" class="mb-3">{}{}</div>', field.auto_id, label, str(field))


@register.filter
def quick_form(form):
    """``form|crispy``: each field as ``quick_field`` when the form has no errors and no helper."""
    if form.errors or getattr(form, "helper", None) is not None:
        return as_crispy_form(form)
    return mark_safe("".join(str(field) if field.is_hidden else quick_field(field) for field in form))
