from django.urls import path

from supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("<int:pk>/addendum/", views.plan_addendum, name="plan_addendum"),
    path("<int:pk>/report/", views.plan_report, name="plan_report"),
    path("<int:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:pk>/plan.docx", views.plan_pdf, {"ext": "docx"}, name="plan_docx"),
    path("<int:pk>/report.docx", views.report_pdf, {"ext": "docx"}, name="report_docx"),
    path("items/<int:pk>/findings/", views.findings, name="findings"),
    path("coverage/<year:year>/", views.coverage_view, name="coverage"),
    path("pool/", views.pool_view, name="pool"),
    path("pool/<int:pk>/remove/", views.pool_remove, name="pool_remove"),
]
