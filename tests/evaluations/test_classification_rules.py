"""Each rule of the yearly classification (QĐ 366-QĐ/TW as ../shared/domain.md gives it), one member a rule.

The levels are the cell's defaults: Hoàn thành xuất sắc nhiệm vụ (≥ 90 points, every task on time,
≥ 30 % of tasks above the expected level, every shortcoming remedied, no discipline), Hoàn thành tốt
nhiệm vụ (≥ 70, every task on time, no discipline), Hoàn thành nhiệm vụ (≥ 50), Không hoàn thành
nhiệm vụ. Points: 30 for the common criteria less the deductions, 70 for the tasks (on time counts
whole, late half; a year without counted tasks earns them by attendance). Each case asserts the level
proposed and the reason shown for every better level; removing any one rule fails a case.
"""

from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from assignments import services as task_services
from evaluations import services
from evaluations.models import Violation
from evaluations.selectors import YearRecord, _propose, year_records
from tests.factories import make_task, make_violation

XS, TOT, HT, KHT = (
    "Hoàn thành xuất sắc nhiệm vụ",
    "Hoàn thành tốt nhiệm vụ",
    "Hoàn thành nhiệm vụ",
    "Không hoàn thành nhiệm vụ",
)
LATE = "có nhiệm vụ không hoàn thành đúng hạn"
DISCIPLINE = "bị kỷ luật đảng trong năm"


def light(remedied: bool):
    return SimpleNamespace(is_discipline=False, handling="criticism", is_remedied=remedied)


def heavy():
    return SimpleNamespace(is_discipline=True, handling="reprimand", is_remedied=True)


def tasks(on_time=0, late=0, exceeding=0):
    return {"on_time": on_time, "late": late, "exceeding": exceeding}


def attendance(attended, meetings):
    return {"attended": attended, "meetings": meetings}


# name, cell settings, the record, points, the level proposed, the reasons shown (in Vietnamese)
CASES = [
    ("every condition of the top level", {}, {**tasks(3, exceeding=1)}, 100, XS, []),
    (
        "100 points with one late task",
        {},
        {**tasks(140, late=1, exceeding=60)},
        100,
        HT,
        [f"{XS}: {LATE}", f"{TOT}: {LATE}"],
    ),
    (
        "a 29 % exceeding share",
        {},
        {**tasks(100, exceeding=29)},
        100,
        TOT,
        [f"{XS}: nhiệm vụ hoàn thành vượt mức 29%, chưa đạt 30%"],
    ),
    ("a 30 % exceeding share", {}, {**tasks(10, exceeding=3)}, 100, XS, []),
    (
        "an unremedied light violation",
        {},
        {**tasks(3, exceeding=3), "violations": [light(remedied=False)]},
        97,
        TOT,
        [f"{XS}: còn hạn chế, khuyết điểm chưa khắc phục"],
    ),
    ("a remedied light violation", {}, {**tasks(3, exceeding=3), "violations": [light(remedied=True)]}, 97, XS, []),
    (
        "discipline only",
        {"rating_discipline_deduction": 0},
        {**tasks(3, exceeding=3), "violations": [heavy()]},
        100,
        HT,
        [f"{XS}: {DISCIPLINE}", f"{TOT}: {DISCIPLINE}"],
    ),
    (
        "90 points",
        {"rating_light_deduction": 10},
        {**tasks(3, exceeding=1), "violations": [light(remedied=True)]},
        90,
        XS,
        [],
    ),
    (
        "89 points",
        {"rating_light_deduction": 11},
        {**tasks(3, exceeding=1), "violations": [light(remedied=True)]},
        89,
        TOT,
        [f"{XS}: dưới 90 điểm"],
    ),
    (
        "70 points",
        {},
        attendance(4, 7),
        70,
        TOT,
        [f"{XS}: dưới 90 điểm; nhiệm vụ hoàn thành vượt mức 0%, chưa đạt 30%"],
    ),
    (
        "69 points",
        {},
        attendance(39, 70),
        69,
        HT,
        [f"{XS}: dưới 90 điểm; nhiệm vụ hoàn thành vượt mức 0%, chưa đạt 30%", f"{TOT}: dưới 70 điểm"],
    ),
    (
        "50 points",
        {},
        attendance(2, 7),
        50,
        HT,
        [f"{XS}: dưới 90 điểm; nhiệm vụ hoàn thành vượt mức 0%, chưa đạt 30%", f"{TOT}: dưới 70 điểm"],
    ),
    (
        "49 points",
        {},
        attendance(19, 70),
        49,
        KHT,
        [
            f"{XS}: dưới 90 điểm; nhiệm vụ hoàn thành vượt mức 0%, chưa đạt 30%",
            f"{TOT}: dưới 70 điểm",
            f"{HT}: dưới 50 điểm",
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "cell_settings", "fields", "points", "level", "reasons"), CASES, ids=[c[0] for c in CASES]
)
def test_it_proposes_the_level_each_rule_gives(name, cell_settings, fields, points, level, reasons, cell):
    for key, value in cell_settings.items():
        setattr(cell, key, value)
    record = YearRecord(member=None, **fields)
    with translation.override("vi"):
        _propose(record, cell, services.rating_levels(cell))
        assert (record.points, record.proposed.label) == (points, level)
        assert record.reasons == reasons


def test_it_counts_a_task_not_yet_due_neither_for_nor_against(cell, secretary, member):
    """On 1/6/2026: one task done on time in March; one due in July, not done yet; one overdue since May."""
    levels = services.rating_levels(cell)
    done = make_task(cell, member, assigned_on=date(2026, 3, 1), due_date=date(2026, 3, 20))
    task_services.progress_report(task=done, by=member, percent=100, note="", on=date(2026, 3, 18), done=True)
    task_services.task_assess(task=done, by=secretary, level=task_services.completion_levels(cell)[0], comment="")
    make_task(cell, member, assigned_on=date(2026, 5, 1), due_date=date(2026, 7, 15))
    [record] = [r for r in year_records(cell, 2026, levels, today=date(2026, 6, 1)) if r.member == member]
    assert (record.tasks_total, record.on_time, record.overdue, record.points) == (2, 1, 0, 100)
    assert record.proposed == levels[0]
    make_task(cell, member, assigned_on=date(2026, 4, 1), due_date=date(2026, 5, 10))
    [record] = [r for r in year_records(cell, 2026, levels, today=date(2026, 6, 1)) if r.member == member]
    assert (record.overdue, record.task_points, record.proposed) == (1, 35, levels[2])  # 70 × 1 / 2
    with translation.override("vi"):
        assert record.reasons == [f"{XS}: dưới 90 điểm; {LATE}", f"{TOT}: dưới 70 điểm; {LATE}"]


def test_it_shows_the_reason_on_the_classification_page(client_for, cell, committee, member):
    make_violation(member, handling=Violation.Handling.WARNING, found_on=date(2026, 4, 1), result="Đã khắc phục")
    page = client_for(committee).get(reverse("evaluations:classification", args=[2026])).content.decode()
    row = page.split(member.full_name, 1)[1].split("</tr>", 1)[0]
    assert "85" in row and "15+70" in row
    assert f"Chưa đạt mức {XS}: dưới 90 điểm; nhiệm vụ hoàn thành vượt mức 0%, chưa đạt 30%; {DISCIPLINE}" in row
    assert f"Chưa đạt mức {TOT}: {DISCIPLINE}" in row
