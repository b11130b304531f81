import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.format import date_line
from documents.pdf import StaticFilesFetcher
from meetings import services
from meetings.models import Meeting
from tests.factories import make_member
from tests.pdfs import assert_a4_with_embedded_fonts, read_pdf
from tests.test_meta import visible_text


def test_it_prepares_next_months_meeting_in_one_post(client_for, secretary):
    client = client_for(secretary)
    response = client.post(reverse("meetings:prepare"), {"month": "12/2026"})
    meeting = Meeting.objects.get(cell=secretary.cell)
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.month == date(2026, 12, 1) and meeting.status == "draft" and meeting.chair == secretary
    titles = [item.title for item in meeting.items.all()]
    assert titles[0].startswith("Tuyên bố lý do") and titles[-1] == "Bế mạc"
    assert any(item.key == "carry_over" for item in meeting.items.all())
    again = client.post(reverse("meetings:prepare"), {"month": "12/2026"}, follow=True)
    assert "đã được chuẩn bị" in again.content.decode()
    assert Meeting.objects.filter(cell=secretary.cell).count() == 1


def test_it_hides_a_draft_from_members_and_shows_it_once_published(client_for, member, secretary, meeting):
    assert client_for(member).get(meeting.get_absolute_url()).status_code == 404
    response = client_for(secretary).post(reverse("meetings:publish", args=[meeting.pk]), {"confirm": "1"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "published" and meeting.published_by == secretary.user and meeting.published_at
    assert client_for(member).get(meeting.get_absolute_url()).status_code == 200


def test_it_adds_an_item_from_its_own_page_into_the_chosen_section(client_for, secretary, meeting):
    client = client_for(secretary)
    editor = client.get(meeting.get_absolute_url()).content.decode()
    add_url = reverse("meetings:item_add", args=[meeting.pk])
    assert 'name="title"' not in editor, "the editor links to the form, it does not carry it"
    assert f'href="{add_url}"' in editor and f'href="{add_url}?section=3"' in editor
    page = client.get(add_url + "?section=3").content.decode()
    assert re.search(r'<option value="3"[^>]*\bselected\b', page) and "Thêm nội dung" in page
    assert re.search(r'<option value="2"[^>]*\bselected\b', client.get(add_url + "?section=x").content.decode())
    data = {"section": 3, "title": "Thông báo lịch tháng sau", "category": "procedure", "planned_minutes": 5}
    response = client.post(add_url, {**data, "version": meeting.version})
    item = meeting.items.get(title="Thông báo lịch tháng sau")
    assert response.status_code == 302 and response["Location"] == f"{meeting.get_absolute_url()}#item-{item.pk}"
    assert item.section == 3 and item.planned_minutes == 5


def test_it_refuses_to_publish_an_empty_agenda(secretary, meeting):
    meeting.items.all().delete()
    with pytest.raises(ValidationError, match="chương trình trống"):
        services.meeting_publish(meeting=meeting, by=secretary.user)


def test_it_enforces_the_allowed_status_moves(secretary, meeting):
    with pytest.raises(ValidationError):
        services.meeting_set_status(meeting=meeting, to=Meeting.Status.APPROVED, by=secretary.user)
    services.meeting_set_status(meeting=meeting, to=Meeting.Status.PUBLISHED, by=secretary.user)
    services.meeting_set_status(meeting=meeting, to=Meeting.Status.HELD, by=secretary.user)
    assert not meeting.agenda_editable


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("planned_minutes", "-5", "không thể là số âm"),
        ("planned_minutes", "601", "tối đa 600 phút"),
        ("title", "   ", "bắt buộc"),
    ],
)
def test_it_rejects_bad_agenda_items(client_for, secretary, meeting, field, value, message):
    data = {"section": 2, "title": "Thảo luận", "category": "party", "planned_minutes": 10, "version": meeting.version}
    response = client_for(secretary).post(reverse("meetings:item_add", args=[meeting.pk]), {**data, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    html = response.content.decode()
    assert re.search(r'<option value="party"[^>]*\bselected\b', html), "the chosen category was lost"
    if field != "title":
        assert 'value="Thảo luận"' in html, "the typed title was lost"


def test_it_refuses_a_presenter_from_another_cell(client_for, secretary, meeting, other_cell):
    stranger = make_member(other_cell)
    data = {"section": 2, "title": "Báo cáo", "category": "party", "planned_minutes": 10, "version": meeting.version}
    response = client_for(secretary).post(
        reverse("meetings:item_add", args=[meeting.pk]), {**data, "presenter": stranger.pk}
    )
    assert response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


def test_it_detects_two_people_editing_at_once(client_for, secretary, meeting):
    client = client_for(secretary)
    opened_at = meeting.version
    data = {"section": 2, "title": "Nội dung A", "category": "party", "planned_minutes": 10, "version": opened_at}
    assert client.post(reverse("meetings:item_add", args=[meeting.pk]), data).status_code == 302
    stale = {**data, "title": "Nội dung B"}
    response = client.post(reverse("meetings:item_add", args=[meeting.pk]), stale, follow=True)
    assert "Người khác đã sửa chương trình" in response.content.decode()
    titles = list(meeting.items.values_list("title", flat=True))
    assert "Nội dung A" in titles and "Nội dung B" not in titles


def test_it_moves_items_within_their_section(client_for, secretary, meeting):
    first, second = list(meeting.items.filter(section=1))[:2]
    client_for(secretary).post(reverse("meetings:item_down", args=[meeting.pk, first.pk]), {"version": meeting.version})
    order = list(meeting.items.filter(section=1).values_list("pk", flat=True))
    assert order[:2] == [second.pk, first.pk]


def test_it_rejects_a_date_outside_the_meetings_month(client_for, secretary, meeting):
    url = reverse("meetings:edit", args=[meeting.pk])
    response = client_for(secretary).post(
        url, {"kind": "regular", "date": "05/01/2027", "version": meeting.version, "chair": secretary.pk}
    )
    assert response.status_code == 200
    assert "Ngày họp phải nằm trong tháng của cuộc họp, 12/2026." in response.content.decode()


def test_it_warns_about_time_and_split(client_for, secretary, meeting):
    meeting.items.filter(category="party").update(planned_minutes=1)
    html = client_for(secretary).get(meeting.get_absolute_url()).content.decode()
    assert "ít hơn mức tối thiểu 90 phút" in html and "ngoài khoảng 30–50%" in html


def test_it_writes_the_date_line_with_the_leading_zeros_of_the_format():
    assert date_line("Tuyên Quang", date(2026, 2, 5)) == "Tuyên Quang, ngày 05 tháng 02 năm 2026"
    assert date_line("Tuyên Quang", date(2022, 8, 30)) == "Tuyên Quang, ngày 30 tháng 8 năm 2022"


def test_it_fetches_only_the_projects_static_files():
    fetcher = StaticFilesFetcher()
    assert fetcher.fetch("https://chibo.invalid/static/fonts/LiberationSerif-Regular.ttf").status == 200
    for url in ["file:///etc/passwd", "https://example.com/x.css", "https://chibo.invalid/etc/passwd"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_it_exports_the_agenda_as_an_a4_pdf_in_the_party_format(client_for, member, published_meeting):
    published_meeting.agenda_number = 7
    published_meeting.save()
    response = client_for(member).get(reverse("meetings:agenda_pdf", args=[published_meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="chuong-trinh-sinh-hoat-2026-11.pdf"' in response["Content-Disposition"]
    reader, text = read_pdf(response.content)
    for expected in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "CHI BỘ 4",
        "Số 07-CTr/CB",
        "CHƯƠNG TRÌNH",
        "Bế mạc",
        "T/M CHI BỘ",
        "BÍ THƯ",
    ]:
        assert expected in text, expected
    assert "DỰ THẢO" not in text
    assert_a4_with_embedded_fonts(reader)


def test_it_marks_a_draft_pdf(client_for, secretary, meeting):
    response = client_for(secretary).get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    _reader, text = read_pdf(response.content)
    assert "DỰ THẢO" in text


def test_it_shows_a_status_change_in_words_in_the_history(client_for, secretary, published_meeting):
    html = client_for(secretary).get(published_meeting.get_absolute_url()).content.decode()
    assert "Dự thảo chương trình" in html and "Đã công bố chương trình" in html
    assert not re.search(r"\bdraft\b|\bpublished\b", visible_text(html)), "a stored value reached the page"
