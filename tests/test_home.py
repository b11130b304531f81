"""The home page "Việc cần làm" (chibo/home.py): each role sees its next steps, each a link to the page
where it is done, and nothing of what is not theirs; a fixed number of queries however many rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assignments.models import Task
from core.months import month_after
from evaluations.services import review_open, review_save
from meetings.models import Meeting
from meetings.services import meeting_publish
from supervision import services as supervision
from tests.factories import make_document, make_meeting, make_member, make_recorded_meeting, make_task

TODAY = timezone.localdate()
THIS_MONTH = TODAY.replace(day=1)
LAST_MONTH = (THIS_MONTH - timedelta(days=1)).replace(day=1)
NEXT_MONTH = month_after(THIS_MONTH)


@pytest.fixture
def month(cell, secretary, committee, member):
    """Last month's meeting held (minutes not approved, resolution not posted), next month's prepared as
    a draft, a plan of this quarter in which the committee member supervises the member, an overdue task."""
    held = make_recorded_meeting(cell, month=LAST_MONTH, by=secretary.user)
    upcoming = make_meeting(cell, month=NEXT_MONTH, by=secretary.user)
    plan = supervision.plan_propose(cell=cell, year=TODAY.year, quarter=(TODAY.month - 1) // 3 + 1, by=secretary)
    item = plan.items.get(member=member)
    item.supervisor = committee
    item.save()
    supervision.plan_approve(plan=plan, by=secretary)
    late = make_task(cell, member, title="Nộp báo cáo chuyên đề", due_date=TODAY - timedelta(days=3))
    return {"held": held, "upcoming": upcoming, "item": item, "late": late}


def _home(client_for, person) -> str:
    response = client_for(person).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_secretary_the_next_meeting_steps_and_what_waits(client_for, secretary, member, month):
    upcoming, held, late = month["upcoming"], month["held"], month["late"]
    html = _home(client_for, secretary)
    assert "<h1" in html and "Việc cần làm" in html
    edit = reverse("meetings:edit", args=[upcoming.pk])
    for step in ("content_agreed_on", "notified_on", "handbook_posted_on"):
        assert f'href="{edit}#id_{step}"' in html  # each preparation step leads to its field
    assert "Chi ủy thống nhất nội dung" in html and "Đăng tài liệu lên Sổ tay đảng viên điện tử" in html
    assert f"còn {(upcoming.date - TODAY).days} ngày" in html  # the days the preparation steps have left
    assert f"Phiếu nhận xét tháng {NEXT_MONTH:%m/%Y} được xác nhận" in html
    assert f"Mở phiếu nhận xét tháng {NEXT_MONTH:%m/%Y}" in html
    assert f'href="{reverse("meetings:minutes", args=[held.pk])}"' in html  # minutes waiting for approval
    assert "Thông qua biên bản" in html and "Đăng và báo cáo nghị quyết" in html
    assert "Nhiệm vụ quá hạn của chi bộ" in html and f'href="{late.get_absolute_url()}"' in html
    assert f"{late.title} — {member.full_name}" in html
    assert f'href="{reverse("supervision:findings", args=[month["item"].pk])}"' in html

    Meeting.objects.filter(pk=upcoming.pk).update(content_agreed_on=TODAY)
    html = _home(client_for, secretary)
    agreed = html[html.index(f"{edit}#id_content_agreed_on") :].split("</li>")[0]
    assert "Đã xong" in agreed and TODAY.strftime("%d/%m/%Y") in agreed  # a step done shows its date


def test_it_marks_what_waits_too_long(client_for, secretary, committee, month):
    """Minutes still unapproved more than two days after the meeting, and an earlier month's review sheet still
    open, carry a badge saying why they are urgent."""
    held = month["held"]
    Meeting.objects.filter(pk=held.pk).update(date=TODAY - timedelta(days=10))
    review_open(cell=secretary.cell, month=LAST_MONTH, by=committee)
    html = _home(client_for, secretary)
    approve = html[html.index(f'href="{reverse("meetings:minutes", args=[held.pk])}"') :].split("</li>")[0]
    assert "quá hai ngày sau buổi sinh hoạt" in approve
    old = html[html.index(f"phiếu nhận xét tháng {LAST_MONTH:%m/%Y}") :].split("</li>")[0]
    assert "Quá hạn" in old


def test_it_asks_the_secretary_to_confirm_a_submitted_sheet(client_for, secretary, committee, month):
    from evaluations.services import review_submit

    review = review_open(cell=secretary.cell, month=NEXT_MONTH, by=committee)
    review_submit(review=review, by=committee)
    html = _home(client_for, secretary)
    url = reverse("evaluations:review", args=[NEXT_MONTH.year, NEXT_MONTH.month])
    assert f"Xác nhận phiếu nhận xét tháng {NEXT_MONTH:%m/%Y}" in html and f'href="{url}"' in html
    assert "Đã gửi, chờ xác nhận." in html  # the preparation step says so too


def test_it_shows_the_committee_member_the_sheet_the_findings_and_the_tasks_to_assess(
    client_for, cell, committee, member, month
):
    review_open(cell=cell, month=NEXT_MONTH, by=committee)
    done = make_task(cell, member, title="Rà soát hồ sơ đảng viên")
    Task.objects.filter(pk=done.pk).update(state=Task.State.DONE, done_on=TODAY, progress=100)
    html = _home(client_for, committee)
    sheet = reverse("evaluations:review", args=[NEXT_MONTH.year, NEXT_MONTH.month])
    assert f"Điền và gửi phiếu nhận xét tháng {NEXT_MONTH:%m/%Y}" in html and f'href="{sheet}"' in html
    assert f"Kết quả giám sát đồng chí {member.full_name}" in html
    assert f'href="{reverse("supervision:findings", args=[month["item"].pk])}"' in html
    assert f'href="{done.get_absolute_url()}#assess-title"' in html
    assert "Nhiệm vụ quá hạn của chi bộ" not in html  # the secretary's list
    assert "Thông qua biên bản" not in html


def test_it_shows_a_member_their_tasks_and_the_published_agenda_and_nothing_of_others(
    client_for, cell, unit, secretary, committee, member, month
):
    soon = make_task(cell, member, title="Chuẩn bị ý kiến tham gia", due_date=TODAY + timedelta(days=2))
    later = make_task(cell, member, title="Việc tháng sau nữa", due_date=TODAY + timedelta(days=60))
    make_task(cell, committee, title="Việc của đồng chí khác", due_date=TODAY - timedelta(days=5))
    other = make_member(cell, unit=unit, full_name="Hoàng Thị Khác")
    review = review_open(cell=cell, month=NEXT_MONTH, by=committee)
    review_save(review=review, rows={review.rows.get(member=other).pk: {"note": "Nhận xét riêng tư"}}, by=committee)

    html = _home(client_for, member)
    late = month["late"]
    assert html.index(late.title) < html.index(soon.title) < html.index(later.title)  # overdue, then due soon
    assert "Quá hạn" in html[html.index(late.title) : html.index(soon.title)]
    assert "Sắp đến hạn" in html[html.index(soon.title) : html.index(later.title)]
    assert "Việc của đồng chí khác" not in html and "Nhiệm vụ quá hạn của chi bộ" not in html
    assert "Nhận xét riêng tư" not in html and "phiếu nhận xét" not in html.lower()
    assert reverse("evaluations:review", args=[NEXT_MONTH.year, NEXT_MONTH.month]) not in html
    assert "Chưa có buổi sinh hoạt nào được thông báo." in html  # the next meeting is still a draft

    upcoming = month["upcoming"]
    document = make_document(cell, number="42-HD/BTCTW", title="Hướng dẫn nâng cao chất lượng sinh hoạt")
    upcoming.items.filter(section=2).first().documents.add(document)
    meeting_publish(meeting=upcoming, by=secretary.user)
    html = _home(client_for, member)
    assert f'href="{upcoming.get_absolute_url()}"' in html
    assert upcoming.items.filter(section=2).first().title in html  # the published agenda
    assert "Tài liệu cần đọc trước buổi sinh hoạt" in html and "42-HD/BTCTW" in html
    assert f"{reverse('meetings:documents')}?q=42-HD/BTCTW" in html


def test_it_sends_a_superuser_without_a_cell_to_the_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    assert client.get(reverse("home"))["Location"] == reverse("admin:index")


def _grow(cell, unit, secretary, committee, member, n):
    """n overdue tasks of the cell, n open tasks of each persona, n tasks to assess, n findings due."""
    people = [make_member(cell, unit=unit) for _ in range(n)]
    level = Task.objects.filter(cell=cell).first().expected_level
    rows = []
    for i in range(n):
        for who in (people[i], member, committee, secretary):
            rows.append(
                Task(
                    cell=cell,
                    title=f"Việc {i}",
                    assignee=who,
                    assigned_by=secretary,
                    assigned_on=TODAY - timedelta(days=30),
                    due_date=TODAY + timedelta(days=i - n // 2),
                    expected_level=level,
                    state=Task.State.DONE if (i % 3 == 0 and who == people[i]) else Task.State.OPEN,
                )
            )
    Task.objects.bulk_create(rows)
    for i in range(n):
        Meeting.objects.create(
            cell=cell,
            kind=Meeting.Kind.THEMATIC,
            topic=f"Chuyên đề {i}",
            month=LAST_MONTH,
            date=LAST_MONTH,
            status=Meeting.Status.HELD,
        )


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize(
    ("persona", "pinned"), [("secretary", 9), ("committee", 8), ("member", 6)]
)  # + the dues remittance
def test_it_keeps_the_home_page_at_its_query_count_for_each_role(
    persona, pinned, rows, client_for, cell, unit, secretary, committee, member, month
):
    document = make_document(cell)
    upcoming = month["upcoming"]
    for item in upcoming.items.all():
        item.documents.add(document)
    meeting_publish(meeting=upcoming, by=secretary.user)
    _grow(cell, unit, secretary, committee, member, rows)
    people = {"secretary": secretary, "committee": committee, "member": member}
    client = client_for(people[persona])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    assert len(ctx.captured_queries) == pinned, [q["sql"][:120] for q in ctx.captured_queries]
