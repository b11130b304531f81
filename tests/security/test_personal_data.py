"""Members' rights over their data (Law 91/2025/QH15): one file with everything about them and
nobody else, and a log of who opened their review record or supervision findings."""

import json

from django.urls import reverse

from evaluations.models import RecordView
from tests.factories import make_commendation, make_task


def test_a_member_downloads_their_data_and_nobody_elses(client_for, world, member, committee, held_meeting):
    make_task(member.cell, member, title="Viết bài tham luận về chuyển đổi số")
    make_commendation(member, reason="Hoàn thành xuất sắc chuyên đề")
    response = client_for(member).get(reverse("my_data"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="du-lieu-ca-nhan-{member.pk}.json"'
    data = json.loads(response.content)
    text = response.content.decode()
    assert data["Đảng viên"]["Họ và tên"] == member.full_name
    assert "Viết bài tham luận về chuyển đổi số" in text and "Hoàn thành xuất sắc chuyên đề" in text
    assert data["Điểm danh"] and data["Tài khoản đăng nhập"]["Tên đăng nhập"] == member.user.username
    assert "Rà soát hồ sơ đảng viên" not in text  # the committee member's task
    assert all(task["Người thực hiện"] == member.full_name for task in data["Nhiệm vụ"])


def test_a_look_at_someone_elses_record_is_logged_and_shown_to_them(client_for, member, committee):
    client_for(member).get(reverse("evaluations:member", args=[member.pk]))
    assert not RecordView.objects.exists()  # one's own look is not logged
    client_for(committee).get(reverse("evaluations:member", args=[member.pk]))
    [view] = RecordView.objects.all()
    assert (view.viewer, view.subject, view.what) == (committee, member, RecordView.What.REVIEW_RECORD)
    page = client_for(member).get(reverse("evaluations:member", args=[member.pk])).content.decode()
    assert "Ai đã xem hồ sơ này" in page and committee.full_name in page
    export = client_for(member).get(reverse("my_data")).content.decode()
    assert committee.full_name in export


def test_a_look_at_someones_findings_is_logged(client_for, world, committee, member):
    client_for(committee).get(reverse("supervision:findings", args=[world["sup_item"].pk]))
    assert RecordView.objects.filter(subject=member, viewer=committee, what=RecordView.What.FINDINGS).exists()
