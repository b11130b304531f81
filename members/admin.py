from django.contrib import admin

from members.models import AuditEntry, Cell, Member, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Cell)
class CellAdmin(admin.ModelAdmin):
    list_display = ["name", "superior_name", "term_label"]
    inlines = [UnitInline]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["full_name", "cell", "unit", "role", "official_date", "left_on"]
    list_filter = ["cell", "role"]
    search_fields = ["full_name", "party_card_number", "user__username"]
    list_select_related = ["cell", "unit"]
    raw_id_fields = ["user"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "cell", "actor", "action", "object_repr"]
    list_filter = ["cell", "action"]
    list_select_related = ["cell", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
