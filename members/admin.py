from django.contrib import admin

from members.models import AuditEntry, Cell, CommitteeOfficer, Member, Organisation, Unit


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
    list_display = ["name", "superior_name", "organisation", "term_label"]
    list_select_related = ["organisation"]
    inlines = [UnitInline]

    def save_model(self, request, obj, form, change):
        """A cell under an organisation names it in its headers: ``superior_name`` follows the organisation."""
        if obj.organisation_id:
            obj.superior_name = obj.organisation.name
        super().save_model(request, obj, form, change)


class OfficerInline(admin.TabularInline):
    model = CommitteeOfficer
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """A đảng bộ above cells; its officers read its cells (chibo/superior). A cell joins it from the cell's page,
    and its header then names the organisation (``superior_name``)."""

    list_display = ["name", "committee_name", "place_name"]
    inlines = [OfficerInline]


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
