"""``manage.py bench_data``: a large data set for the benchmark (default 50 cells × 25 members × 10 years).

Rows are bulk-inserted, not run through the services: the point is volume (meetings with agenda items,
attendance and speeches, minutes, tasks), to show that pages keep their query count and speed.
The cells of one run form one đảng bộ (``Organisation``) with an officer of its committee, login
``bench-officer<first cell>`` (``bench-officer1``), for the superior committee's overview and search.
Refused when the database already has cells, unless ``--add`` is given.
"""

import itertools
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from assignments.models import Task
from assignments.services import completion_levels
from chibo.search import index
from core.months import month_after
from meetings.models import (
    AgendaItem,
    Attendance,
    Category,
    GuidingDocument,
    Meeting,
    MeetingRecord,
    Section,
    Speech,
)
from members.models import Cell, CommitteeOfficer, Member, Organisation, Unit

PASSWORD = "bench-password"
ITEMS = [
    (Section.OPENING, "Tuyên bố lý do, giới thiệu đại biểu", Category.PROCEDURE, 2),
    (Section.OPENING, "Thông báo tình hình đảng viên dự họp", Category.PROCEDURE, 2),
    (Section.CONTENT, "Thông tin thời sự, văn bản của cấp trên", Category.PARTY, 10),
    (Section.CONTENT, "Đánh giá kết quả công tác chuyên môn trong tháng", Category.PROFESSIONAL, 20),
    (Section.CONTENT, "Đánh giá công tác xây dựng Đảng", Category.PARTY, 10),
    (Section.CONTENT, "Kiểm điểm việc thực hiện nghị quyết tháng trước", Category.PARTY, 10),
    (Section.CONTENT, "Thảo luận, tự phê bình và phê bình", Category.PARTY, 20),
    (Section.CONTENT, "Phương hướng, nhiệm vụ tháng tới", Category.PROFESSIONAL, 10),
    (Section.CLOSING, "Biểu quyết thông qua nghị quyết", Category.PROCEDURE, 2),
    (Section.CLOSING, "Thư ký đọc biên bản; chi bộ thông qua biên bản", Category.PROCEDURE, 5),
]
DOCUMENTS = [
    "Chỉ thị về nâng cao chất lượng sinh hoạt chi bộ",
    "Quy định về chế độ đảng phí",
    "Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng",
    "Quy định về công tác kiểm tra, giám sát và kỷ luật của Đảng",
]


class Command(BaseCommand):
    help = "Bulk-insert a large data set for 'make bench' (50 cells × 25 members × 10 years by default)."

    def add_arguments(self, parser):
        parser.add_argument("--cells", type=int, default=50)
        parser.add_argument("--members", type=int, default=25)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--first-cell", type=int, default=1, help="Number of the first cell created.")
        parser.add_argument("--add", action="store_true", help="Add to a database that already has cells.")

    def handle(self, *args, cells, members, years, first_cell, add, **options):
        if Cell.objects.exists() and not add:
            raise CommandError("The database already has cells: use --add to add more.")
        password = make_password(PASSWORD)  # hashed once: every bench login shares it
        end = date.today().replace(day=1)
        start = date(end.year - years, end.month, 1)
        totals = {"meetings": 0, "tasks": 0, "attendance": 0, "speeches": 0, "documents": 0}
        organisation = self._organisation(first_cell, password)
        with index.paused():
            for n in range(first_cell, first_cell + cells):
                with transaction.atomic():
                    self._cell(n, members, start, end, password, totals, organisation)
        totals["search entries"] = index.rebuild()
        with connection.cursor() as cursor:  # as autovacuum keeps a server in use: fresh statistics, the
            cursor.execute("VACUUM ANALYZE")  # visibility map set, the full-text index's pending entries merged
        self.stdout.write(
            f"{cells} cells × {members} members × {years} years in one đảng bộ: {totals['meetings']} meetings, "
            f"{totals['tasks']} tasks, {totals['attendance']} attendance marks, {totals['speeches']} speeches, "
            f"{totals['documents']} guiding documents, {totals['search entries']} search entries"
        )

    def _organisation(self, first_cell, password) -> Organisation:
        """The đảng bộ above the cells of this run, and its committee's officer."""
        organisation = Organisation.objects.create(
            name=f"Đảng bộ Khối kiểm thử hiệu năng {first_cell}",
            committee_name=f"Đảng ủy Khối kiểm thử hiệu năng {first_cell}",
            superior_name="Đảng bộ Khối các cơ quan tỉnh",
            place_name="Tuyên Quang",
            two_factor_required=False,  # the benchmark measures pages, logging in with the password only
        )
        user = get_user_model().objects.create(username=f"bench-officer{first_cell}", password=password)
        CommitteeOfficer.objects.create(user=user, organisation=organisation, full_name="Lý Văn Sơn", post="Phó Bí thư")
        return organisation

    def _cell(self, n, size, start, end, password, totals, organisation):
        cell = Cell.objects.create(
            name=f"Chi bộ {n}",
            organisation=organisation,
            document_code="CB",
            superior_name=organisation.name,
            place_name="Tuyên Quang",
            term_label="2025–2027",
            term_start=date(2025, 6, 20),
            two_factor_required=False,  # the benchmark measures pages, logging in with the password only
        )
        units = Unit.objects.bulk_create(Unit(cell=cell, name=f"Phòng {u}", position=u) for u in range(1, 4))
        users = get_user_model().objects.bulk_create(
            get_user_model()(username=f"bench{n}-{m}", password=password) for m in range(size)
        )
        roles = [Member.Role.SECRETARY, Member.Role.DEPUTY, Member.Role.COMMITTEE]
        people = Member.objects.bulk_create(
            Member(
                cell=cell,
                user=user,
                full_name=f"Nguyễn Văn {chr(65 + m % 26)}{m}",
                gender=Member.Gender.MALE if m % 2 else Member.Gender.FEMALE,
                date_of_birth=date(1970 + m % 30, 1 + m % 12, 1 + m % 28),
                unit=units[m % 3],
                role=roles[m] if m < 3 else Member.Role.MEMBER,
                admission_date=date(2005, 5, 19),
                official_date=date(2006, 5, 19),
                education_level=Member.Education.BACHELOR,
                qualification="Cử nhân Luật",
                theory_level=Member.Theory.INTERMEDIATE,
            )
            for m, user in enumerate(users)
        )
        level = completion_levels(cell)[2]
        months = []
        month = start
        while month < end:
            months.append(month)
            month = month_after(month)
        meetings = Meeting.objects.bulk_create(
            Meeting(
                cell=cell,
                month=m,
                date=m.replace(day=5),
                start_time=time(14, 0),
                place="Phòng họp",
                chair=people[0],
                minute_taker=people[1],
                status=Meeting.Status.APPROVED,
                agenda_number=i + 1,
                resolution_posted_on=m.replace(day=6),  # reported the next day, as the overview expects
            )
            for i, m in enumerate(months)
        )
        items = AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                section=section,
                position=p,
                title=title,
                category=category,
                planned_minutes=minutes,
                actual_minutes=minutes + p % 3,
                presenter=people[0],
            )
            for meeting in meetings
            for p, (section, title, category, minutes) in enumerate(ITEMS, start=1)
        )
        marks = [
            Attendance(meeting=meeting, member=person, status="present" if (i + k) % 12 else "excused")
            for i, meeting in enumerate(meetings)
            for k, person in enumerate(people)
        ]
        Attendance.objects.bulk_create(marks, batch_size=5000)
        discussion = [item for item in items if item.title.startswith("Thảo luận")]
        speeches = [
            Speech(item=item, member=people[(i * 5 + k) % size], summary="Nhất trí với báo cáo; đề xuất bổ sung.")
            for i, item in enumerate(discussion)
            for k in range(5)
        ]
        Speech.objects.bulk_create(speeches, batch_size=5000)
        # The approved records last: the database refuses rows added under approved minutes (core.frozen).
        MeetingRecord.objects.bulk_create(
            MeetingRecord(
                meeting=meeting,
                opened_at=time(14, 0),
                closed_at=time(16, 10),
                votes_for=size - 3,
                votes_against=0,
                votes_abstain=0,
                vote_base=size - 2,
                minutes_text="\n".join(f"{k}. Nội dung biên bản dòng {k}." for k in range(1, 25))
                + f"\nThu đảng phí tháng {meeting.month:%m/%Y}: đủ.",
                assessment=f"Chi bộ hoàn thành nhiệm vụ tháng {meeting.month:%m/%Y}; thu nộp đảng phí đầy đủ.",
                conclusion="Chi bộ thống nhất.",
                status=MeetingRecord.Status.APPROVED,
                approved_at=datetime.combine(meeting.date, time(9, 0), tzinfo=UTC),  # approved at the meeting
                quality_scores=[{"label": "Chất lượng", "max": 100, "points": 80 + i % 15}],
                minutes_number=i + 1,
                resolution_number=i + 1,
            )
            for i, meeting in enumerate(meetings)
        )
        owners = itertools.cycle(people)
        tasks = []
        for meeting in meetings:
            for k in range(10):
                due = meeting.date + timedelta(days=20 + k)
                late = k == 7
                done = due < date.today()
                tasks.append(
                    Task(
                        cell=cell,
                        title=f"Nhiệm vụ {k + 1} tháng {meeting.month:%m/%Y}",
                        source=Task.Source.RESOLUTION,
                        meeting=meeting,
                        assignee=next(owners),
                        assigned_by=people[0],
                        assigned_on=meeting.date,
                        due_date=due,
                        expected_level=level,
                        state=Task.State.DONE if done else Task.State.OPEN,
                        progress=100 if done else 40,
                        done_on=(due + timedelta(days=3 if late else -1)) if done else None,
                        assessed_level=level if done else None,
                    )
                )
        Task.objects.bulk_create(tasks, batch_size=5000)
        documents = GuidingDocument.objects.bulk_create(  # four a year: ten years of documents to search
            GuidingDocument(
                cell=cell,
                number=f"{k}-CT/TW-{month:%Y%m}",
                issued_on=month.replace(day=10),
                issuer="Ban Chấp hành Trung ương",
                title=DOCUMENTS[k % len(DOCUMENTS)],
                summary=f"Văn bản số {k} năm {month.year}: chi bộ quán triệt và tổ chức thực hiện.",
            )
            for k, month in enumerate(months)
            if month.month % 3 == 1
        )
        totals["meetings"] += len(meetings)
        totals["tasks"] += len(tasks)
        totals["attendance"] += len(marks)
        totals["speeches"] += len(speeches)
        totals["documents"] += len(documents)
