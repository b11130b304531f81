"""Demo supervision of Chi bộ 4, through the services: the last three quarters planned, approved before
their quarter, with findings that differ from member to member, and reported at the quarter's end; the
current quarter approved and in progress; two members in the pool. Every date follows from the quarter,
so the demo reads the same whatever day it is loaded."""

from datetime import date, timedelta

from django.utils import timezone

from supervision import services
from supervision.models import SupervisionItem, SupervisionPlan

# What each supervisor recorded, per member and per quarter of the demo (0 = the oldest): strengths,
# shortcomings ("" when none), recommendations. Texts a committee member would write, each different.
FINDINGS = {
    "bithu": [
        ("Lãnh đạo chi bộ triển khai kịp thời nghị quyết, chỉ thị của cấp trên; chuẩn bị chu đáo nội dung "
         "sinh hoạt chi bộ hằng tháng", "",
         "Tiếp tục đổi mới nội dung sinh hoạt chi bộ, tăng thời lượng thảo luận"),
        ("Chỉ đạo phòng hoàn thành các chỉ tiêu nghiệp vụ của quý; giữ nghiêm nguyên tắc tập trung dân chủ",
         "Việc kiểm tra, đôn đốc thực hiện nghị quyết chi bộ có lúc chưa thường xuyên",
         "Sau mỗi kỳ sinh hoạt, phân công cụ thể người theo dõi việc thực hiện nghị quyết"),
        ("Gương mẫu thực hiện quy định về nêu gương; chủ động nắm tình hình tư tưởng của đảng viên", "",
         "Quan tâm bồi dưỡng đảng viên trẻ làm nguồn cấp ủy"),
        ("Tổ chức tốt việc sơ kết nhiệm vụ; trực tiếp giải quyết các vụ việc phức tạp của phòng", "",
         "Duy trì nền nếp kiểm tra, giám sát trong chi bộ"),
    ],
    "phobithu": [
        ("Hoàn thành tốt nhiệm vụ kiểm sát xét xử; tích cực tham gia xây dựng nghị quyết chi bộ", "",
         "Phát huy vai trò trong chuẩn bị nội dung sinh hoạt chuyên đề"),
        ("Chuẩn bị chu đáo chuyên đề sinh hoạt quý; được đảng viên đánh giá cao", "",
         "Tiếp tục nghiên cứu, đề xuất chuyên đề gắn với nhiệm vụ chuyên môn"),
        ("Chủ động phối hợp với các phòng nghiệp vụ; giải quyết án đúng thời hạn",
         "Có lúc chưa bố trí được thời gian dự đầy đủ các buổi giao ban của chi ủy",
         "Sắp xếp công việc hợp lý để tham dự đầy đủ giao ban chi ủy"),
        ("Tham gia tích cực phong trào thi đua của đơn vị; nói và làm theo nghị quyết", "",
         "Phát huy kết quả đạt được trong quý"),
    ],
    "chiuy": [
        ("Làm tốt công tác rà soát, cập nhật hồ sơ đảng viên; bảo đảm công tác hậu cần cho đơn vị", "",
         "Hoàn thiện việc số hóa hồ sơ đảng viên trong quý tới"),
        ("Chấp hành nghiêm sự phân công của chi bộ; quản lý tốt tài sản, văn thư của đơn vị",
         "Việc cập nhật thông tin đảng viên trên Sổ tay đảng viên điện tử còn chậm",
         "Cập nhật đầy đủ tài liệu sinh hoạt lên Sổ tay đảng viên điện tử trước mỗi kỳ họp"),
        ("Đã khắc phục việc cập nhật Sổ tay đảng viên điện tử; tham mưu tốt công tác thi đua, khen thưởng", "",
         "Tiếp tục giữ nền nếp cập nhật tài liệu đúng hạn"),
        ("Thực hiện tốt nhiệm vụ chánh văn phòng; tinh thần trách nhiệm cao, đoàn kết với đồng nghiệp", "",
         "Phát huy ưu điểm đã đạt được"),
    ],
    "dangvien": [
        ("Hoàn thành tốt các vụ án được phân công, không có án quá hạn; tác phong chuẩn mực", "",
         "Tiếp tục nâng cao kỹ năng tranh tụng tại phiên tòa"),
        ("Được Viện trưởng tặng Giấy khen; tham gia phiên tòa rút kinh nghiệm đạt chất lượng", "",
         "Chia sẻ kinh nghiệm tranh tụng với kiểm sát viên trẻ trong phòng"),
        ("Tích cực phát biểu, đóng góp ý kiến xây dựng trong sinh hoạt chi bộ", "",
         "Tham gia bồi dưỡng, hướng dẫn đảng viên mới về nghiệp vụ"),
        ("Hoàn thành vượt tiến độ các hồ sơ được giao; lối sống giản dị, gần gũi quần chúng", "",
         "Phát huy vai trò nòng cốt trong phong trào thi đua của phòng"),
    ],
    "hoangduc": [
        ("Hoàn thành xuất sắc nhiệm vụ kiểm sát giải quyết tin báo, tố giác tội phạm", "",
         "Tổng hợp kinh nghiệm phân loại tin báo để phổ biến trong phòng"),
        ("Chủ trì giải quyết dứt điểm các tin báo tồn đọng; được công nhận Chiến sĩ thi đua cơ sở", "",
         "Quan tâm hướng dẫn kiểm sát viên mới trong giải quyết tin báo"),
        ("Có nhiều đề xuất nâng cao chất lượng kháng nghị, kiến nghị", "",
         "Tiếp tục rèn luyện, bồi dưỡng để đáp ứng tiêu chuẩn nguồn cấp ủy"),
        ("Giữ vững chất lượng công tác; gương mẫu chấp hành kỷ luật, kỷ cương công vụ", "",
         "Phát huy vai trò đảng viên nòng cốt của chi bộ"),
    ],
    "vuha": [
        ("Chấp hành tốt nội quy cơ quan; hoàn thành đúng hạn các hồ sơ kiểm sát điều tra", "",
         "Mạnh dạn phát biểu ý kiến trong sinh hoạt chi bộ"),
        ("Hoàn thành nhiệm vụ được giao, phối hợp tốt với cơ quan điều tra",
         "Ý kiến đóng góp trong sinh hoạt chi bộ còn ít, chưa sâu",
         "Chuẩn bị trước ý kiến tham gia vào dự thảo nghị quyết của chi bộ"),
        ("Đã có nhiều ý kiến đóng góp trong sinh hoạt; hoàn thành tốt nhiệm vụ chuyên môn", "",
         "Tiếp tục học tập nâng cao trình độ lý luận chính trị"),
        ("Tích cực tham gia hoạt động đoàn thể; giữ gìn đoàn kết nội bộ", "",
         "Đăng ký học lớp trung cấp lý luận chính trị năm tới"),
    ],
    "danghung": [
        ("Nghiêm túc tiếp thu phê bình của chi bộ, có chuyển biến trong công việc",
         "Chậm hoàn thiện hồ sơ kiểm tra theo kế hoạch, ảnh hưởng tiến độ chung của phòng",
         "Lập kế hoạch công việc theo tuần; báo cáo tiến độ hồ sơ với trưởng phòng"),
        ("Đã khắc phục cơ bản việc chậm hồ sơ; chấp hành sự phân công của chi bộ",
         "Chất lượng một số báo cáo kiểm tra chưa cao, còn phải chỉnh sửa",
         "Tham khảo các báo cáo mẫu; chủ động xin ý kiến trước khi trình"),
        ("Tiến bộ rõ rệt, hoàn thành đúng hạn các hồ sơ kiểm tra được giao", "",
         "Giữ vững tiến độ và chất lượng công việc đã đạt được"),
        ("Hoàn thành tốt nhiệm vụ trong quý; tích cực tham gia sinh hoạt chi bộ", "",
         "Tiếp tục phát huy tinh thần cầu thị"),
    ],
    "builan": [
        ("Nhiệt tình, trách nhiệm trong công tác văn thư, lưu trữ; khiêm tốn học hỏi", "",
         "Tìm hiểu thêm quy định về thể thức văn bản của Đảng"),
        ("Soạn thảo văn bản đúng thể thức, kịp thời; tích cực trong công tác đoàn thanh niên", "",
         "Tham gia lớp bồi dưỡng nghiệp vụ văn thư, lưu trữ"),
        ("Hoàn thành tốt nhiệm vụ được giao, chấp hành nghiêm giờ giấc làm việc",
         "Có lần gửi tài liệu sinh hoạt chi bộ chưa đúng thời hạn một ngày trước kỳ họp",
         "Lập lịch nhắc việc gửi tài liệu trước mỗi kỳ sinh hoạt"),
        ("Đã khắc phục việc gửi tài liệu chậm; hỗ trợ tốt công tác chuẩn bị sinh hoạt chi bộ", "",
         "Tiếp tục rèn luyện để phấn đấu hoàn thành tốt nhiệm vụ"),
    ],
    "ngolong": [
        ("Quản lý tài chính, kế toán của đơn vị đúng quy định; thu nộp đảng phí đầy đủ", "",
         "Công khai tình hình thu, nộp đảng phí tại các kỳ sinh hoạt"),
        ("Hoàn thành quyết toán quý đúng thời hạn, không để xảy ra sai sót",
         "Ít phát biểu ý kiến trong sinh hoạt chi bộ",
         "Tích cực tham gia ý kiến, nhất là về công tác tài chính, đảng phí"),
        ("Thực hiện tốt chế độ, chính sách cho cán bộ; chấp hành tốt nghị quyết chi bộ", "",
         "Nghiên cứu các quy định mới về quản lý tài chính, đảng phí"),
        ("Đã tích cực phát biểu trong sinh hoạt; hoàn thành tốt nhiệm vụ chuyên môn", "",
         "Phát huy ưu điểm trong quý tiếp theo"),
    ],
}  # fmt: skip

# A content of its own for a member in a quarter (the others keep the cell's usual content).
CONTENTS = {
    ("danghung", 0): "Việc khắc phục hạn chế chậm hoàn thiện hồ sơ kiểm tra đã được chi bộ phê bình; việc thực "
    "hiện nhiệm vụ được chi bộ phân công",
    ("builan", 1): "Việc thực hiện nhiệm vụ chuyên môn và trách nhiệm nêu gương của đảng viên trẻ; việc tham gia "
    "sinh hoạt chi bộ",
    ("hoangduc", 2): "Việc thực hiện nhiệm vụ được chi bộ phân công và việc rèn luyện, phấn đấu của đồng chí "
    "trong diện quy hoạch nguồn cấp ủy",
}

CONCLUSIONS = [
    "Các đồng chí đảng viên được giám sát chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp "
    "luật của Nhà nước và nghị quyết của chi bộ; hoàn thành nhiệm vụ được giao. Đồng chí Đặng Quốc Hùng đã "
    "tiếp thu phê bình, bước đầu khắc phục việc chậm hoàn thiện hồ sơ kiểm tra.",
    "Nhìn chung các đồng chí đảng viên giữ vững phẩm chất chính trị, đạo đức, lối sống, hoàn thành nhiệm vụ "
    "được giao. Còn một số hạn chế: việc đôn đốc thực hiện nghị quyết chưa thường xuyên; cập nhật tài liệu lên "
    "Sổ tay đảng viên điện tử còn chậm; các đồng chí Vũ Thị Hà, Ngô Văn Long ít tham gia ý kiến trong sinh "
    "hoạt; chất lượng một số báo cáo kiểm tra của đồng chí Đặng Quốc Hùng chưa cao.",
    "Các hạn chế được chỉ ra trong quý trước cơ bản đã được khắc phục; các đồng chí đảng viên hoàn thành tốt "
    "nhiệm vụ chuyên môn và nhiệm vụ chi bộ phân công, không có đảng viên vi phạm những điều đảng viên không "
    "được làm. Đồng chí Trần Thị Bình chưa dự đầy đủ giao ban chi ủy; đồng chí Bùi Thị Lan có lần gửi tài liệu "
    "sinh hoạt chậm.",
]
RECOMMENDATIONS = [
    "Chi bộ tiếp tục theo dõi việc khắc phục hạn chế của đồng chí Đặng Quốc Hùng, đánh giá lại trong quý tới. "
    "Đề nghị các đồng chí đảng viên tăng cường tự phê bình và phê bình trong sinh hoạt.",
    "Đề nghị chi bộ giao đồng chí Lê Văn Cường đôn đốc việc đăng tài liệu sinh hoạt lên Sổ tay đảng viên "
    "điện tử trước kỳ họp ít nhất một ngày; các đồng chí đảng viên chuẩn bị ý kiến tham gia trước mỗi kỳ "
    "sinh hoạt; sau mỗi kỳ sinh hoạt phân công người theo dõi việc thực hiện nghị quyết.",
    "Đề nghị chi bộ biểu dương các đồng chí Hoàng Minh Đức, Phạm Thị Dung, Đặng Quốc Hùng về những tiến bộ "
    "trong quý; tiếp tục bồi dưỡng đồng chí Hoàng Minh Đức làm nguồn cấp ủy; nhắc các đồng chí Trần Thị Bình, "
    "Bùi Thị Lan khắc phục hạn chế đã chỉ ra.",
]


def _quarters_back(today, count):
    year, quarter = today.year, (today.month - 1) // 3 + 1
    result = []
    for _ in range(count):
        result.append((year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return list(reversed(result))


def working_day_before(day: date) -> date:
    """``day``, or the Friday before when it falls on a weekend."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def load_supervision(cell, members: dict, chair) -> None:
    if SupervisionPlan.objects.filter(cell=cell).exists():
        return
    usernames = {m.pk: u for u, m in members.items()}
    today = timezone.localdate()
    quarters = _quarters_back(today, 4)
    for n, (year, quarter) in enumerate(quarters):
        plan = services.plan_propose(cell=cell, year=year, quarter=quarter, by=chair)
        start, end = plan.bounds
        own = [
            (item, {"content": CONTENTS[(usernames.get(item.member_id), n)]}, False)
            for item in plan.items.all()
            if (usernames.get(item.member_id), n) in CONTENTS
        ]
        if own:
            services.plan_save(plan=plan, fields={}, items=own, by=chair)
        # The committee approves the plan at its meeting a few days before the quarter begins.
        services.plan_approve(plan=plan, by=chair, on=working_day_before(start - timedelta(days=6)))
        current = n == len(quarters) - 1
        for i, item in enumerate(plan.items.select_related("member", "supervisor")):
            if current and i % 2:
                continue  # the current quarter is under way: half the findings are in
            strengths, shortcomings, recommendation = FINDINGS[usernames[item.member_id]][n]
            services.findings_save(
                item=item,
                values={
                    "strengths": strengths + ".",
                    "shortcomings": shortcomings + "." if shortcomings else "",
                    "recommendations": recommendation + ".",
                    "violation_sign": False,
                },
                by=item.supervisor,
                create_violation=False,
            )
            recorded = working_day_before(min(today, item.report_due - timedelta(days=i % 4)))
            SupervisionItem.objects.filter(pk=item.pk).update(findings_on=max(recorded, start))
        if not current:
            services.plan_report(
                plan=plan,
                summary=CONCLUSIONS[n],
                recommendations=RECOMMENDATIONS[n],
                on=working_day_before(end - timedelta(days=2)),
                by=chair,
            )
    for username, reason, evidence in [
        ("hoangduc", "Có năng lực chuyên môn vững, uy tín trong đơn vị, nhiều năm hoàn thành xuất sắc nhiệm vụ.",
         "Kết quả giám sát các quý đều tốt; nhiều nhiệm vụ hoàn thành vượt mức yêu cầu; Chiến sĩ thi đua cơ sở."),
        ("dangvien", "Nhiệt tình, trách nhiệm, được đảng viên trong chi bộ tín nhiệm.",
         "Được Viện trưởng khen thưởng; kết quả giám sát tốt."),
    ]:  # fmt: skip
        services.candidate_add(cell=cell, member=members[username], reason=reason, evidence=evidence, by=chair)
