from django.contrib import admin

from evaluations.models import Classification
from members.admin import SuperuserAdmin


@admin.register(Classification)
class ClassificationAdmin(SuperuserAdmin):
    list_display = ["member", "year", "level", "confirmed_by", "confirmed_on"]
    list_filter = ["year", "cell"]
    list_select_related = ["member", "level", "confirmed_by"]
    raw_id_fields = ["member", "confirmed_by"]
