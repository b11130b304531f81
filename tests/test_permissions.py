"""Every URL × every persona → the expected status.

Anonymous users are sent to the login page; the outsider (secretary of another cell)
gets 404 for this cell's objects; members get 403 on what only the committee or the
secretary may do. ``test_it_covers_every_url`` fails when a URL is added without a row.
"""

import pytest
from django.urls import reverse

from tests.conftest import PERSONAS
from tests.routes import post_routes, route_names

LOGIN = 302  # anonymous → login page
# The officer of the đảng ủy above the cell is no member of it: 403 on every page of the cell (edit or read).
# It reads the cell only through its own pages (superior:*), which show approved documents alone.
ALL_OK = {**dict.fromkeys(PERSONAS, 200), "officer": 403}
ALL_302 = dict.fromkeys(PERSONAS, 302)
HIDDEN_DRAFT = {"anonymous": LOGIN, "outsider": 404, "member": 404}  # a draft does not exist for members
EDIT = {"anonymous": LOGIN, "outsider": 404, "member": 403, "committee": 403, "officer": 403}  # 403 before any lookup
MEETING = lambda f: [f["meeting"].pk]  # noqa: E731
PUBLISHED = lambda f: [f["published"].pk]  # noqa: E731
ITEM = lambda f: [f["meeting"].pk, f["item"].pk]  # noqa: E731
STEP = lambda f: [f["step"].pk]  # noqa: E731
LEVEL = lambda f: [f["level"].pk]  # noqa: E731
TASK = lambda f: [f["task"].pk]  # noqa: E731  the ordinary member's task
OTHER_TASK = lambda f: [f["committee_task"].pk]  # noqa: E731  the committee member's task
COMMITTEE = {"anonymous": LOGIN, "outsider": 404, "member": 403, "committee": 200, "secretary": 200, "officer": 403}
GRADE = lambda f: [f["grade"].pk]  # noqa: E731
RATING = lambda f: [f["rating"].pk]  # noqa: E731
REVIEW = lambda f: [f["review"].month.year, f["review"].month.month]  # noqa: E731
PLAN = lambda f: [f["plan"].pk]  # noqa: E731  approved; the ordinary member is supervised in it
DRAFT_PLAN = lambda f: [f["draft_plan"].pk]  # noqa: E731
OWN = lambda f: [f["member"].pk]  # noqa: E731  the ordinary member's own record
CRITERION = lambda f: [f["criterion"].pk]  # noqa: E731
HELD = lambda f: [f["held"].pk]  # noqa: E731
APPROVED = lambda f: [f["approved"].pk]  # noqa: E731
# A held meeting's draft record: the committee reads it, the secretary (or minute-taker) writes it.
DRAFT_RECORD = {"anonymous": LOGIN, "outsider": 404, "member": 404, "committee": 200, "secretary": 200, "officer": 403}
RECORDING = {"anonymous": LOGIN, "outsider": 404, "member": 404, "committee": 403, "officer": 403}
APPROVED_RECORD = {**ALL_OK, "anonymous": LOGIN, "outsider": 404}
# The superior committee's pages: only its officer (404 for what is not its đảng bộ's or not approved).
NOT_OFFICER = {"anonymous": LOGIN, "outsider": 403, "member": 403, "committee": 403, "secretary": 403, "officer": 404}


def REVISION(f):  # noqa: N802  an earlier text of the held meeting's minutes
    from meetings.models import MinutesRevision

    revision, _created = MinutesRevision.objects.get_or_create(
        record=f["held"].record, defaults={"minutes_text": "Bản trước", "created_by": f["secretary"].user}
    )
    return [f["held"].pk, revision.pk]


DUES_MONTH = lambda f: [2026, 10]  # noqa: E731


def DUES_PAYMENT(f):  # noqa: N802  the ordinary member's payment for 10/2026
    from dues.models import DuesPayment

    payment, _created = DuesPayment.objects.get_or_create(
        cell=f["member"].cell,
        member=f["member"],
        first_month="2026-10-01",
        defaults={"last_month": "2026-10-01", "amount": 93_600, "paid_on": "2026-10-05", "method": "transfer"},
    )
    return [payment.pk]


DUES_KEEPER = {"anonymous": LOGIN, "outsider": 200, "member": 403, "committee": 403, "secretary": 200, "officer": 403}

# name, how to build args from the fixtures, method, data, {persona: status}
MATRIX = [
    # Supervision: the committee's plans; a member sees approved plans that concern them.
    ("supervision:plans", None, "get", None, {**ALL_OK, "anonymous": LOGIN}),
    ("supervision:plan_create", None, "post", {}, {**EDIT, "outsider": 302, "secretary": 302}),
    ("supervision:plan", PLAN, "get", None, {**ALL_OK, "anonymous": LOGIN, "outsider": 404}),
    ("supervision:plan", DRAFT_PLAN, "get", None, {**ALL_OK, "anonymous": LOGIN, "outsider": 404, "member": 404}),
    ("supervision:plan_edit", DRAFT_PLAN, "get", None, {**EDIT, "secretary": 200}),
    ("supervision:plan_edit", DRAFT_PLAN, "post", {}, {**EDIT, "secretary": 200}),
    ("supervision:plan_edit", PLAN, "get", None, {**EDIT, "secretary": 302}),
    ("supervision:plan_approve", DRAFT_PLAN, "post", {}, {**EDIT, "secretary": 302}),
    ("supervision:plan_addendum", PLAN, "post", {}, {**EDIT, "secretary": 200}),  # empty: the plan again, with why
    ("supervision:plan_report", PLAN, "post", {}, {**EDIT, "secretary": 200}),
    ("supervision:plan_pdf", PLAN, "get", None, {**ALL_OK, "anonymous": LOGIN, "outsider": 404}),
    ("supervision:report_pdf", PLAN, "get", None, COMMITTEE),
    ("supervision:plan_docx", PLAN, "get", None, {**ALL_OK, "anonymous": LOGIN, "outsider": 404}),
    ("supervision:plan_docx", DRAFT_PLAN, "get", None, {**ALL_OK, "anonymous": LOGIN, "outsider": 404, "member": 404}),
    ("supervision:report_docx", PLAN, "get", None, COMMITTEE),
    ("supervision:findings", lambda f: [f["sup_item"].pk], "get", None, COMMITTEE),
    ("supervision:findings", lambda f: [f["sup_item"].pk], "post", {}, COMMITTEE),
    ("supervision:coverage", lambda f: [2026], "get", None, {**COMMITTEE, "outsider": 200}),
    ("supervision:pool", None, "get", None, {**COMMITTEE, "outsider": 200}),
    ("supervision:pool", None, "post", {}, {**COMMITTEE, "outsider": 200, "committee": 403}),
    ("supervision:pool_remove", lambda f: [f["candidate"].pk], "post", {}, {**EDIT, "secretary": 302}),
    # Reviews, praise and criticism: the committee's; a member reads only their own record (404 otherwise).
    ("evaluations:reviews", None, "get", None, {**COMMITTEE, "outsider": 200}),
    ("evaluations:reviews", None, "post", {}, {**COMMITTEE, "outsider": 200}),
    ("evaluations:review", REVIEW, "get", None, COMMITTEE),
    ("evaluations:review", REVIEW, "post", {}, COMMITTEE),
    ("evaluations:review_confirm", REVIEW, "post", {}, {**EDIT, "secretary": 302}),
    ("evaluations:mine", None, "get", None, {**ALL_302, "anonymous": LOGIN, "officer": 403}),
    ("evaluations:member", OWN, "get", None, {**ALL_OK, "anonymous": LOGIN, "outsider": 404}),
    (
        "evaluations:member",
        lambda f: [f["committee"].pk],
        "get",
        None,
        {**ALL_OK, "anonymous": LOGIN, "outsider": 404, "member": 404},
    ),
    ("evaluations:commendation_add", OWN, "get", None, COMMITTEE),
    ("evaluations:commendation_add", OWN, "post", {}, COMMITTEE),
    ("evaluations:commendation_edit", lambda f: [f["commendation"].pk], "get", None, COMMITTEE),
    ("evaluations:violation_add", OWN, "get", None, COMMITTEE),
    ("evaluations:violation_edit", lambda f: [f["violation"].pk], "get", None, COMMITTEE),
    ("evaluations:violation_edit", lambda f: [f["violation"].pk], "post", {}, COMMITTEE),
    ("evaluations:announce", HELD, "get", None, {**EDIT, "secretary": 200}),
    ("evaluations:announce", HELD, "post", {}, {**EDIT, "secretary": 200}),
    ("evaluations:regularity", None, "get", None, {**COMMITTEE, "outsider": 200}),
    ("evaluations:classification", lambda f: [2026], "get", None, {**COMMITTEE, "outsider": 200}),
    ("evaluations:classification", lambda f: [2026], "post", {}, {**COMMITTEE, "outsider": 200}),
    ("evaluations:classification_pdf", lambda f: [2026], "get", None, {**COMMITTEE, "outsider": 200}),
    ("evaluations:classification_docx", lambda f: [2026], "get", None, {**COMMITTEE, "outsider": 200}),
    # Tasks: a member sees and reports on their own; the committee assigns, assesses, extends, closes.
    ("assignments:mine", None, "get", None, {**ALL_OK, "anonymous": LOGIN}),
    ("assignments:detail", TASK, "get", None, {**ALL_OK, "anonymous": LOGIN, "outsider": 404}),
    ("assignments:detail", OTHER_TASK, "get", None, {**ALL_OK, "anonymous": LOGIN, "outsider": 404, "member": 404}),
    ("assignments:report", TASK, "post", {}, {**COMMITTEE, "member": 200, "committee": 403, "secretary": 403}),
    ("assignments:report", OTHER_TASK, "post", {}, {**COMMITTEE, "member": 404, "secretary": 403}),
    ("assignments:assess", TASK, "post", {}, COMMITTEE),
    ("assignments:extend", TASK, "post", {}, COMMITTEE),
    ("assignments:close", TASK, "post", {}, COMMITTEE),
    ("assignments:edit", TASK, "get", None, COMMITTEE),
    ("assignments:edit", TASK, "post", {}, COMMITTEE),
    ("assignments:create", None, "get", None, {**COMMITTEE, "outsider": 200}),
    ("assignments:create", None, "post", {}, {**COMMITTEE, "outsider": 200}),
    ("assignments:from_meeting", HELD, "get", None, COMMITTEE),
    ("assignments:from_meeting", HELD, "post", {}, COMMITTEE),
    ("assignments:from_meeting", MEETING, "get", None, {**COMMITTEE, "committee": 404, "secretary": 404}),
    ("assignments:overview", None, "get", None, {**COMMITTEE, "outsider": 200}),
    ("assignments:overview_xlsx", None, "get", None, {**COMMITTEE, "outsider": 200}),
    ("assignments:calendar", None, "get", None, {**ALL_OK, "anonymous": LOGIN}),
    ("assignments:calendar_reset", None, "post", {}, {**ALL_302, "anonymous": LOGIN, "officer": 403}),
    ("assignments:feed", lambda f: [f["feed"].token], "get", None, {**ALL_OK, "officer": 200}),  # the address: key
    ("assignments:feed", lambda f: ["not-a-token"], "get", None, dict.fromkeys(PERSONAS, 404)),
    # The superior committee (đảng ủy): its officer reads the overview of its cells and their approved minutes
    # and resolutions, read-only; nobody of a cell opens these pages; a draft or held record is a 404 to it.
    ("superior:overview", None, "get", None, {**NOT_OFFICER, "officer": 200}),
    ("superior:overview_xlsx", None, "get", None, {**NOT_OFFICER, "officer": 200}),
    ("superior:overview_pdf", None, "get", None, {**NOT_OFFICER, "officer": 200}),
    ("superior:cell", lambda f: [f["member"].cell_id], "get", None, {**NOT_OFFICER, "officer": 200}),
    ("superior:cell", lambda f: [f["other_cell"].pk], "get", None, NOT_OFFICER),  # not of its đảng bộ: 404
    ("superior:minutes_pdf", APPROVED, "get", None, {**NOT_OFFICER, "officer": 200}),
    ("superior:minutes_pdf", HELD, "get", None, NOT_OFFICER),  # held, not approved: a draft
    ("superior:minutes_pdf", MEETING, "get", None, NOT_OFFICER),
    ("superior:resolution_pdf", APPROVED, "get", None, {**NOT_OFFICER, "officer": 200}),
    ("superior:resolution_pdf", HELD, "get", None, NOT_OFFICER),
    # "Việc cần làm" of each role (chibo/home.py); an officer of the đảng ủy goes to the overview.
    ("home", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "officer": 302}),
    ("my_data", None, "get", None, {**ALL_OK, "anonymous": LOGIN}),  # one's own data: no other's address
    ("login", None, "get", None, {**dict.fromkeys(PERSONAS, 302), "anonymous": 200}),
    ("logout", None, "post", {}, dict.fromkeys(PERSONAS, 302)),
    # The second login step: a session that has passed it (all of these) is sent on from the code page;
    # the committee (here, everyone's secretary too) may set up its authenticator app again.
    ("two_factor", None, "get", None, ALL_302),
    ("two_factor", None, "post", {}, ALL_302),
    ("two_factor_setup", None, "get", None, {**COMMITTEE, "outsider": 200, "officer": 200}),  # the officer too
    ("two_factor_setup", None, "post", {}, {**COMMITTEE, "outsider": 200, "officer": 200}),
    ("password_change", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "officer": 200}),
    ("password_change_done", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "officer": 200}),
    ("set_language", None, "post", {"language": "en", "next": "/"}, dict.fromkeys(PERSONAS, 302)),
    ("admin:index", None, "get", None, dict.fromkeys(PERSONAS, 302)),
    ("members:list", None, "get", None, {**ALL_OK, "anonymous": LOGIN}),
    ("members:create", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    # The registry as an Excel file: the secretary's (and deputy's), as adding a member is. Nothing waits to be
    # confirmed in a fresh session: the confirmation sends back to the upload (302).
    ("members:import", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("members:import", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("members:import_confirm", None, "get", None, {**EDIT, "outsider": 302, "secretary": 302}),
    ("members:import_confirm", None, "post", {}, {**EDIT, "outsider": 302, "secretary": 302}),
    ("members:template_xlsx", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("members:export_xlsx", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("members:my_settings", None, "get", None, {**ALL_OK, "anonymous": LOGIN}),  # everyone's own page
    ("members:my_settings", None, "post", {}, {**ALL_302, "anonymous": LOGIN, "officer": 403}),
    (
        "members:detail",
        lambda f: [f["member"].pk],
        "get",
        None,
        {**ALL_OK, "anonymous": LOGIN, "outsider": 404},
    ),
    (
        "members:detail",
        lambda f: [f["committee"].pk],  # another member's record, seen by an ordinary member
        "get",
        None,
        {**ALL_OK, "anonymous": LOGIN, "outsider": 404, "member": 404},
    ),
    (
        "members:edit",
        lambda f: [f["member"].pk],
        "get",
        None,
        {"anonymous": LOGIN, "outsider": 404, "member": 403, "committee": 403, "secretary": 200, "officer": 403},
    ),
    (
        "members:edit",
        lambda f: [f["member"].pk],
        "post",
        {},
        {"anonymous": LOGIN, "outsider": 404, "member": 403, "committee": 403, "secretary": 200, "officer": 403},
    ),
    (
        "members:transfer",
        lambda f: [f["member"].pk],
        "get",
        None,
        {"anonymous": LOGIN, "outsider": 404, "member": 403, "committee": 403, "secretary": 200, "officer": 403},
    ),
    (
        "members:transfer",
        lambda f: [f["member"].pk],
        "post",
        {},
        {"anonymous": LOGIN, "outsider": 404, "member": 403, "committee": 403, "secretary": 200, "officer": 403},
    ),
    (
        "members:password_reset",
        lambda f: [f["member"].pk],
        "get",
        None,
        {"anonymous": LOGIN, "outsider": 404, "member": 403, "committee": 403, "secretary": 200, "officer": 403},
    ),
    (
        "members:password_reset",
        lambda f: [f["member"].pk],
        "post",
        {"confirm": "1"},
        {"anonymous": LOGIN, "outsider": 404, "member": 403, "committee": 403, "secretary": 200, "officer": 403},
    ),
    ("members:cell", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("members:unit_create", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    (
        "members:unit_edit",
        lambda f: [f["unit"].pk],
        "get",
        None,
        {"anonymous": LOGIN, "outsider": 404, "member": 403, "committee": 403, "secretary": 200, "officer": 403},
    ),
    # Meetings: drafts are the committee's (404 for members), editing the secretary's.
    ("meetings:list", None, "get", None, {**ALL_OK, "anonymous": LOGIN}),
    (
        "meetings:prepare",
        None,
        "post",
        {},
        {**ALL_302, "anonymous": LOGIN, "member": 403, "committee": 403, "officer": 403},
    ),
    ("meetings:create", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:detail", MEETING, "get", None, {**ALL_OK, **HIDDEN_DRAFT}),
    ("meetings:detail", PUBLISHED, "get", None, {**ALL_OK, "anonymous": LOGIN, "outsider": 404}),
    ("meetings:edit", MEETING, "get", None, {**EDIT, "secretary": 200}),
    ("meetings:edit", MEETING, "post", {}, {**EDIT, "secretary": 200}),
    ("meetings:publish", MEETING, "post", {}, {**EDIT, "secretary": 200}),
    ("meetings:agenda_pdf", PUBLISHED, "get", None, {**ALL_OK, "anonymous": LOGIN, "outsider": 404}),
    ("meetings:agenda_pdf", MEETING, "get", None, {**ALL_OK, **HIDDEN_DRAFT}),
    ("meetings:agenda_docx", PUBLISHED, "get", None, {**ALL_OK, "anonymous": LOGIN, "outsider": 404}),
    ("meetings:agenda_docx", MEETING, "get", None, {**ALL_OK, **HIDDEN_DRAFT}),
    ("meetings:agenda_docx", APPROVED, "get", None, {**ALL_OK, "anonymous": LOGIN, "outsider": 404}),
    ("meetings:item_add", MEETING, "get", None, {**EDIT, "secretary": 200}),
    ("meetings:item_add", MEETING, "post", {}, {**EDIT, "secretary": 200}),
    ("meetings:item_edit", ITEM, "get", None, {**EDIT, "secretary": 200}),
    ("meetings:item_delete", ITEM, "post", {}, {**EDIT, "secretary": 200}),
    ("meetings:item_up", ITEM, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:item_down", ITEM, "post", {}, {**EDIT, "secretary": 302}),
    # The cell's standard order and document format: the secretary's settings.
    ("meetings:standard", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:standard", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:standard_edit", STEP, "get", None, {**EDIT, "secretary": 200}),
    ("meetings:standard_up", STEP, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:standard_down", STEP, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:standard_delete", STEP, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:scoring", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:scoring", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:scoring_edit", CRITERION, "get", None, {**EDIT, "secretary": 200}),
    ("meetings:scoring_up", CRITERION, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:scoring_down", CRITERION, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:scoring_delete", CRITERION, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:levels", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:levels", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:levels_edit", LEVEL, "get", None, {**EDIT, "secretary": 200}),
    ("meetings:levels_up", LEVEL, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:levels_down", LEVEL, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:levels_delete", LEVEL, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:grades", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:grades", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:grades_edit", GRADE, "get", None, {**EDIT, "secretary": 200}),
    ("meetings:grades_up", GRADE, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:grades_down", GRADE, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:grades_delete", GRADE, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:ratings", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:ratings", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:ratings_edit", RATING, "get", None, {**EDIT, "secretary": 200}),
    ("meetings:ratings_up", RATING, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:ratings_down", RATING, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:ratings_delete", RATING, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:format", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:format", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    # Recording a held meeting; approved minutes and resolutions are for every member of the cell.
    ("meetings:hold", PUBLISHED, "post", {}, {**EDIT, "secretary": 302}),
    ("meetings:record", HELD, "get", None, DRAFT_RECORD),
    ("meetings:record", APPROVED, "get", None, APPROVED_RECORD),
    ("meetings:attendance", HELD, "get", None, {**RECORDING, "secretary": 200}),
    ("meetings:attendance", HELD, "post", {}, {**RECORDING, "secretary": 200}),
    ("meetings:attendance", APPROVED, "get", None, {**EDIT, "member": 403, "secretary": 302}),
    (
        "meetings:item_record",
        lambda f: [f["held"].pk, f["held_item"].pk],
        "get",
        None,
        {**RECORDING, "secretary": 200},
    ),
    ("meetings:speech_add", HELD, "post", {}, {**RECORDING, "secretary": 200}),
    (
        "meetings:speech_delete",
        lambda f: [f["held"].pk, f["speech"].pk],
        "post",
        {},
        {**RECORDING, "secretary": 200},
    ),
    ("meetings:resolution", HELD, "get", None, {**RECORDING, "secretary": 200}),
    ("meetings:minutes", HELD, "get", None, {**RECORDING, "secretary": 200}),
    ("meetings:minutes_draft", HELD, "post", {}, {**RECORDING, "secretary": 200}),
    ("meetings:approve", HELD, "post", {}, {**EDIT, "secretary": 200}),
    ("meetings:addendum", APPROVED, "get", None, {**EDIT, "secretary": 200}),
    ("meetings:addendum", HELD, "get", None, {**EDIT, "secretary": 302}),  # not approved: corrected directly
    ("meetings:addendum", APPROVED, "post", {"text": "Đính chính"}, {**EDIT, "secretary": 302}),
    ("meetings:minutes_pdf", HELD, "get", None, DRAFT_RECORD),
    ("meetings:minutes_pdf", APPROVED, "get", None, APPROVED_RECORD),
    ("meetings:resolution_pdf", HELD, "get", None, DRAFT_RECORD),
    ("meetings:resolution_pdf", APPROVED, "get", None, APPROVED_RECORD),
    ("meetings:minutes_docx", HELD, "get", None, DRAFT_RECORD),
    ("meetings:minutes_docx", APPROVED, "get", None, APPROVED_RECORD),
    ("meetings:resolution_docx", HELD, "get", None, DRAFT_RECORD),
    ("meetings:resolution_docx", APPROVED, "get", None, APPROVED_RECORD),
    # The live screen of the meeting under way: the secretary, the deputy and the minute-taker run it.
    ("meetings:live", HELD, "get", None, {**RECORDING, "secretary": 200}),
    ("meetings:live", APPROVED, "get", None, {**EDIT, "member": 403, "secretary": 302}),
    (
        "meetings:live_item",
        lambda f: [f["held"].pk, f["held_item"].pk],
        "post",
        {},
        {**RECORDING, "secretary": 302},
    ),
    ("meetings:live_speech", HELD, "post", {}, {**RECORDING, "secretary": 200}),
    ("meetings:live_vote", HELD, "post", {}, {**RECORDING, "secretary": 302}),
    ("meetings:live_end", HELD, "post", {}, {**RECORDING, "secretary": 302}),
    # What cannot be undone asks first: the page (GET), then a POST; without its confirm field, the page again.
    ("meetings:publish", MEETING, "get", None, {**EDIT, "secretary": 200}),
    ("meetings:item_delete", ITEM, "get", None, {**EDIT, "secretary": 200}),
    ("meetings:speech_delete", lambda f: [f["held"].pk, f["speech"].pk], "get", None, {**RECORDING, "secretary": 200}),
    ("meetings:approve", HELD, "get", None, {**EDIT, "secretary": 200}),
    ("meetings:minutes_draft", HELD, "get", None, {**RECORDING, "secretary": 200}),
    ("meetings:minutes_revisions", HELD, "get", None, {**RECORDING, "secretary": 200}),
    ("meetings:minutes_restore", REVISION, "post", {}, {**RECORDING, "secretary": 302}),
    ("meetings:participation", None, "get", None, {**ALL_OK, "anonymous": LOGIN}),
    ("meetings:documents", None, "get", None, {**ALL_OK, "anonymous": LOGIN}),
    ("meetings:document_create", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    (
        "meetings:document_edit",
        lambda f: [f["document"].pk],
        "get",
        None,
        {"anonymous": LOGIN, "outsider": 404, "member": 403, "committee": 403, "secretary": 200, "officer": 403},
    ),
    # Forms that are shown by GET and sent by POST: an empty form is refused with the page again (200).
    ("login", None, "post", {}, {**dict.fromkeys(PERSONAS, 302), "anonymous": 200}),
    ("password_change", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "officer": 200}),
    ("members:create", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("members:cell", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("members:unit_edit", lambda f: [f["unit"].pk], "post", {}, {**EDIT, "secretary": 200}),
    ("meetings:create", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:document_create", None, "post", {}, {**ALL_OK, "anonymous": LOGIN, "member": 403, "committee": 403}),
    ("meetings:document_edit", lambda f: [f["document"].pk], "post", {}, {**EDIT, "secretary": 200}),
    ("meetings:item_edit", ITEM, "post", {}, {**EDIT, "secretary": 200}),
    ("meetings:standard_edit", STEP, "post", {}, {**EDIT, "secretary": 200}),
    ("meetings:scoring_edit", CRITERION, "post", {}, {**EDIT, "secretary": 200}),
    ("meetings:levels_edit", LEVEL, "post", {}, {**EDIT, "secretary": 200}),
    ("meetings:grades_edit", GRADE, "post", {}, {**EDIT, "secretary": 200}),
    ("meetings:ratings_edit", RATING, "post", {}, {**EDIT, "secretary": 200}),
    (
        "meetings:item_record",
        lambda f: [f["held"].pk, f["held_item"].pk],
        "post",
        {},
        {**RECORDING, "secretary": 200},
    ),
    ("meetings:resolution", HELD, "post", {}, {**RECORDING, "secretary": 200}),
    ("meetings:resolution_posted", HELD, "post", {}, {**EDIT, "secretary": 200}),
    # Search: every member searches their own cell, the đảng ủy's officer the approved documents of its cells;
    # what each finds is tested in tests/test_search.py.
    ("search", None, "get", None, {**ALL_OK, "anonymous": LOGIN, "officer": 200}),
    ("meetings:minutes", HELD, "post", {}, {**RECORDING, "secretary": 200}),
    ("evaluations:violation_add", OWN, "post", {}, COMMITTEE),
    ("evaluations:commendation_edit", lambda f: [f["commendation"].pk], "post", {}, COMMITTEE),
    # Party dues: each member reads their own; the secretary, the deputy and the committee member in charge of
    # finance keep the cell's ledger (the plain committee member: 403; the outsider keeps their own cell's).
    ("dues:mine", None, "get", None, {**ALL_OK, "anonymous": LOGIN}),
    ("dues:month", DUES_MONTH, "get", None, DUES_KEEPER),
    ("dues:pay", DUES_MONTH, "get", None, DUES_KEEPER),
    ("dues:pay", DUES_MONTH, "post", {}, DUES_KEEPER),
    ("dues:remit", DUES_MONTH, "get", None, DUES_KEEPER),
    ("dues:remit", DUES_MONTH, "post", {}, DUES_KEEPER),
    ("dues:year", lambda f: [2026], "get", None, DUES_KEEPER),
    ("dues:year_xlsx", lambda f: [2026], "get", None, DUES_KEEPER),
    ("dues:basis", OWN, "get", None, {**DUES_KEEPER, "outsider": 404}),
    ("dues:basis", OWN, "post", {}, {**DUES_KEEPER, "outsider": 404}),
    ("dues:treasurer", None, "post", {}, {**EDIT, "outsider": 302, "secretary": 302}),
    ("dues:payment_delete", DUES_PAYMENT, "get", None, {**DUES_KEEPER, "outsider": 404}),
    ("dues:payment_delete", DUES_PAYMENT, "post", {}, {**DUES_KEEPER, "outsider": 404}),
]


def _case_id(case):
    name, _args, method, _data, _expected = case
    return f"{method}-{name}"


@pytest.mark.parametrize("case", MATRIX, ids=[_case_id(c) for c in MATRIX])
def test_it_answers_each_persona_as_the_matrix_says(case, personas, world):
    name, args, method, data, expected = case
    url = reverse(name, args=args(world) if args else None)
    got = {}
    for persona in PERSONAS:
        client = personas[persona]
        response = client.post(url, data) if method == "post" else client.get(url)
        got[persona] = response.status_code
        if persona == "anonymous" and expected[persona] == LOGIN and name not in {"home", "logout", "set_language"}:
            assert "/login/" in response["Location"], f"{name}: anonymous not sent to a login page"
    assert got == expected


def test_it_covers_every_url():
    covered = {case[0] for case in MATRIX}
    # The Django admin is Django's own and for superusers only: its index row stands for it.
    missing = set(route_names()) - covered
    assert not missing, f"URLs missing from the permission matrix: {sorted(missing)}"


def test_it_has_a_post_row_for_every_route_that_accepts_post():
    posted = {case[0] for case in MATRIX if case[2] == "post"}
    missing = set(post_routes()) - posted
    assert not missing, f"routes that accept POST without a POST row in the matrix: {sorted(missing)}"
    assert not posted - set(post_routes()) - {"set_language", "logout"}, "a POST row for a route that refuses POST"


def test_it_reads_which_routes_accept_post_as_the_views_really_behave(personas, world, monkeypatch, settings):
    """tests/routes.py reads the views' code; here every route is posted to as every persona, and a
    route whose view reads the posted form (or answers anything but 405) must be one it found."""
    from django.core.handlers.wsgi import WSGIRequest

    # The one-time token middleware reads every POST for its token: here only the views count.
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if "OncePerSubmission" not in name]
    read = []
    load = WSGIRequest._load_post_and_files

    def traced(request):
        read.append(request.path)
        return load(request)

    monkeypatch.setattr(WSGIRequest, "_load_post_and_files", traced)
    derived = set(post_routes())
    for name, args, _method, _data, _expected in MATRIX:
        if name in {"logout", "set_language"}:
            continue
        url = reverse(name, args=args(world) if args else None)
        for persona in PERSONAS:
            read.clear()
            response = personas[persona].post(url, {})
            if name in derived:
                continue
            assert response.status_code == 405 or not read, f"{name} reads a POST as {persona}: not in routes.py"
