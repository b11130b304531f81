from django.contrib import admin

from meetings.models import MeetingRecord
from members.admin import SuperuserAdmin


@admin.register(MeetingRecord)
class MeetingRecordAdmin(SuperuserAdmin):
    list_display = ["meeting", "status", "minutes_number", "resolution_number", "approved_at"]
    list_filter = ["status", "meeting__cell"]
    list_select_related = ["meeting__cell"]
    raw_id_fields = ["meeting", "approved_by"]
    readonly_fields = ["approved_at", "updated_at"]
