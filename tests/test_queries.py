"""Every page's query count is pinned and does not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import AuditEntry
from tests.factories import make_member


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# page → the pinned number of queries (session, user, acting member, then the page's own)
PINNED = {
    "members:list": 6,
    "members:detail": 5,
    "members:cell": 4,
}


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("name", sorted(PINNED))
def test_it_keeps_each_page_at_its_pinned_query_count(name, rows, client_for, secretary, member, unit):
    for n in range(rows):
        other = make_member(secretary.cell, unit=unit)
        AuditEntry.objects.create(
            cell=secretary.cell,
            actor=secretary.user,
            action="update",
            content_type_id=_member_content_type(),
            object_id=member.pk,
            object_repr=str(member),
            changes={"job_title": [str(n), str(other.pk)]},
        )
    args = {"members:detail": [member.pk]}.get(name)
    assert _count(client_for(secretary), reverse(name, args=args)) == PINNED[name]


def _member_content_type():
    from django.contrib.contenttypes.models import ContentType

    from members.models import Member

    return ContentType.objects.get_for_model(Member).pk
