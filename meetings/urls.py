from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("prepare/", views.meeting_prepare, name="prepare"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/publish/", views.meeting_publish, name="publish"),
    path("<int:pk>/agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("<int:pk>/items/new/", views.item_add, name="item_add"),
    path("<int:pk>/items/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("<int:pk>/items/<int:item_pk>/delete/", views.item_delete, name="item_delete"),
    path("<int:pk>/items/<int:item_pk>/up/", views.item_move, {"direction": "up"}, name="item_up"),
    path("<int:pk>/items/<int:item_pk>/down/", views.item_move, {"direction": "down"}, name="item_down"),
    path("standard/", views.standard_agenda, name="standard"),
    path("standard/<int:pk>/", views.standard_step_edit, name="standard_edit"),
    path("standard/<int:pk>/delete/", views.standard_step_delete, name="standard_delete"),
    path("standard/<int:pk>/up/", views.standard_step_move, {"direction": "up"}, name="standard_up"),
    path("standard/<int:pk>/down/", views.standard_step_move, {"direction": "down"}, name="standard_down"),
    path("format/", views.document_format, name="format"),
    path("documents/", views.document_list, name="documents"),
    path("documents/new/", views.document_form, name="document_create"),
    path("documents/<int:pk>/", views.document_form, name="document_edit"),
]
