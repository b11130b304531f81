"""Demo reviews of Chi bộ 4, through the services: a sheet each month (mostly A, some B), confirmed
before the meeting except twice; praise each month; Đặng Quốc Hùng criticised once, reminded, then
improving and praised; commendations; one violation found, handled and remedied."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from evaluations import services
from evaluations.models import Commendation, MonthlyReview, Proposal, Violation
from members.models import Member

if TYPE_CHECKING:  # meetings sits above this app: it is named here, never imported at run time
    from meetings.models import Meeting

WORKLOAD = "Hoàn thành khối lượng công việc được giao trong tháng; tham gia đầy đủ các buổi sinh hoạt."
PRAISE = {
    "hoangduc": "Hoàn thành xuất sắc nhiệm vụ kiểm sát giải quyết tin báo, tố giác tội phạm.",
    "dangvien": "Được Viện trưởng khen thưởng; hoàn thành tốt các vụ án được phân công.",
    "chiuy": "Làm tốt công tác rà soát hồ sơ đảng viên.",
}


def _line(n: int, username: str) -> tuple[str, str, str]:
    """(grade, proposal, note) of one member for demo month ``n``."""
    if username == "danghung":
        if n == 2:
            return "C", Proposal.CRITICISE, "Chậm hoàn thiện hồ sơ kiểm tra theo kế hoạch, ảnh hưởng tiến độ chung."
        if n == 3:
            return "B", Proposal.REMIND, "Đã có chuyển biến; cần giữ tiến độ hồ sơ kiểm tra."
        if n == 9:
            return "A", Proposal.PRAISE, "Tiến bộ rõ rệt, hoàn thành đúng hạn các hồ sơ kiểm tra."
        return ("B" if n < 5 else "A"), Proposal.NONE, ""
    praised = ["hoangduc", "dangvien", "chiuy"][n % 3]
    if username == praised:
        return "A", Proposal.PRAISE, PRAISE[username]
    if username == "ngolong" and n % 4 == 1:
        return "B", Proposal.REMIND, "Cần tích cực phát biểu ý kiến trong sinh hoạt chi bộ."
    return ("B" if (n + len(username)) % 7 == 0 else "A"), Proposal.NONE, ""


def review_before(meeting: Meeting, n: int, members: dict[str, Member], chair: Member, committee: Member) -> None:
    """The month's sheet filled by the committee member, confirmed by the secretary before the meeting
    (twice late or not at all), and what the meeting then announced."""
    cell = meeting.cell
    grades = {grade.code: grade for grade in services.work_grades(cell)}
    review = services.review_open(cell=cell, month=meeting.month, by=committee)
    usernames = {m.pk: u for u, m in members.items()}
    values = {}
    for row in review.rows.select_related("member"):
        username = usernames.get(row.member_id, "")
        grade, proposal, note = _line(n, username)
        values[row.pk] = {
            "workload": WORKLOAD,
            "grade": grades[grade],
            "proposal": proposal,
            "note": note,
            "shortcomings": note if proposal in (Proposal.CRITICISE, Proposal.REMIND) else "",
            "commendations": "Giấy khen của Viện trưởng" if (username, n) == ("dangvien", 4) else "",
        }
    services.review_save(review=review, rows=values, by=committee)
    if n == 11:
        return  # last month's sheet is still being filled in: the committee member finishes it in the browser
    services.review_submit(review=review, by=committee)
    if n == 7:
        return  # a month the secretary did not confirm the sheet: the regularity view shows it
    services.review_confirm(review=review, by=chair)
    when = meeting.date + timedelta(days=1) if n == 5 else meeting.date - timedelta(days=1)  # once too late
    on_time = {"meeting": meeting} if n != 5 else {}  # the late one goes to the next meeting prepared
    MonthlyReview.objects.filter(pk=review.pk).update(
        **on_time,
        confirmed_at=timezone.make_aware(datetime.combine(when, time(16))),
        submitted_at=timezone.make_aware(datetime.combine(when - timedelta(days=1), time(10))),
    )
    entries = [
        (row.member, row.proposal, row.note, row)
        for row in review.rows.select_related("member")
        if row.proposal != Proposal.NONE
    ]
    services.announcements_save(meeting=meeting, entries=entries, by=chair)


def load_records(cell, members: dict[str, Member], chair: Member, meetings: list[Meeting]) -> None:
    """Commendations and the one violation of the demo year, through the services."""
    first = meetings[0].date
    for username, form, number, days, issuer, reason in [
        (
            "dangvien",
            "Giấy khen",
            "125/QĐ-VKS",
            120,
            "Viện trưởng Viện kiểm sát nhân dân tỉnh",
            "Thành tích xuất sắc quý I",
        ),
        ("hoangduc", "Chiến sĩ thi đua cơ sở", "18/QĐ-VKS", 30, "Viện trưởng Viện kiểm sát nhân dân tỉnh", "Năm 2025"),
    ]:
        record = Commendation(
            cell=cell,
            member=members[username],
            form=form,
            decision_number=number,
            decided_on=first + timedelta(days=days),
            issuer=issuer,
            reason=reason,
        )
        services.record_save(record=record, changes={"form": (None, form)}, by=chair)
    found = meetings[2].date - timedelta(days=3)
    violation = Violation(
        cell=cell,
        member=members["danghung"],
        description="Chậm hoàn thiện hồ sơ kiểm tra theo kế hoạch của đơn vị.",
        found_on=found,
        found_by="Chi ủy (qua theo dõi tiến độ công việc)",
        handling=Violation.Handling.CRITICISM,
        handled_on=meetings[2].date,
        result="Đã nghiêm túc kiểm điểm, hoàn thiện hồ sơ đúng hạn từ tháng sau.",
    )
    services.record_save(record=violation, changes={"handling": (None, "criticism")}, by=chair)


def load_classification(cell, chair: Member, meetings: list[Meeting]) -> None:
    """The year's classification, decided by the committee at the December meeting when the demo has held
    it (the levels the record gives); before December the year is still open and nothing is decided."""
    from evaluations.selectors import year_records

    december = [m for m in meetings if m.month.month == 12]
    if not december:
        return
    day = december[-1].date
    levels = services.rating_levels(cell)
    for record in year_records(cell, day.year, levels, today=day):
        if record.exempt or record.proposed is None:
            continue
        services.classification_confirm(
            cell=cell,
            year=day.year,
            member=record.member,
            level=record.proposed,
            reason="",
            points=record.points,
            proposed=record.proposed.label,
            by=chair,
            on=day,
            not_on_time=record.not_on_time,
        )
