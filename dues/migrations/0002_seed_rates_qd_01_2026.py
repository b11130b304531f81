"""The rates of Quy định 01-QĐ/TW ngày 03/02/2026 (it replaced Quy định 342-QĐ/TW of 2010), seeded as data a
clerk can change in the administration when a new rule comes into force."""

from datetime import date
from decimal import Decimal

from django.db import migrations

SOURCE = "Quy định 01-QĐ/TW ngày 03/02/2026"
RATES = [
    ("salary", Decimal("1.00"), None),  # 1 % of the salary on which social insurance was paid the month before
    ("pension", Decimal("0.50"), None),  # 0.5 % of the pension
    ("student", None, 5000),  # pupils and students: 5.000 đồng a month
]


def seed(apps, schema_editor):
    DuesRate = apps.get_model("dues", "DuesRate")
    for basis, percent, fixed in RATES:
        DuesRate.objects.get_or_create(
            basis=basis,
            valid_from=date(2026, 2, 3),
            defaults={"percent": percent, "fixed_amount": fixed, "source": SOURCE},
        )


def unseed(apps, schema_editor):
    apps.get_model("dues", "DuesRate").objects.filter(source=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [("dues", "0001_ledger")]

    operations = [migrations.RunPython(seed, unseed)]
