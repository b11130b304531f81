"""The standard order of a regular cell meeting (Hướng dẫn 12-HD/BTCTW §II.1.2 and the
official programme templates; Chỉ thị 50-CT/TW, Hướng dẫn 42-HD/BTCTW). Copied into each
cell's editable ``StandardAgendaItem`` rows the first time the cell prepares a meeting."""

from meetings.models import Category, Section

P, M, B = Category.PROCEDURE, Category.PROFESSIONAL, Category.PARTY
OP, C, K = Section.OPENING, Section.CONTENT, Section.CLOSING

# section, title, category, planned minutes, key
DEFAULT_STANDARD_AGENDA = [
    (OP, "Tuyên bố lý do, giới thiệu đại biểu", P, 2, ""),
    (OP, "Cử thư ký ghi biên bản", P, 1, "minute_taker"),
    (OP, "Thông báo tình hình đảng viên dự họp (có mặt, vắng mặt có lý do, không lý do)", P, 2, "attendance"),
    (OP, "Tình hình thu, nộp đảng phí", P, 2, "dues"),
    (OP, "Thông qua chương trình sinh hoạt", P, 1, ""),
    (C, "Thông tin thời sự, văn bản của cấp trên; học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     B, 10, "news"),
    (C, "Đánh giá kết quả thực hiện công tác chuyên môn trong tháng", M, 20, ""),
    (C, "Đánh giá công tác xây dựng Đảng: tư tưởng, đạo đức, lối sống và việc thực hiện nhiệm vụ của đảng viên",
     B, 10, ""),
    (C, "Kiểm điểm việc thực hiện nghị quyết tháng trước (từng nội dung) và các nhiệm vụ đến hạn", B, 10, "carry_over"),
    (C, "Biểu dương đảng viên tiêu biểu; nhắc nhở, phê bình đảng viên còn hạn chế", B, 5, "praise_criticism"),
    (C, "Thảo luận, tự phê bình và phê bình", B, 20, "discussion"),
    (C, "Phương hướng, nhiệm vụ công tác chuyên môn tháng tới", M, 10, ""),
    (C, "Phương hướng, nhiệm vụ công tác xây dựng Đảng tháng tới", B, 5, ""),
    (K, "Chủ trì kết luận, phân công nhiệm vụ và thời hạn hoàn thành", P, 5, "conclusion"),
    (K, "Biểu quyết thông qua nghị quyết", P, 2, "vote"),
    (K, "Đánh giá, chấm điểm chất lượng buổi sinh hoạt", P, 2, "quality"),
    (K, "Thư ký đọc biên bản; chi bộ thông qua biên bản", P, 5, "minutes"),
    (K, "Bế mạc", P, 1, ""),
]  # fmt: skip

# The meeting quality sheet (local sheets under Hướng dẫn 42-HD/BTCTW), out of 100:
# time 5, attendance 5, preparation 10, conduct 30–40, principles 5, results of the last
# resolution 30, closing 5. Copied into each cell's editable ``ScoringCriterion`` rows.
DEFAULT_SCORING_SHEET = [
    ("Bảo đảm thời gian sinh hoạt", 5),
    ("Tỷ lệ đảng viên dự sinh hoạt", 5),
    ("Công tác chuẩn bị nội dung, dự thảo nghị quyết", 10),
    ("Tiến hành sinh hoạt: nội dung, thảo luận, phê bình và tự phê bình", 40),
    ("Thực hiện nguyên tắc tổ chức, sinh hoạt Đảng", 5),
    ("Kết quả thực hiện nghị quyết tháng trước", 30),
    ("Kết thúc sinh hoạt: kết luận, biểu quyết, thông qua biên bản", 5),
]
