from django.contrib import admin

from members.models import AuditEntry, Cell, Member, Unit


class SuperuserAdmin(admin.ModelAdmin):
    """Records of the cell's life, open read-write to superusers only: the app's pages and services are
    the way to change them (audited); approved ones the database refuses to change at all (core.frozen)."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


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
