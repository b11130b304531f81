from django.contrib import admin

from dues.models import DuesBasis, DuesPayment, DuesRate, DuesRemittance
from members.admin import SuperuserAdmin


@admin.register(DuesRate)
class DuesRateAdmin(SuperuserAdmin):
    """The rates of the dues rules: a clerk changes them here when a new rule comes into force."""

    list_display = ["basis", "percent", "fixed_amount", "source", "valid_from"]
    list_filter = ["basis"]


@admin.register(DuesBasis)
class DuesBasisAdmin(SuperuserAdmin):
    list_display = ["member", "valid_from", "kind", "declared_amount", "relief"]
    list_select_related = ["member"]
    raw_id_fields = ["member"]


@admin.register(DuesPayment)
class DuesPaymentAdmin(SuperuserAdmin):
    list_display = ["member", "first_month", "last_month", "amount", "method", "paid_on"]
    list_filter = ["cell", "method"]
    list_select_related = ["member"]
    raw_id_fields = ["member", "collected_by"]


@admin.register(DuesRemittance)
class DuesRemittanceAdmin(SuperuserAdmin):
    list_display = ["cell", "month", "amount", "receipt_number", "remitted_on"]
    list_filter = ["cell"]
