from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """A form sent once: the one-time token each rendered form carries (core.submissions)."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return self.token
