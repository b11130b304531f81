from django.urls import path

from members import views, views_registry

app_name = "members"

urlpatterns = [
    path("", views.member_list_view, name="list"),
    path("new/", views.member_create, name="create"),
    path("import/", views_registry.registry_import, name="import"),
    path("import/confirm/", views_registry.registry_import_confirm, name="import_confirm"),
    path("import/template.xlsx", views_registry.registry_template, name="template_xlsx"),
    path("export.xlsx", views_registry.registry_export, name="export_xlsx"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
    path("<int:pk>/transfer/", views.member_transfer, name="transfer"),
    path("<int:pk>/password/", views.member_password_reset, name="password_reset"),
    path("cell/", views.cell_settings, name="cell"),
    path("me/settings/", views.my_settings, name="my_settings"),
    path("cell/units/new/", views.unit_create, name="unit_create"),
    path("cell/units/<int:pk>/", views.unit_edit, name="unit_edit"),
]
