"""The live screen, the confirmation pages, the minutes' earlier versions and the history in words."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, Meeting, MeetingRecord, MinutesRevision, Speech
from members.models import AuditEntry
from tests.factories import make_recorded_meeting
from tests.test_meta import english_in, visible_text

NOT_CONFIRMED = "Chưa xác nhận: chưa có gì thay đổi."


def _live(meeting):
    return reverse("meetings:live", args=[meeting.pk])


def _items(meeting):
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("section", "position", "pk"))


# The live screen ---------------------------------------------------------------------------------


def test_it_starts_the_meeting_with_its_first_item_and_keeps_the_times_on_the_server(
    client_for, secretary, held_meeting
):
    client = client_for(secretary)
    AgendaItem.objects.filter(meeting=held_meeting).update(actual_minutes=None)
    first, second, *_rest = _items(held_meeting)
    html = client.get(_live(held_meeting)).content.decode()
    assert "Bắt đầu buổi sinh hoạt" in html and first.title in html

    response = client.post(reverse("meetings:live_item", args=[held_meeting.pk, first.pk]))
    assert response.status_code == 302 and response["Location"] == _live(held_meeting)
    record = MeetingRecord.objects.get(meeting=held_meeting)
    first.refresh_from_db()
    assert record.started_at is not None and first.started_at is not None
    assert record.opened_at == timezone.localtime(record.started_at).time().replace(second=0, microsecond=0)

    # Seven minutes later the minute-taker moves on: the first item keeps its seven minutes.
    AgendaItem.objects.filter(pk=first.pk).update(started_at=timezone.now() - timedelta(minutes=7))
    client.post(reverse("meetings:live_item", args=[held_meeting.pk, second.pk]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.started_at, first.actual_minutes) == (None, 7)
    assert second.started_at is not None
    assert "Nội dung 2/" in client.get(_live(held_meeting)).content.decode()

    AgendaItem.objects.filter(pk=second.pk).update(started_at=timezone.now() - timedelta(minutes=3))
    response = client.post(reverse("meetings:live_end", args=[held_meeting.pk]), follow=True)
    assert "Buổi sinh hoạt đã kết thúc" in response.content.decode()
    second.refresh_from_db()
    record.refresh_from_db()
    assert (second.started_at, second.actual_minutes) == (None, 3)
    assert record.ended_at is not None and record.closed_at > record.opened_at
    assert not AgendaItem.objects.filter(meeting=held_meeting, started_at__isnull=False).exists()
    # Ended: nothing more starts.
    response = client.post(reverse("meetings:live_item", args=[held_meeting.pk, first.pk]), follow=True)
    assert "Buổi sinh hoạt đã kết thúc: thời gian đã được ghi lại." in response.content.decode()


def test_it_records_a_speech_in_one_post_and_refuses_a_member_not_present(
    client_for, cell, secretary, committee, member
):
    meeting = make_recorded_meeting(cell, month=date(2026, 10, 1), by=secretary.user, absent=(member,))
    client = client_for(secretary)
    item = _items(meeting)[5]
    client.post(reverse("meetings:live_item", args=[meeting.pk, item.pk]))
    before = Speech.objects.count()

    response = client.post(
        reverse("meetings:live_speech", args=[meeting.pk]),
        {"item": item.pk, "member": member.pk, "summary": "Ý kiến của người vắng"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Đồng chí {member.full_name} không được ghi là có mặt" in html
    assert 'value="Ý kiến của người vắng"' in html  # nothing typed is lost
    assert Speech.objects.count() == before

    response = client.post(
        reverse("meetings:live_speech", args=[meeting.pk]), {"item": item.pk, "member": committee.pk, "summary": " "}
    )
    assert "Hãy viết tóm tắt ý kiến" in response.content.decode() or "tóm tắt" in response.content.decode()
    assert Speech.objects.count() == before

    response = client.post(
        reverse("meetings:live_speech", args=[meeting.pk]),
        {"item": item.pk, "member": committee.pk, "summary": "Đề nghị bổ sung số liệu quý."},
        follow=True,
    )
    assert f"Đã ghi ý kiến của đồng chí {committee.full_name}." in response.content.decode()
    assert Speech.objects.filter(item=item, member=committee, summary="Đề nghị bổ sung số liệu quý.").count() == 1
    assert Speech.objects.count() == before + 1


def test_it_takes_the_vote_by_show_of_hands_and_refuses_more_exceptions_than_voters(
    client_for, secretary, held_meeting
):
    client = client_for(secretary)
    record = MeetingRecord.objects.get(meeting=held_meeting)
    before = (record.votes_for, record.votes_against, record.votes_abstain)
    url = reverse("meetings:live_vote", args=[held_meeting.pk])

    response = client.post(url, {"against": "3", "abstain": "1"})  # 3 voters present
    assert response.status_code == 200
    assert "Đã nhập 4 phiếu không tán thành hoặc không biểu quyết, nhưng chỉ có 3" in response.content.decode()
    record.refresh_from_db()
    assert (record.votes_for, record.votes_against, record.votes_abstain) == before

    response = client.post(url, {"against": "-1", "abstain": ""})
    assert "Số phiếu không được là số âm." in response.content.decode()

    response = client.post(url, {"against": "1", "abstain": ""}, follow=True)
    assert "Đã ghi kết quả biểu quyết: 2 tán thành trên 3 đảng viên được tính." in response.content.decode()
    record.refresh_from_db()
    assert (record.votes_for, record.votes_against, record.votes_abstain, record.vote_base) == (2, 1, 0, 3)
    assert record.passed


def test_it_closes_the_live_screen_of_approved_minutes(client_for, secretary, approved_meeting):
    client = client_for(secretary)
    response = client.get(_live(approved_meeting), follow=True)
    assert "màn hình ghi trực tiếp đã đóng" in response.content.decode()
    item = _items(approved_meeting)[0]
    response = client.post(reverse("meetings:live_item", args=[approved_meeting.pk, item.pk]), follow=True)
    assert "đã được thông qua và khóa" in response.content.decode()
    item.refresh_from_db()
    assert item.started_at is None


def test_it_loads_htmx_only_on_the_live_screen_with_its_strict_configuration(client_for, secretary, held_meeting):
    client = client_for(secretary)
    live = client.get(_live(held_meeting)).content.decode()
    assert "vendor/htmx/htmx.min.js" in live and "js/live.js" in live
    assert '"includeIndicatorStyles":false' in live and "hx-on" not in live
    record = client.get(reverse("meetings:record", args=[held_meeting.pk])).content.decode()
    assert "htmx" not in record
    assert reverse("meetings:live", args=[held_meeting.pk]) in record  # the button to the live screen


# Confirmation pages ------------------------------------------------------------------------------


def test_publishing_asks_first_and_does_nothing_unconfirmed(client_for, secretary, meeting):
    client = client_for(secretary)
    url = reverse("meetings:publish", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Những gì sẽ xảy ra" in page and "Mọi đảng viên của chi bộ đọc được chương trình" in page
    response = client.post(url, {})
    assert response.status_code == 200 and NOT_CONFIRMED in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT
    client.post(url, {"confirm": "1"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


def test_removing_an_agenda_item_asks_first(client_for, secretary, meeting):
    client = client_for(secretary)
    item = _items(meeting)[3]
    url = reverse("meetings:item_delete", args=[meeting.pk, item.pk])
    assert item.title in client.get(url).content.decode()
    response = client.post(url, {"version": meeting.version})
    assert NOT_CONFIRMED in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    client.post(url, {"version": meeting.version, "confirm": "1"})
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_removing_a_speech_asks_first(client_for, secretary, held_meeting):
    client = client_for(secretary)
    speech = Speech.objects.filter(item__meeting=held_meeting).first()
    url = reverse("meetings:speech_delete", args=[held_meeting.pk, speech.pk])
    assert speech.summary in client.get(url).content.decode()
    assert NOT_CONFIRMED in client.post(url, {}).content.decode()
    assert Speech.objects.filter(pk=speech.pk).exists()
    response = client.post(f"{url}?next=live", {"confirm": "1", "next": "live"})
    assert response["Location"] == _live(held_meeting)
    assert not Speech.objects.filter(pk=speech.pk).exists()


def test_approving_asks_first_and_shows_what_is_missing(client_for, secretary, held_meeting):
    client = client_for(secretary)
    url = reverse("meetings:approve", args=[held_meeting.pk])
    page = client.get(url).content.decode()
    assert "Biên bản và nghị quyết được lấy số và khóa vĩnh viễn." in page and "Chưa thể làm việc này" not in page
    assert NOT_CONFIRMED in client.post(url, {}).content.decode()
    held_meeting.refresh_from_db()
    assert held_meeting.status == Meeting.Status.HELD
    client.post(url, {"confirm": "1"})
    held_meeting.refresh_from_db()
    assert held_meeting.status == Meeting.Status.APPROVED

    blank = make_recorded_meeting(held_meeting.cell, month=date(2026, 8, 1), by=secretary.user)
    MeetingRecord.objects.filter(meeting=blank).update(minutes_text="")
    page = client.get(reverse("meetings:approve", args=[blank.pk])).content.decode()
    assert "Chưa thể làm việc này" in page and "Thông qua và khóa biên bản" not in page


# Minutes drafted again, earlier versions ---------------------------------------------------------


def test_redrafting_asks_first_keeps_the_edited_text_and_restores_it(client_for, secretary, held_meeting):
    client = client_for(secretary)
    edited = "Biên bản đã sửa bằng tay: bổ sung ý kiến của đồng chí Dung."
    MeetingRecord.objects.filter(meeting=held_meeting).update(minutes_text=edited)
    url = reverse("meetings:minutes_draft", args=[held_meeting.pk])
    page = client.get(url).content.decode()
    assert "Bản soạn mới thay cho bản hiện tại" in page and edited in page
    assert NOT_CONFIRMED in client.post(url, {}).content.decode()
    assert MeetingRecord.objects.get(meeting=held_meeting).minutes_text == edited

    client.post(url, {"confirm": "1"})
    record = MeetingRecord.objects.get(meeting=held_meeting)
    assert record.minutes_text != edited and "Vào hồi" in record.minutes_text
    revision = MinutesRevision.objects.get(record=record)
    assert revision.minutes_text == edited
    listing = client.get(reverse("meetings:minutes_revisions", args=[held_meeting.pk])).content.decode()
    assert edited in listing and "Khôi phục bản này" in listing

    client.post(reverse("meetings:minutes_restore", args=[held_meeting.pk, revision.pk]))
    record.refresh_from_db()
    assert record.minutes_text == edited
    assert MinutesRevision.objects.filter(record=record).count() == 2  # the drafted text is kept in turn
    assert AuditEntry.objects.filter(object_id=held_meeting.pk, changes__has_key="minutes_restored").exists()


def test_it_restores_no_version_of_another_meeting(client_for, cell, secretary, held_meeting):
    other = make_recorded_meeting(cell, month=date(2026, 8, 1), by=secretary.user)
    revision = MinutesRevision.objects.create(record=other.record, minutes_text="Khác", created_by=secretary.user)
    response = client_for(secretary).post(reverse("meetings:minutes_restore", args=[held_meeting.pk, revision.pk]))
    assert response.status_code == 404
    assert MeetingRecord.objects.get(meeting=held_meeting).minutes_text != "Khác"


# The history of changes, in words ----------------------------------------------------------------


def test_every_change_to_a_draft_agenda_is_recorded(client_for, secretary, meeting):
    client = client_for(secretary)
    before = AuditEntry.objects.filter(object_id=meeting.pk).count()
    client.post(
        reverse("meetings:item_add", args=[meeting.pk]),
        {"section": 2, "title": "Quán triệt Chỉ thị 50", "category": "party", "planned_minutes": 15, "version": 1},
    )
    item = AgendaItem.objects.get(meeting=meeting, title="Quán triệt Chỉ thị 50")
    client.post(
        reverse("meetings:item_edit", args=[meeting.pk, item.pk]),
        {"section": 2, "title": item.title, "category": "party", "planned_minutes": 20, "version": 2},
    )
    client.post(reverse("meetings:item_up", args=[meeting.pk, item.pk]), {"version": 3})
    client.post(reverse("meetings:item_delete", args=[meeting.pk, item.pk]), {"version": 4, "confirm": "1"})
    client.post(reverse("meetings:publish", args=[meeting.pk]), {"confirm": "1"})
    entries = AuditEntry.objects.filter(object_id=meeting.pk, content_type__model="meeting").order_by("pk")
    assert entries.count() == before + 5
    keys = [next(iter(e.changes)) for e in entries[before:]]
    assert keys == [
        "item|Quán triệt Chỉ thị 50|added",
        "item|Quán triệt Chỉ thị 50|planned_minutes",
        "moved item",
        "removed item",
        "status",
    ]


def test_the_history_reads_in_vietnamese_newest_first_and_folds_the_older(client_for, secretary, member, held_meeting):
    client = client_for(secretary)
    item = _items(held_meeting)[5]
    services.item_record_save(
        meeting=held_meeting, item=item, record="Đã báo cáo", actual_minutes=12, by=secretary.user
    )
    client.post(reverse("meetings:live_item", args=[held_meeting.pk, item.pk]))
    client.post(reverse("meetings:live_vote", args=[held_meeting.pk]), {"against": "1"})
    # An entry written before the keys were structured reads in words too.
    services.record._log_record_change(
        held_meeting, secretary.user, {f"speech by {member.full_name}": (None, "Nhất trí"), "Lê Văn X": (None, "late")}
    )
    html = client.get(reverse("meetings:detail", args=[held_meeting.pk])).content.decode()
    history = html[html.index("Lịch sử thay đổi") :]
    text = visible_text(history)
    assert not english_in(text, set()), english_in(text, set())
    for words in [
        f"Ý kiến phát biểu của đồng chí {member.full_name}",
        "Điểm danh đồng chí Lê Văn X: — → Đến muộn",
        f"Nội dung “{item.title}”: thời gian thực tế (phút)",
        "Tán thành: 3 → 2",
        "Tình trạng: Đã công bố chương trình → Đã họp",
        f"Điểm danh đồng chí {secretary.full_name}: — → Có mặt",
    ]:
        assert words in text, words
    assert "<details>" in history
    assert text.index("Ý kiến phát biểu của đồng chí") < text.index("Tán thành: 3 → 2")  # newest first
    assert "speech by" not in text and "actual minutes" not in text and "present" not in text.lower()


@pytest.mark.parametrize("key", ["live", "vote", "speech", "approve", "minutes", "attendance"])
def test_a_refused_change_names_what_was_refused(key, secretary, held_meeting):
    from members.selectors import history_line

    label, old, new = history_line(Meeting, key, None, None)
    assert label.startswith("Thay đổi bị từ chối: ") and not english_in(label, set())
