"""Database helpers shared by the apps' services."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from psycopg.errors import UniqueViolation


@contextmanager
def unique_or(message):
    """Create a row that a request at the same moment may just have created: the unique constraint's
    refusal becomes the same clear message as the check made before it (never a 500)."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        if isinstance(error.__cause__, UniqueViolation):
            raise ValidationError(message) from None
        raise
