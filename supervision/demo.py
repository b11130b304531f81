"""Demo supervision of Chi bộ 4, through the services: the last three quarters planned, approved,
with findings and reported; the current quarter approved and in progress; two members in the pool."""

from django.utils import timezone

from supervision import services
from supervision.models import SupervisionPlan

STRENGTHS = (
    "Chấp hành tốt nghị quyết của chi bộ; hoàn thành nhiệm vụ được giao đúng thời hạn; gương mẫu trong sinh hoạt."
)
SHORTCOMINGS = {"danghung": "Có thời điểm chậm hoàn thiện hồ sơ kiểm tra; đã khắc phục sau khi được nhắc nhở."}
RECOMMENDATION = "Tiếp tục phát huy; chủ động đề xuất giải pháp nâng cao chất lượng công tác chuyên môn."


def _quarters_back(today, count):
    year, quarter = today.year, (today.month - 1) // 3 + 1
    result = []
    for _ in range(count):
        result.append((year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return list(reversed(result))


def load_supervision(cell, members: dict, chair) -> None:
    if SupervisionPlan.objects.filter(cell=cell).exists():
        return
    usernames = {m.pk: u for u, m in members.items()}
    quarters = _quarters_back(timezone.localdate(), 4)
    for n, (year, quarter) in enumerate(quarters):
        plan = services.plan_propose(cell=cell, year=year, quarter=quarter, by=chair)
        services.plan_approve(plan=plan, by=chair)
        current = n == len(quarters) - 1
        for i, item in enumerate(plan.items.select_related("member", "supervisor")):
            if current and i % 2:
                continue  # the current quarter is under way: half the findings are in
            username = usernames.get(item.member_id, "")
            services.findings_save(
                item=item,
                values={
                    "strengths": STRENGTHS,
                    "shortcomings": SHORTCOMINGS.get(username, "") if n == 0 else "",
                    "recommendations": RECOMMENDATION,
                    "violation_sign": False,
                },
                by=item.supervisor,
                create_violation=False,
            )
        if not current:
            services.plan_report(
                plan=plan,
                summary="Chi ủy đã giám sát đầy đủ các đồng chí đảng viên theo kế hoạch. Nhìn chung các đồng chí "
                "chấp hành tốt nghị quyết, hoàn thành nhiệm vụ được giao; hạn chế được chỉ ra đã được khắc phục.",
                by=chair,
            )
    for username, reason, evidence in [
        ("hoangduc", "Có năng lực chuyên môn vững, uy tín trong đơn vị, nhiều năm hoàn thành xuất sắc nhiệm vụ.",
         "Kết quả giám sát các quý đều tốt; nhiều nhiệm vụ hoàn thành vượt mức yêu cầu; Chiến sĩ thi đua cơ sở."),
        ("dangvien", "Nhiệt tình, trách nhiệm, được đảng viên trong chi bộ tín nhiệm.",
         "Được Viện trưởng khen thưởng; kết quả giám sát tốt."),
    ]:  # fmt: skip
        services.candidate_add(cell=cell, member=members[username], reason=reason, evidence=evidence, by=chair)
