"""The demo cell from the seed article: Chi bộ 4 of the Provincial People's Procuracy
of Tuyên Quang — nine official members, 1 master and 8 bachelors of law, 2 with cao cấp
and 7 with trung cấp political theory — and a second, small cell to prove isolation.
All names are fictional."""

from datetime import date

from django.contrib.auth import get_user_model

from members.models import Cell, CommitteeOfficer, Member, Organisation, Unit
from members.services import cell_join_organisation

DEMO_PASSWORD = "chibo-demo"
SUPERIOR = "Đảng bộ Viện kiểm sát nhân dân tỉnh Tuyên Quang"
SUPERIOR_COMMITTEE = "Đảng ủy Viện KSND tỉnh Tuyên Quang"  # the accepted short form, as its header reads

UNITS = [
    "Phòng Thực hành quyền công tố và kiểm sát xét xử hình sự",
    "Phòng Kiểm sát điều tra",
    "Văn phòng",
]

# username, full name, gender, born, unit index, job title, role, admitted, official,
# education, qualification, theory level
R, E = Member.Role, Member.Education
CELL4_MEMBERS = [
    ("bithu", "Nguyễn Văn An", "male", date(1975, 3, 12), 0, "Trưởng phòng", R.SECRETARY,
     date(2000, 5, 19), date(2001, 5, 19), E.MASTER, "Thạc sĩ Luật", "advanced"),
    ("phobithu", "Trần Thị Bình", "female", date(1979, 8, 2), 1, "Trưởng phòng", R.DEPUTY,
     date(2004, 2, 3), date(2005, 2, 3), E.BACHELOR, "Cử nhân Luật", "advanced"),
    ("chiuy", "Lê Văn Cường", "male", date(1982, 11, 20), 2, "Chánh Văn phòng", R.COMMITTEE,
     date(2008, 9, 2), date(2009, 9, 2), E.BACHELOR, "Cử nhân Luật", "intermediate"),
    ("dangvien", "Phạm Thị Dung", "female", date(1988, 6, 15), 0, "Kiểm sát viên", R.MEMBER,
     date(2012, 12, 22), date(2013, 12, 22), E.BACHELOR, "Cử nhân Luật", "intermediate"),
    ("hoangduc", "Hoàng Minh Đức", "male", date(1985, 1, 9), 0, "Phó Trưởng phòng", R.MEMBER,
     date(2010, 3, 26), date(2011, 3, 26), E.BACHELOR, "Cử nhân Luật", "intermediate"),
    ("vuha", "Vũ Thị Hà", "female", date(1990, 4, 30), 1, "Kiểm sát viên", R.MEMBER,
     date(2015, 7, 27), date(2016, 7, 27), E.BACHELOR, "Cử nhân Luật", "intermediate"),
    ("danghung", "Đặng Quốc Hùng", "male", date(1987, 10, 10), 1, "Kiểm tra viên", R.MEMBER,
     date(2013, 5, 19), date(2014, 5, 19), E.BACHELOR, "Cử nhân Luật", "intermediate"),
    ("builan", "Bùi Thị Lan", "female", date(1992, 2, 14), 2, "Chuyên viên", R.MEMBER,
     date(2018, 2, 3), date(2019, 2, 3), E.BACHELOR, "Cử nhân Luật", "intermediate"),
    ("ngolong", "Ngô Văn Long", "male", date(1984, 9, 5), 2, "Kế toán trưởng", R.MEMBER,
     date(2011, 9, 2), date(2012, 9, 2), E.BACHELOR, "Cử nhân Luật", "intermediate"),
]  # fmt: skip

CELL2_MEMBERS = [
    ("bithu2", "Đỗ Văn Khánh", "male", date(1978, 7, 7), 0, "Trưởng phòng", R.SECRETARY,
     date(2003, 3, 3), date(2004, 3, 3), E.BACHELOR, "Cử nhân Luật", "advanced"),
    ("cb2member1", "Mai Thị Ngọc", "female", date(1991, 12, 1), 0, "Kiểm sát viên", R.MEMBER,
     date(2016, 5, 19), date(2017, 5, 19), E.BACHELOR, "Cử nhân Luật", "intermediate"),
    ("cb2member2", "Lý Văn Phúc", "male", date(1994, 3, 3), 0, "Kiểm tra viên", R.MEMBER,
     date(2020, 9, 2), date(2021, 9, 2), E.BACHELOR, "Cử nhân Luật", "elementary"),
]  # fmt: skip

# The logins make run prints: (username, what it shows).
DEMO_LOGINS = [
    ("bithu", "bí thư — Chi bộ 4"),
    ("chiuy", "chi ủy viên — Chi bộ 4"),
    ("dangvien", "đảng viên — Chi bộ 4"),
    ("bithu2", "bí thư — Chi bộ 2 (a second cell, to check isolation)"),
    ("danguy", "phó bí thư Đảng ủy — the Đảng bộ's overview of its cells (Chi bộ 1–5), read-only"),
]
LOGIN_NAMES = {username for username, _ in DEMO_LOGINS}


def _cell(name: str, units: list[str]) -> tuple[Cell, list[Unit]]:
    cell, _ = Cell.objects.update_or_create(
        name=name,
        defaults={
            "document_code": "CB",
            "superior_name": SUPERIOR,
            "superior_header": "ĐẢNG BỘ VIỆN KSND\nTỈNH TUYÊN QUANG",
            "place_name": "Tuyên Quang",
            "term_label": "2025–2027",
            "term_start": date(2025, 6, 20),
            "two_factor_required": False,  # demo logins stay one step (a real cell keeps the default: on)
        },
    )
    rows = [Unit.objects.get_or_create(cell=cell, name=u, defaults={"position": i})[0] for i, u in enumerate(units)]
    return cell, rows


def _members(cell: Cell, units: list[Unit], rows) -> list[Member]:
    User = get_user_model()
    members = []
    for username, name, gender, born, unit, job, role, admitted, official, edu, qual, theory in rows:
        user, created = User.objects.get_or_create(username=username)
        if created:
            if username in LOGIN_NAMES:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save()
        member, _ = Member.objects.update_or_create(
            user=user,
            defaults={
                "cell": cell,
                "unit": units[unit],
                "full_name": name,
                "gender": gender,
                "date_of_birth": born,
                "job_title": job,
                "role": role,
                "admission_date": admitted,
                "official_date": official,
                "party_card_number": f"{cell.pk:02d}{admitted:%y%m}{born:%d%m}",
                "education_level": edu,
                "qualification": qual,
                "theory_level": theory,
                "is_demo": True,  # refused at login unless DEBUG is on (members.backends)
            },
        )
        members.append(member)
    return members


def load_cell4() -> tuple[Cell, list[Member]]:
    """Chi bộ 4 of the seed article with its nine members; safe to run again."""
    cell4, units4 = _cell("Chi bộ 4", UNITS)
    return cell4, _members(cell4, units4, CELL4_MEMBERS)


def load_cell2() -> Cell:
    """Chi bộ 2, a second cell, to check that cells do not see each other."""
    cell2, units2 = _cell("Chi bộ 2", ["Phòng Kiểm sát án dân sự"])
    _members(cell2, units2, CELL2_MEMBERS)
    return cell2


# Three more small cells of the Đảng bộ, so its committee's overview compares five cells.
SMALL_CELLS = {
    "Chi bộ 1": ("Phòng Kiểm sát thi hành án", [
        ("cb1bithu", "Trịnh Văn Quang", "male", date(1976, 4, 4), 0, "Trưởng phòng", R.SECRETARY,
         date(2002, 5, 19), date(2003, 5, 19), E.BACHELOR, "Cử nhân Luật", "advanced"),
        ("cb1member1", "Đinh Thị Sương", "female", date(1989, 8, 8), 0, "Kiểm sát viên", R.MEMBER,
         date(2014, 2, 3), date(2015, 2, 3), E.BACHELOR, "Cử nhân Luật", "intermediate"),
        ("cb1member2", "Hà Văn Tài", "male", date(1993, 1, 20), 0, "Kiểm tra viên", R.MEMBER,
         date(2019, 9, 2), date(2020, 9, 2), E.BACHELOR, "Cử nhân Luật", "elementary"),
    ]),
    "Chi bộ 3": ("Phòng Thống kê tội phạm và công nghệ thông tin", [
        ("cb3bithu", "Lương Thị Uyên", "female", date(1980, 6, 16), 0, "Trưởng phòng", R.SECRETARY,
         date(2006, 3, 26), date(2007, 3, 26), E.BACHELOR, "Cử nhân Luật", "advanced"),
        ("cb3member1", "Phan Văn Vinh", "male", date(1986, 10, 1), 0, "Chuyên viên", R.MEMBER,
         date(2012, 5, 19), date(2013, 5, 19), E.BACHELOR, "Cử nhân Công nghệ thông tin", "intermediate"),
        ("cb3member2", "Kiều Thị Xoan", "female", date(1995, 12, 12), 0, "Chuyên viên", R.MEMBER,
         date(2021, 3, 26), date(2022, 3, 26), E.BACHELOR, "Cử nhân Luật", "elementary"),
    ]),
    "Chi bộ 5": ("Phòng Kiểm sát giải quyết án hành chính", [
        ("cb5bithu", "Tạ Quang Yên", "male", date(1977, 2, 22), 0, "Trưởng phòng", R.SECRETARY,
         date(2001, 9, 2), date(2002, 9, 2), E.MASTER, "Thạc sĩ Luật", "advanced"),
        ("cb5member1", "Âu Thị Ánh", "female", date(1990, 5, 5), 0, "Kiểm sát viên", R.MEMBER,
         date(2015, 12, 22), date(2016, 12, 22), E.BACHELOR, "Cử nhân Luật", "intermediate"),
        ("cb5member2", "Chu Văn Bảo", "male", date(1988, 7, 17), 0, "Kiểm tra viên", R.MEMBER,
         date(2013, 2, 3), date(2014, 2, 3), E.BACHELOR, "Cử nhân Luật", "intermediate"),
        ("cb5member3", "Nông Thị Cúc", "female", date(1994, 11, 9), 0, "Chuyên viên", R.MEMBER,
         date(2020, 5, 19), date(2021, 5, 19), E.BACHELOR, "Cử nhân Luật", "elementary"),
    ]),
}  # fmt: skip


def load_small_cells() -> list[tuple[Cell, list[Member]]]:
    """Chi bộ 1, 3 and 5, a few members each; safe to run again."""
    loaded = []
    for name, (unit, rows) in SMALL_CELLS.items():
        cell, units = _cell(name, [unit])
        loaded.append((cell, _members(cell, units, rows)))
    return loaded


def load_organisation(cells: list[Cell]) -> Organisation:
    """The Đảng bộ above the demo cells, its committee's officer ``danguy``; each cell joins it (and its header
    names it). Safe to run again."""
    organisation, _ = Organisation.objects.update_or_create(
        name=SUPERIOR,
        defaults={
            "committee_name": SUPERIOR_COMMITTEE,
            "superior_name": "Đảng bộ Khối các cơ quan tỉnh Tuyên Quang",
            "document_code": "ĐU",
            "place_name": "Tuyên Quang",
            "two_factor_required": False,  # the demo logins stay one step (a real organisation keeps it on)
        },
    )
    for cell in cells:
        cell_join_organisation(cell=cell, organisation=organisation)
    user, created = get_user_model().objects.get_or_create(username="danguy")
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    CommitteeOfficer.objects.update_or_create(
        user=user,
        defaults={
            "organisation": organisation,
            "full_name": "Lý Văn Sơn",
            "post": "Phó Bí thư",
            "is_demo": True,  # refused at login unless DEBUG is on (members.backends)
        },
    )
    return organisation
