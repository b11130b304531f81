from django.contrib import admin

from members.admin import SuperuserAdmin
from supervision.models import SupervisionPlan


@admin.register(SupervisionPlan)
class SupervisionPlanAdmin(SuperuserAdmin):
    list_display = ["__str__", "cell", "status", "number", "approved_at"]
    list_filter = ["status", "cell"]
    list_select_related = ["cell"]
    raw_id_fields = ["approved_by"]
    readonly_fields = ["approved_at", "reported_at"]
