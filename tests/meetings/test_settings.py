"""The cell's standard order and its document format are data the secretary changes in the browser."""

from datetime import date

from django.urls import reverse

from documents import services as document_services
from documents.format import format_for
from documents.models import DocumentCounter, DocumentFormat, DocumentType
from meetings import services
from meetings.models import ScoringCriterion, StandardAgendaItem
from meetings.standard_agenda import DEFAULT_SCORING_SHEET
from members.models import AuditEntry
from tests.factories import make_meeting
from tests.pdfs import assert_a4_with_embedded_fonts, leftmost_text_mm, read_pdf


def _format_data(cell, **overrides):
    profile = format_for(cell)
    data = {name: getattr(profile, name) for name in DocumentFormatFields}
    data.update({f"next_{code}": n for code, n in document_services.document_counters(cell).items()})
    data.update(overrides)
    return data


DocumentFormatFields = [
    f.name for f in DocumentFormat._meta.get_fields() if f.concrete and f.name not in {"id", "cell"}
]


def test_it_prepares_meetings_from_the_edited_standard_order(client_for, secretary, cell):
    client = client_for(secretary)
    client.get(reverse("meetings:standard"))  # seeds the default order
    response = client.post(
        reverse("meetings:standard"),
        {
            "step-section": 2,
            "step-title": "Học tập Chỉ thị 50-CT/TW",
            "step-category": "party",
            "step-default_minutes": 15,
        },
    )
    assert response.status_code == 302
    step = StandardAgendaItem.objects.get(cell=cell, title="Học tập Chỉ thị 50-CT/TW")
    client.post(reverse("meetings:standard_up", args=[step.pk]))
    content = list(StandardAgendaItem.objects.filter(cell=cell, section=2).values_list("title", flat=True))
    assert content.index("Học tập Chỉ thị 50-CT/TW") == len(content) - 2  # moved one place up
    first = StandardAgendaItem.objects.filter(cell=cell).first()
    client.post(reverse("meetings:standard_delete", args=[first.pk]))

    meeting = services.meeting_prepare(cell=cell, month=date(2027, 1, 1), by=secretary.user)
    titles = list(meeting.items.values_list("title", flat=True))
    assert "Học tập Chỉ thị 50-CT/TW" in titles
    assert first.title not in titles
    assert AuditEntry.objects.filter(cell=cell, object_repr=first.title, action="delete").exists()


def test_it_rejects_a_bad_standard_step_and_keeps_what_was_typed(client_for, secretary, cell):
    response = client_for(secretary).post(
        reverse("meetings:standard"),
        {"step-section": 2, "step-title": "Thảo luận dài", "step-category": "party", "step-default_minutes": 700},
    )
    assert response.status_code == 200
    assert "Mỗi nội dung tối đa 600 phút." in response.content.decode()
    assert 'value="Thảo luận dài"' in response.content.decode()


def test_it_refuses_another_cells_step(client_for, outsider, secretary, meeting):
    step = meeting.cell.standard_agenda.first()
    response = client_for(outsider).post(reverse("meetings:standard_edit", args=[step.pk]), {"title": "x"})
    assert response.status_code == 404
    step.refresh_from_db()
    assert step.title != "x"


def test_it_lays_out_the_pdf_with_the_cells_format(client_for, secretary, published_meeting):
    client = client_for(secretary)
    url = reverse("meetings:agenda_pdf", args=[published_meeting.pk])
    reader, _text = read_pdf(client.get(url).content)
    before = leftmost_text_mm(reader)

    cell = published_meeting.cell
    response = client.post(reverse("meetings:format"), _format_data(cell, margin_left_mm=40, for_committee="T/M BCH"))
    assert response.status_code == 302
    reader, text = read_pdf(client.get(url).content)
    assert round(leftmost_text_mm(reader) - before) == 10  # HD 36's 30 mm became 40 mm
    entry = AuditEntry.objects.get(cell=cell, content_type__model="documentformat")
    assert entry.changes["margin_left_mm"] == [30, 40]


def test_it_numbers_programmes_per_term_from_a_settable_start(client_for, secretary, cell):
    client = client_for(secretary)
    response = client.post(reverse("meetings:format"), _format_data(cell, next_CTr=7))
    assert response.status_code == 302
    meeting = make_meeting(cell, month=date(2027, 2, 1))
    services.meeting_publish(meeting=meeting, by=secretary.user)
    assert meeting.agenda_number == 7
    _reader, text = read_pdf(client.get(reverse("meetings:agenda_pdf", args=[meeting.pk])).content)
    assert "Số 07-CTr/CB" in text
    assert document_services.document_counters(cell)[DocumentType.PROGRAMME] == 8

    cell.term_label = "2025–2030"  # a new committee term starts again from 01
    cell.save()
    assert document_services.document_number_take(cell=cell, doc_type=DocumentType.PROGRAMME) == 1
    assert DocumentCounter.objects.filter(cell=cell, doc_type="CTr").count() == 2


def test_it_rejects_a_bad_format_and_keeps_what_was_typed(client_for, secretary, cell):
    response = client_for(secretary).post(
        reverse("meetings:format"), _format_data(cell, margin_left_mm=0, next_BB=0, party_name="ĐẢNG CỘNG SẢN VN")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Số bắt đầu từ 1." in page
    assert 'value="ĐẢNG CỘNG SẢN VN"' in page
    assert format_for(cell).margin_left_mm == 30


def test_it_scores_the_next_meeting_on_the_edited_sheet_and_keeps_the_old_score(
    client_for, secretary, cell, held_meeting, approved_meeting
):
    client = client_for(secretary)
    page = client.get(reverse("meetings:scoring")).content.decode()
    assert "Bảng chấm điểm có tổng cộng 100 điểm." in page  # the default HD 42 sheet
    before = approved_meeting.record.quality_scores
    first = ScoringCriterion.objects.filter(cell=cell).first()

    response = client.post(reverse("meetings:scoring"), {"step-label": "  Học tập  nghị quyết ", "step-max_points": 5})
    assert response.status_code == 302
    added = ScoringCriterion.objects.get(cell=cell, label="Học tập nghị quyết")
    client.post(reverse("meetings:scoring_edit", args=[first.pk]), {"label": first.label, "max_points": 5})
    client.post(reverse("meetings:scoring_up", args=[added.pk]))
    labels = list(ScoringCriterion.objects.filter(cell=cell).values_list("label", flat=True))
    assert labels.index("Học tập nghị quyết") == len(labels) - 2

    page = client.get(reverse("meetings:scoring")).content.decode()
    first_before = dict(DEFAULT_SCORING_SHEET)[first.label]
    assert f"Bảng chấm điểm có tổng cộng {100 - first_before + 5 + 5} điểm." in page
    form = client.get(reverse("meetings:resolution", args=[held_meeting.pk])).content.decode()
    assert "Học tập nghị quyết" in form
    assert f'name="score_{added.pk}"' in form and 'max="5"' in form

    approved_meeting.record.refresh_from_db()
    assert approved_meeting.record.quality_scores == before  # scored meetings keep their sheet
    assert AuditEntry.objects.filter(cell=cell, object_repr="Học tập nghị quyết", action="create").exists()
    assert AuditEntry.objects.filter(cell=cell, object_repr=first.label, action="update").exists()


def test_it_warns_when_the_sheet_does_not_add_up_to_100(client_for, secretary, cell):
    client = client_for(secretary)
    assert "không cộng đủ 100 điểm" not in client.get(reverse("meetings:scoring")).content.decode()
    last = services.scoring_sheet(cell)[-1]
    client.post(reverse("meetings:scoring_delete", args=[last.pk]))
    assert not ScoringCriterion.objects.filter(pk=last.pk).exists()
    page = client.get(reverse("meetings:scoring")).content.decode()
    assert "không cộng đủ 100 điểm" in page
    assert f"Bảng chấm điểm có tổng cộng {100 - last.max_points} điểm." in page


def test_it_rejects_a_bad_criterion_and_keeps_what_was_typed(client_for, secretary, cell):
    client = client_for(secretary)
    for points, message in [(0, "Mỗi tiêu chí ít nhất 1 điểm."), (150, "Mỗi tiêu chí tối đa 100 điểm.")]:
        response = client.post(reverse("meetings:scoring"), {"step-label": "Tiêu chí mới", "step-max_points": points})
        assert response.status_code == 200
        assert message in response.content.decode()
        assert 'value="Tiêu chí mới"' in response.content.decode()
    response = client.post(reverse("meetings:scoring"), {"step-label": "   ", "step-max_points": 5})
    assert "Nhập nội dung tiêu chí chấm điểm." in response.content.decode()
    assert not ScoringCriterion.objects.filter(cell=cell, label="Tiêu chí mới").exists()


def test_it_refuses_another_cells_criterion(client_for, outsider, cell):
    criterion = services.scoring_sheet(cell)[0]
    response = client_for(outsider).post(
        reverse("meetings:scoring_edit", args=[criterion.pk]), {"label": "x", "max_points": 1}
    )
    assert response.status_code == 404
    criterion.refresh_from_db()
    assert criterion.label != "x"


def test_it_embeds_the_fonts_with_production_static_files(client_for, secretary, published_meeting, settings, tmp_path):
    """With DEBUG off, {% static %} gives hashed names from STATIC_ROOT: the PDF must still find its fonts."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {  # Django rebuilds the static storage when this setting changes
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    response = client_for(secretary).get(reverse("meetings:agenda_pdf", args=[published_meeting.pk]))
    reader, _text = read_pdf(response.content)
    assert_a4_with_embedded_fonts(reader)  # and no "cannot be loaded" warning (autouse fixture)


def test_it_refuses_a_work_grade_the_cell_already_has_with_a_message(client_for, secretary):
    """Found by the fuzz test: a second grade "A" broke the unique constraint (a 500)."""
    client = client_for(secretary)
    url = reverse("meetings:grades")
    client.get(url)  # the defaults are copied into the cell
    response = client.post(url, {"step-code": "A", "step-label": "Hoàn thành tốt"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chi bộ đã có mức A." in html and 'value="Hoàn thành tốt"' in html


def test_it_shows_a_history_whose_text_only_looks_like_a_date(client_for, secretary, member):
    """Found by the fuzz test: "2026-13-45" typed in a text field broke the history (a 500)."""
    from django.contrib.contenttypes.models import ContentType

    from members.models import AuditEntry

    AuditEntry.objects.create(
        cell=member.cell,
        actor=secretary.user,
        action=AuditEntry.Action.UPDATE,
        content_type=ContentType.objects.get_for_model(member),
        object_id=member.pk,
        object_repr=str(member),
        changes={"qualification": ["2026-02-28", "2026-13-45"]},
    )
    response = client_for(secretary).get(reverse("members:detail", args=[member.pk]))
    assert response.status_code == 200
    assert "28/02/2026" in response.content.decode() and "2026-13-45" in response.content.decode()
