from django.urls import path

from chibo.superior import views

app_name = "superior"
urlpatterns = [
    path("", views.overview_view, name="overview"),
    path("overview.xlsx", views.overview_xlsx_view, name="overview_xlsx"),
    path("report.pdf", views.overview_pdf_view, name="overview_pdf"),
    path("cells/<int:pk>/", views.cell_view, name="cell"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:pk>/resolution.pdf", views.resolution_pdf, name="resolution_pdf"),
]
