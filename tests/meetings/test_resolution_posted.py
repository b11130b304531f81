"""The day a held meeting's resolution was posted and reported (HD 42): recorded after the meeting."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from members.models import AuditEntry

pytestmark = pytest.mark.django_db


def _post(client, meeting, day):
    return client.post(reverse("meetings:resolution_posted", args=[meeting.pk]), {"posted_on": day})


def test_the_secretary_records_the_day_and_it_is_logged(client_for, secretary, held_meeting):
    day = held_meeting.date  # the same day counts (HD 42: within two days)
    answer = _post(client_for(secretary), held_meeting, day.strftime("%d/%m/%Y"))
    assert answer.status_code == 302
    held_meeting.refresh_from_db()
    assert held_meeting.resolution_posted_on == day
    entry = AuditEntry.objects.filter(object_id=str(held_meeting.pk)).order_by("-pk").first()
    assert "resolution posted and reported on" in entry.changes


def test_a_day_before_the_meeting_is_refused_and_the_typed_value_kept(client_for, secretary, held_meeting):
    before = (held_meeting.date - timedelta(days=3)).strftime("%d/%m/%Y")
    answer = _post(client_for(secretary), held_meeting, before)
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "không thể niêm yết trước ngày sinh hoạt" in page
    assert before in page
    held_meeting.refresh_from_db()
    assert held_meeting.resolution_posted_on is None


def test_a_future_day_and_junk_are_refused(client_for, secretary, held_meeting):
    client = client_for(secretary)
    future = (timezone.localdate() + timedelta(days=5)).strftime("%d/%m/%Y")
    assert "tương lai" in _post(client, held_meeting, future).content.decode()
    assert "dd/mm/yyyy" in _post(client, held_meeting, "31/02/2026").content.decode()
    held_meeting.refresh_from_db()
    assert held_meeting.resolution_posted_on is None


def test_a_meeting_not_yet_held_has_no_resolution_to_post(client_for, secretary, meeting):
    assert meeting.status == Meeting.Status.DRAFT
    answer = _post(client_for(secretary), meeting, timezone.localdate().strftime("%d/%m/%Y"))
    assert answer.status_code == 200
    meeting.refresh_from_db()
    assert meeting.resolution_posted_on is None


def test_the_form_shows_on_the_held_meeting_for_the_secretary_only(client_for, secretary, member, held_meeting):
    url = reverse("meetings:detail", args=[held_meeting.pk])
    assert 'id="resolution-posted"' in client_for(secretary).get(url).content.decode()
    assert 'id="resolution-posted"' not in client_for(member).get(url).content.decode()
