"""Confirmation pages for what cannot be undone: a GET shows what will happen, a POST with ``confirm``
does it, a POST without it changes nothing and says so."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from meetings.forms import ConfirmForm


def confirmed(request) -> bool:
    return request.method == "POST" and ConfirmForm(request.POST).is_valid()


def confirmation_page(request, *, meeting, title: str, consequences: list, button: str, cancel_url: str, **extra):
    """The page that asks; posted without confirming, it says that nothing was done."""
    refused = request.method == "POST"
    context = {
        "meeting": meeting,
        "title": title,
        "consequences": consequences,
        "button": button,
        "cancel_url": cancel_url,
        "refused": refused,
        "refusal": _("Not confirmed: nothing was changed. Read what will happen, then press the button again."),
        **extra,
    }
    return render(request, "meetings/confirm.html", context)
