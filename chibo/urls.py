import os

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from django.views.generic import TemplateView

from chibo.converters import MonthConverter, YearConverter
from chibo.home import home
from chibo.personal_data import my_data
from chibo.search.views import search_view
from members.login import LoginForm
from members.views import ThrottledPasswordChangeView, two_factor, two_factor_setup

register_converter(YearConverter, "year")
register_converter(MonthConverter, "month")

urlpatterns = [
    path("", home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/two-factor/", two_factor, name="two_factor"),
    path("accounts/two-factor/setup/", two_factor_setup, name="two_factor_setup"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", ThrottledPasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("members/me/data/", my_data, name="my_data"),
    path("search/", search_view, name="search"),
    path("members/", include("members.urls")),
    path("meetings/", include("meetings.urls")),
    path("tasks/", include("assignments.urls")),
    path("evaluations/", include("evaluations.urls")),
    path("supervision/", include("supervision.urls")),
    path("dues/", include("dues.urls")),
    path("superior/", include("chibo.superior.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# The benchmark's floor: a bare template page served the same way (only when CHIBO_BENCH=1).
if os.environ.get("CHIBO_BENCH") == "1":
    urlpatterns.append(path("bench/floor/", TemplateView.as_view(template_name="bench_floor.html")))
