from django.urls import path

from assignments import views as task_views
from documents import views as document_views
from evaluations import views as evaluation_views
from meetings import views
from meetings.views import settings as settings_views
from members import views as member_views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("prepare/", views.meeting_prepare, name="prepare"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/publish/", views.meeting_publish, name="publish"),
    path("<int:pk>/agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("<int:pk>/agenda.docx", views.agenda_pdf, {"ext": "docx"}, name="agenda_docx"),
    path("<int:pk>/items/new/", views.item_add, name="item_add"),
    path("<int:pk>/items/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("<int:pk>/items/<int:item_pk>/delete/", views.item_delete, name="item_delete"),
    path("<int:pk>/items/<int:item_pk>/up/", views.item_move, {"direction": "up"}, name="item_up"),
    path("<int:pk>/items/<int:item_pk>/down/", views.item_move, {"direction": "down"}, name="item_down"),
    path("format/", document_views.document_format, name="format"),
    path("documents/", views.document_list, name="documents"),
    path("documents/new/", views.document_form, name="document_create"),
    path("documents/<int:pk>/", views.document_form, name="document_edit"),
]

urlpatterns += [
    path("<int:pk>/hold/", views.meeting_hold, name="hold"),
    path("<int:pk>/record/", views.meeting_record, name="record"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/items/<int:item_pk>/record/", views.item_record, name="item_record"),
    path("<int:pk>/speeches/", views.speech_add, name="speech_add"),
    path("<int:pk>/speeches/<int:speech_pk>/delete/", views.speech_delete, name="speech_delete"),
    path("<int:pk>/resolution/", views.resolution, name="resolution"),
    path("<int:pk>/resolution/posted/", views.resolution_posted, name="resolution_posted"),
    path("<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<int:pk>/minutes/draft/", views.minutes_draft, name="minutes_draft"),
    path("<int:pk>/minutes/approve/", views.minutes_approve, name="approve"),
    path("<int:pk>/minutes/addendum/", views.addendum_add, name="addendum"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/resolution.pdf", views.resolution_pdf, name="resolution_pdf"),
    path("<int:pk>/minutes.docx", views.minutes_pdf, {"ext": "docx"}, name="minutes_docx"),
    path("<int:pk>/resolution.docx", views.resolution_pdf, {"ext": "docx"}, name="resolution_docx"),
    path("participation/", views.participation_view, name="participation"),
    # The live screen of the meeting under way, and the confirmation pages of what cannot be undone.
    path("<int:pk>/live/", views.live, name="live"),
    path("<int:pk>/live/items/<int:item_pk>/", views.live_item, name="live_item"),
    path("<int:pk>/live/speech/", views.live_speech, name="live_speech"),
    path("<int:pk>/live/vote/", views.live_vote, name="live_vote"),
    path("<int:pk>/live/end/", views.live_end, name="live_end"),
    path("<int:pk>/minutes/revisions/", views.minutes_revisions, name="minutes_revisions"),
    path("<int:pk>/minutes/revisions/<int:revision_pk>/restore/", views.minutes_restore, name="minutes_restore"),
]

# The cell's ordered settings, all edited by the same pages (members.views); each app declares its own.
# The scales of tasks and reviews keep their meetings: URLs beside the standard order and the scoring sheet.
SETTINGS = {
    "standard": settings_views.STANDARD,
    "scoring": settings_views.SCORING,
    "levels": task_views.LEVELS,
    "grades": evaluation_views.GRADES,
    "ratings": evaluation_views.RATINGS,
}
for kind, rows in SETTINGS.items():
    urlpatterns += [
        path(f"{kind}/", member_views.setting_list, {"rows": rows}, name=kind),
        path(f"{kind}/<int:pk>/", member_views.setting_edit, {"rows": rows}, name=f"{kind}_edit"),
        path(f"{kind}/<int:pk>/delete/", member_views.setting_delete, {"rows": rows}, name=f"{kind}_delete"),
        path(f"{kind}/<int:pk>/up/", member_views.setting_move, {"rows": rows, "direction": "up"}, name=f"{kind}_up"),
        path(
            f"{kind}/<int:pk>/down/",
            member_views.setting_move,
            {"rows": rows, "direction": "down"},
            name=f"{kind}_down",
        ),
    ]
