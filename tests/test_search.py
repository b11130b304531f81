"""The search box: what each persona finds (never more than they may open), Vietnamese folding,
ranking, bad input, the index kept up to date and its GIN index."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from chibo.models import SearchEntry
from chibo.search.text import fold, highlight, tokens, tsquery
from meetings import services as meeting_services
from meetings.models import AgendaItem
from members.models import Member
from supervision import services as supervision_services
from tests.factories import (
    make_cell,
    make_document,
    make_meeting,
    make_member,
    make_organisation,
    make_recorded_meeting,
    make_supervision,
    make_task,
)

RESULT = re.compile(r'<a class="fw-semibold" href="([^"]+)">')


@pytest.fixture
def archive(cell, unit, secretary, committee, member, outsider, django_capture_on_commit_callbacks):
    """A cell's records of every kind, with what each persona may and may not read."""
    other = make_member(cell, username="other", full_name="Trần Thị Hoa", unit=unit)
    approved = make_recorded_meeting(cell, month=date(2026, 10, 1), by=secretary.user, approve=True)
    held = make_recorded_meeting(cell, month=date(2026, 11, 1), by=secretary.user)  # draft minutes
    with django_capture_on_commit_callbacks(execute=True):  # the agenda is written after the meeting
        draft = make_meeting(cell, month=date(2026, 12, 1))
    secret_item = draft.items.filter(section=2).first()
    secret_item.title = "Chuẩn bị nhân sự đại hội chi bộ"
    secret_item.save()
    documents = {
        "fees": make_document(cell, number="01-QĐ/TW", title="Quy định về chế độ đảng phí"),
        "other": make_document(cell, number="02-CT/TW", title="Chỉ thị về công tác cán bộ", summary="Nhắc đảng phí."),
        "outside": make_document(outsider.cell, number="03-QĐ/TW", title="Quy định thu đảng phí của chi bộ khác"),
    }
    own_task = make_task(cell, member, title="Thu đảng phí quý IV của tổ")
    other_task = make_task(cell, other, title="Thu đảng phí quý III của tổ")
    supervision = make_supervision(cell, secretary, committee, member)
    item = supervision["sup_item"]
    supervision_services.findings_save(
        item=item,
        values={"strengths": "Gương mẫu đóng đảng phí", "shortcomings": "", "recommendations": ""},
        by=committee,
        create_violation=False,
    )
    other_item = supervision["plan"].items.get(member=other)
    supervision_services.findings_save(
        item=other_item,
        values={"strengths": "", "shortcomings": "Chậm nộp đảng phí", "recommendations": ""},
        by=secretary,
        create_violation=False,
    )
    return {
        "approved": approved,
        "held": held,
        "draft": draft,
        "secret_item": secret_item,
        "own_task": own_task,
        "other_task": other_task,
        "finding": item,
        "other_finding": other_item,
        "plan": supervision["plan"],
        **documents,
    }


def found(client, query, **filters) -> list[str]:
    response = client.get(reverse("search"), {"q": query, **filters})
    assert response.status_code == 200
    return RESULT.findall(response.content.decode())


def urls(archive) -> dict[str, str]:
    a = archive
    return {
        "minutes": reverse("meetings:minutes", args=[a["approved"].pk]),
        "resolution": reverse("meetings:resolution", args=[a["approved"].pk]),
        "draft minutes": reverse("meetings:minutes", args=[a["held"].pk]),
        "draft resolution": reverse("meetings:resolution", args=[a["held"].pk]),
        "draft agenda": reverse("meetings:detail", args=[a["draft"].pk]),
        "own task": reverse("assignments:detail", args=[a["own_task"].pk]),
        "other task": reverse("assignments:detail", args=[a["other_task"].pk]),
        "plan": reverse("supervision:plan", args=[a["plan"].pk]),
        "fees": reverse("meetings:documents") + "?q=01-Q%C4%90%2FTW",
        "outside": reverse("meetings:documents") + "?q=03-Q%C4%90%2FTW",
    }


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get(reverse("search"), {"q": "đảng phí"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_it_finds_for_a_member_only_what_the_member_may_open(archive, client_for, member):
    client, u = client_for(member), urls(archive)
    fees = found(client, "dang phi")
    assert u["fees"] in fees and u["own task"] in fees
    assert u["plan"] in fees  # the findings about them
    assert u["other task"] not in fees and u["outside"] not in fees
    page = client.get(reverse("search"), {"q": "dang phi"}).content.decode()
    assert "Chậm nộp" not in page  # another member's finding
    assert u["minutes"] in found(client, "bien ban thang 10")
    assert u["resolution"] in found(client, "nghi quyet thang 10")
    assert u["draft minutes"] not in found(client, "bien ban thang 11")  # the November minutes are a draft
    assert u["draft resolution"] not in found(client, "nghi quyet thang 11")
    assert u["draft agenda"] not in found(client, "chuan bi nhan su dai hoi")  # an unpublished agenda
    assert not found(client, "chuan bi nhan su dai hoi")


def test_it_finds_for_the_committee_drafted_agendas_every_task_and_finding(archive, client_for, committee):
    client, u = client_for(committee), urls(archive)
    fees = found(client, "đảng phí")
    assert {u["fees"], u["own task"], u["other task"], u["plan"]} <= set(fees)
    assert u["outside"] not in fees
    assert u["draft agenda"] in found(client, "chuan bi nhan su dai hoi")
    assert "Chậm nộp" in client.get(reverse("search"), {"q": "dang phi"}).content.decode()
    assert not {u["draft minutes"], u["draft resolution"]} & set(found(client, "bien ban nghi quyet"))


def test_it_finds_for_the_secretary_what_the_committee_finds(archive, client_for, secretary):
    client, u = client_for(secretary), urls(archive)
    assert {u["fees"], u["own task"], u["other task"], u["plan"]} <= set(found(client, "dang phi"))
    assert u["minutes"] in found(client, "bien ban thang 10")
    assert u["draft minutes"] not in found(client, "bien ban thang 11")


def test_it_finds_for_an_outsider_only_their_own_cell(archive, client_for, outsider):
    u = urls(archive)
    assert found(client_for(outsider), "dang phi") == [u["outside"]]
    assert not found(client_for(outsider), "bien ban thang 10")


def test_it_matches_without_accents_and_with_them(archive, client_for, secretary):
    client, u = client_for(secretary), urls(archive)
    for query in ["dang phi", "ĐẢNG PHÍ", "đảng phí", "Dang Phi", "đang phi"]:
        assert u["fees"] in found(client, query), query
    assert u["minutes"] in found(client, "Biên bản tháng 10")
    assert u["fees"] in found(client, "quy dinh dang ph")  # the last word as the start of a word


def test_it_ranks_a_title_match_above_a_mention_in_the_text(archive, client_for, member):
    results = found(client_for(member), "dang phi", kind="document")
    assert results[0] == urls(archive)["fees"]
    other = reverse("meetings:documents") + "?q=02-CT%2FTW"
    assert other in results and results.index(other) > 0


def test_it_filters_by_kind_and_year(archive, client_for, secretary):
    client, u = client_for(secretary), urls(archive)
    assert set(found(client, "dang phi", kind="task")) == {u["own task"], u["other task"]}
    other = reverse("meetings:documents") + "?q=02-CT%2FTW"
    assert set(found(client, "dang phi", kind="document", year=2025)) == {u["fees"], other}
    assert not found(client, "bien ban thang 10", year=2025)
    assert u["minutes"] in found(client, "bien ban thang 10", year=2026)


def test_it_highlights_matches_and_escapes_everything(cell, client_for, secretary):
    title = "Hướng dẫn <script>alert(1)</script> về đảng phí"
    make_document(cell, number="9-HD/TW", title=title, summary="<b>đảng</b> phí & quỹ")
    page = client_for(secretary).get(reverse("search"), {"q": "dang phi"}).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; về <mark>đảng</mark>" in page
    assert "&lt;b&gt;<mark>đảng</mark>&lt;/b&gt; <mark>phí</mark> &amp; quỹ" in page


@pytest.mark.parametrize(
    "query",
    ["", "   ", "& | ! : * ( ) ' \\", "'; DROP TABLE chibo_searchentry; --", "a:* & !b | (c", "<>", "x" * 199],
)
def test_it_answers_bad_input_with_a_message_or_nothing(archive, client_for, member, query):
    response = client_for(member).get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert SearchEntry.objects.exists()


def test_a_search_that_finds_nothing_says_so(archive, client_for, member, officer, federation):
    for person in (member, officer):
        page = client_for(person).get(reverse("search"), {"q": "khongcotutrongnay"}).content.decode()
        assert "0 kết quả" in page and "Không tìm thấy. Hãy thử ít từ hơn" in page


def test_it_refuses_a_query_too_long_with_a_message(archive, client_for, member):
    response = client_for(member).get(reverse("search"), {"q": "đảng phí " * 1250})
    assert response.status_code == 200
    page = response.content.decode()
    assert "invalid-feedback" in page and "200" in page.split("invalid-feedback")[1][:300]


def test_it_answers_an_empty_query_with_a_hint(archive, client_for, member):
    response = client_for(member).get(reverse("search"), {"q": ""})
    assert response.status_code == 200
    assert "Nhập một hoặc vài từ để tìm" in response.content.decode()


def test_a_filter_without_words_lists_the_records_newest_first(archive, federation, client_for, officer, cell, member):
    """The drill-down's link (a cell, no words) lists that cell's approved documents, newest first; a member's
    kind filter lists what they may read of that kind; nothing of what they may not read."""
    client, u = client_for(officer), officer_urls(archive, federation)
    listed = found(client, "", cell=cell.pk)
    assert set(listed) >= {u["minutes"], u["resolution"]} and u["minutes 2"] not in listed
    page = client.get(reverse("search"), {"cell": cell.pk}).content.decode()
    dates = re.findall(r"(\d\d/\d\d/\d{4})(?: ·|</div>)", page)
    assert len(dates) >= 2 and dates == sorted(dates, key=lambda d: (d[6:], d[3:5], d[:2]), reverse=True)
    mine = found(client_for(member), "", kind="task")
    assert urls(archive)["own task"] in mine and urls(archive)["other task"] not in mine


def test_it_answers_a_nul_with_the_bad_request_page(archive, client_for, member):
    assert client_for(member).get(reverse("search"), {"q": "đảng\x00phí"}).status_code == 400


def test_it_refuses_unknown_filters_with_a_message(archive, client_for, member):
    for filters in [{"kind": "drop"}, {"year": "abc"}, {"year": "1800"}, {"page": "x"}, {"page": "999"}]:
        assert client_for(member).get(reverse("search"), {"q": "dang phi", **filters}).status_code == 200


def test_it_keeps_the_index_up_to_date(archive, client_for, secretary, member):
    client, u = client_for(member), urls(archive)
    meeting_services.meeting_publish(meeting=archive["draft"], by=secretary.user)
    assert u["draft agenda"] in found(client, "chuan bi nhan su dai hoi")  # published: now every member's
    meeting = archive["held"]
    meeting_services.minutes_approve(meeting=meeting, by=secretary.user)
    assert u["draft minutes"] in found(client, "bien ban thang 11")
    archive["fees"].delete()
    assert u["fees"] not in found(client, "dang phi")
    AgendaItem.objects.get(pk=archive["secret_item"].pk)  # still there, still found after a rebuild
    before = SearchEntry.objects.count()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SearchEntry.objects.count() == before
    assert u["draft agenda"] in found(client, "chuan bi nhan su dai hoi")


def test_it_has_a_gin_index_on_the_vector(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'chibo_search_vector'")
        (definition,) = cursor.fetchone()
    assert "USING gin (vector)" in definition


def test_it_folds_vietnamese_and_builds_a_safe_query():
    assert fold("Biên bản tháng 10/2026, Đảng phí") == "bien ban thang 10 2026  dang phi"
    assert tokens("đảng & phí | !(x) ' \\ :*") == ["dang", "phi", "x"]
    assert tsquery(["dang", "phi"]) == "'dang' & 'phi':*"
    assert tsquery(["thang", "1"]) == "'thang' & '1'"
    assert str(highlight("Đảng phí <i>", ["dang"])) == "<mark>Đảng</mark> phí &lt;i&gt;"


def test_a_member_never_finds_another_members_review(archive, client_for, member):
    """Monthly reviews are not indexed at all; findings about another member are not found."""
    other = Member.objects.get(user__username="other")
    page = client_for(member).get(reverse("search"), {"q": "cham nop dang phi"}).content.decode()
    assert other.full_name not in page


# The superior committee's officer: the approved documents of every cell of the đảng bộ, never more. ----------


@pytest.fixture
def federation(archive, organisation, outsider):
    """A second cell of the officer's đảng bộ with approved minutes and a guiding document; the outsider's cell
    in another đảng bộ, with approved minutes of its own."""
    second = make_cell(name="Chi bộ Phòng Tổ chức")
    organisation.cells.add(second)
    secretary = make_member(second, username="secretary2", role=Member.Role.SECRETARY)
    approved = make_recorded_meeting(second, month=date(2026, 9, 1), by=secretary.user, approve=True)
    make_document(second, number="04-HD/TW", title="Hướng dẫn thu, nộp đảng phí")
    make_organisation(outsider.cell, name="Đảng bộ Sở Tư pháp", committee_name="Đảng ủy Sở Tư pháp")
    foreign = make_recorded_meeting(outsider.cell, month=date(2026, 10, 1), by=outsider.user, approve=True)
    return {"second": second, "second approved": approved, "foreign": foreign}


def officer_urls(archive, federation) -> dict[str, str]:
    pdf = {"minutes": "superior:minutes_pdf", "resolution": "superior:resolution_pdf"}
    meetings = {"": archive["approved"], " 2": federation["second approved"], " foreign": federation["foreign"]}
    meetings[" draft"] = archive["held"]
    return {kind + suffix: reverse(name, args=[m.pk]) for kind, name in pdf.items() for suffix, m in meetings.items()}


def test_it_finds_for_an_officer_the_approved_documents_of_the_organisation_s_cells(
    archive, federation, client_for, officer, cell
):
    client, u = client_for(officer), officer_urls(archive, federation)
    minutes = found(client, "bien ban")
    assert {u["minutes"], u["minutes 2"]} <= set(minutes)  # two cells of the đảng bộ, opened as its own PDFs
    assert not {u["minutes draft"], u["minutes foreign"]} & set(minutes)
    assert {u["resolution"], u["resolution 2"]} <= set(found(client, "nghi quyet"))
    assert not {u["resolution draft"], u["resolution foreign"]} & set(found(client, "nghi quyet"))
    response = client.get(reverse("search"), {"q": "dang phi"})
    page = response.content.decode()
    assert "01-QĐ/TW" in page and "04-HD/TW" in page  # the guiding documents of both cells
    assert "03-QĐ/TW" not in page  # another đảng bộ's
    assert "quý IV" not in page and "quý III" not in page  # the members' tasks
    assert "Chậm nộp" not in page and "Gương mẫu" not in page  # supervision findings about members
    assert all(url.startswith("/superior/") for url in RESULT.findall(page))  # never a page of the cell itself
    assert cell.name in page and "Chi bộ Phòng Tổ chức" in page  # each result names its cell
    assert not found(client, "chuan bi nhan su dai hoi")  # a draft agenda
    assert "Tìm kiếm văn bản đã thông qua của các chi bộ" in page


def test_it_never_shows_an_officer_a_review_or_a_finding(archive, federation, client_for, officer):
    page = client_for(officer).get(reverse("search"), {"q": "cham nop dang phi"}).content.decode()
    assert "Trần Thị Hoa" not in page and "Chậm nộp" not in page
    tasks = client_for(officer).get(reverse("search"), {"q": "thu dang phi", "kind": "task"}).content.decode()
    assert "quý IV" not in tasks and "is-invalid" in tasks  # not a kind an officer may choose


def test_it_filters_an_officer_s_search_by_cell(archive, federation, client_for, officer, cell):
    client, u = client_for(officer), officer_urls(archive, federation)
    assert set(found(client, "sinh hoat thuong ky", cell=federation["second"].pk)) == {
        u["minutes 2"],
        u["resolution 2"],
    }
    assert set(found(client, "sinh hoat thuong ky", cell=cell.pk)) == {u["minutes"], u["resolution"]}
    page = client.get(reverse("search"), {"q": "dang phi", "cell": cell.pk}).content.decode()
    assert "01-QĐ/TW" in page and "04-HD/TW" not in page
    chosen = re.findall(r'<option value="([^"]*)" selected>', page)  # the filters as chosen, shown again
    assert chosen == ["", "", str(cell.pk)]  # every kind, every year, this cell
    page = client.get(reverse("search"), {"q": "dang phi", "kind": "document", "year": 2025}).content.decode()
    assert re.findall(r'<option value="([^"]*)" selected>', page) == ["document", "2025", ""]


@pytest.mark.parametrize("value", ["other", "abc", "999999"])
def test_it_refuses_a_cell_outside_the_organisation_with_a_message(
    archive, federation, client_for, officer, outsider, value
):
    cell = outsider.cell_id if value == "other" else value
    response = client_for(officer).get(reverse("search"), {"q": "bien ban", "cell": cell})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chi bộ này không thuộc đảng bộ của đồng chí" in page
    assert not RESULT.findall(page)


@pytest.mark.parametrize("query", ["", "x" * 10_000, "& | ! : * ( ) ' \\", "'; DROP TABLE chibo_searchentry; --"])
def test_it_answers_an_officer_s_bad_input_with_a_message_or_nothing(archive, federation, client_for, officer, query):
    response = client_for(officer).get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert client_for(officer).get(reverse("search"), {"q": "đảng\x00phí"}).status_code == 400


def test_it_refuses_the_search_to_a_login_that_is_neither_member_nor_officer(client, db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="nobody", password=None)
    client.force_login(user)
    assert client.get(reverse("search"), {"q": "dang phi"}).status_code == 403


def test_it_ranks_only_the_newest_matches_and_says_so(archive, client_for, secretary, monkeypatch):
    from chibo.search import views

    monkeypatch.setattr(views, "RANKED", 2)
    client = client_for(secretary)
    page = client.get(reverse("search"), {"q": "dang phi"}).content.decode()
    assert len(RESULT.findall(page)) == 2 and "Còn nhiều kết quả khác" in page
    assert urls(archive)["fees"] in found(client, "dang phi", kind="document", year=2025)  # a filter reaches it
    monkeypatch.setattr(views, "RANKED", 1000)
    assert "Còn nhiều kết quả khác" not in client.get(reverse("search"), {"q": "dang phi"}).content.decode()


@pytest.mark.parametrize("beyond", [-2, -1, 0, 1, 1000])
def test_searching_the_recent_years_first_finds_what_searching_every_year_finds(archive, cell, monkeypatch, beyond):
    """The newest matches are looked for in this year and later first; fewer than ``RANKED`` there, the years
    before too: either way the answer is the one a search over every year gives. ``RANKED`` is set around the
    number of this year's matches: more of them, exactly as many, one short, far short."""
    from chibo.search import views

    entries = SearchEntry.objects.filter(cell=cell)
    every = views.search(entries, ["dang", "phi"])
    this_year = views.search(entries.filter(year__gte=2026), ["dang", "phi"])
    assert 2 < len(this_year) < len(every)  # matches this year and before
    monkeypatch.setattr(views, "RANKED", len(this_year) + beyond)
    expected = views.search(entries, ["dang", "phi"])
    assert views.search(entries, ["dang", "phi"], recent=2026) == expected
    assert len(expected) == min(len(this_year) + beyond, len(every))


def test_no_persona_finds_a_monthly_review(archive, federation, client_for, member, committee, officer, cell):
    """A monthly review (a person's record, read on the reviews pages only) is never in the index: not for the
    member reviewed, the committee, nor the đảng ủy's officer."""
    from evaluations.models import MonthlyReview, ReviewRow

    review = MonthlyReview.objects.create(cell=cell, month=date(2026, 10, 1))
    ReviewRow.objects.create(review=review, member=member, shortcomings="Chậm nộp báo cáo tổng kết chuyên đề")
    for person in (member, committee, officer):
        page = client_for(person).get(reverse("search"), {"q": "bao cao tong ket chuyen de"}).content.decode()
        assert "Chậm nộp báo cáo" not in page and not RESULT.findall(page), person
