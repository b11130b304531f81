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
