from django.urls import path

from assignments import views

app_name = "assignments"

urlpatterns = [
    path("", views.my_tasks_view, name="mine"),
    path("new/", views.task_create, name="create"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/edit/", views.task_edit, name="edit"),
    path("<int:pk>/report/", views.task_report, name="report"),
    path("<int:pk>/assess/", views.task_assess, name="assess"),
    path("<int:pk>/extend/", views.task_extend, name="extend"),
    path("<int:pk>/close/", views.task_close, name="close"),
    path("meeting/<int:pk>/", views.assign_from_meeting, name="from_meeting"),
    path("overview/", views.overview, name="overview"),
    path("overview.xlsx", views.overview_xlsx, name="overview_xlsx"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="feed"),
]
