from django import template

from dues.selectors import vnd as format_vnd

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """``1.250.000``: whole đồng with the Vietnamese thousands separator."""
    return format_vnd(amount)
