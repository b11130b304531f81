from django.urls import path

from dues import views

app_name = "dues"

urlpatterns = [
    path("", views.my_dues, name="mine"),
    path("cell/<year:year>/<month:month>/", views.month_view, name="month"),
    path("cell/<year:year>/<month:month>/pay/", views.payment_create, name="pay"),
    path("cell/<year:year>/<month:month>/remit/", views.remittance_create, name="remit"),
    path("cell/<year:year>/", views.year_view, name="year"),
    path("cell/<year:year>.xlsx", views.year_report, name="year_xlsx"),
    path("payment/<int:pk>/remove/", views.payment_delete, name="payment_delete"),
    path("member/<int:pk>/basis/", views.basis_edit, name="basis"),
    path("treasurer/", views.treasurer_set, name="treasurer"),
]
