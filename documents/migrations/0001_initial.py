"""The models of meetings 0002 taken over in Django's state; their tables and rows stay as they are."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def content_types_follow(apps, schema_editor):
    """The audit log and the permissions point at content types: move them, not make new ones."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("documentformat", "documentcounter"):
        if not ContentType.objects.filter(app_label="documents", model=model).exists():
            ContentType.objects.filter(app_label="meetings", model=model).update(app_label="documents")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('members', '0007_data_version'),
        ('meetings', '0004_documents_app'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DocumentFormat',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source', models.CharField(default='Hướng dẫn 36-HD/VPTW (2018), Quy định 399-QĐ/TW (2026)', max_length=200, verbose_name='source')),
                        ('margin_top_mm', models.PositiveSmallIntegerField(default=20, validators=[django.core.validators.MinValueValidator(5), django.core.validators.MaxValueValidator(60)], verbose_name='top margin (mm)')),
                        ('margin_bottom_mm', models.PositiveSmallIntegerField(default=20, validators=[django.core.validators.MinValueValidator(5), django.core.validators.MaxValueValidator(60)], verbose_name='bottom margin (mm)')),
                        ('margin_left_mm', models.PositiveSmallIntegerField(default=30, validators=[django.core.validators.MinValueValidator(5), django.core.validators.MaxValueValidator(60)], verbose_name='left margin (mm)')),
                        ('margin_right_mm', models.PositiveSmallIntegerField(default=15, validators=[django.core.validators.MinValueValidator(5), django.core.validators.MaxValueValidator(60)], verbose_name='right margin (mm)')),
                        ('body_pt', models.PositiveSmallIntegerField(default=14, validators=[django.core.validators.MinValueValidator(8), django.core.validators.MaxValueValidator(20)], verbose_name='body text size (pt)')),
                        ('party_name_pt', models.PositiveSmallIntegerField(default=15, validators=[django.core.validators.MinValueValidator(8), django.core.validators.MaxValueValidator(20)], verbose_name='size of “ĐẢNG CỘNG SẢN VIỆT NAM” (pt)')),
                        ('doc_type_pt', models.PositiveSmallIntegerField(default=16, validators=[django.core.validators.MinValueValidator(8), django.core.validators.MaxValueValidator(24)], verbose_name='size of the document type name (pt)')),
                        ('summary_pt', models.PositiveSmallIntegerField(default=14, validators=[django.core.validators.MinValueValidator(8), django.core.validators.MaxValueValidator(20)], verbose_name='size of the summary line (pt)')),
                        ('recipients_pt', models.PositiveSmallIntegerField(default=12, validators=[django.core.validators.MinValueValidator(8), django.core.validators.MaxValueValidator(20)], verbose_name='size of the recipients (pt)')),
                        ('first_line_indent_mm', models.PositiveSmallIntegerField(default=10, validators=[django.core.validators.MaxValueValidator(40)], verbose_name='first-line indent (mm)')),
                        ('party_name', models.CharField(default='ĐẢNG CỘNG SẢN VIỆT NAM', max_length=100, verbose_name='party name')),
                        ('for_cell', models.CharField(default='T/M CHI BỘ', max_length=50, verbose_name='signs for the cell')),
                        ('for_committee', models.CharField(default='T/M CHI ỦY', max_length=50, verbose_name='signs for the committee')),
                        ('secretary', models.CharField(default='BÍ THƯ', max_length=50, verbose_name="secretary's title")),
                        ('deputy', models.CharField(default='PHÓ BÍ THƯ', max_length=50, verbose_name="deputy secretary's title")),
                        ('minute_taker_label', models.CharField(default='THƯ KÝ', max_length=50, verbose_name="minute-taker's title")),
                        ('chair_label', models.CharField(default='CHỦ TRÌ', max_length=50, verbose_name="chair's title")),
                        ('recipients_label', models.CharField(default='Nơi nhận:', max_length=50, verbose_name='recipients label')),
                        ('draft_mark', models.CharField(default='DỰ THẢO', max_length=30, verbose_name='draft mark')),
                        ('cell', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='document_format', to='members.cell', verbose_name='cell')),
                    ],
                    options={
                        'verbose_name': 'document format',
                        'verbose_name_plural': 'document formats',
                        'db_table': 'meetings_documentformat',
                    },
                ),
                migrations.CreateModel(
                    name='DocumentCounter',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('term_label', models.CharField(max_length=20, verbose_name='committee term')),
                        ('doc_type', models.CharField(choices=[('CTr', 'Programme (CTr)'), ('NQ', 'Resolution (NQ)'), ('BB', 'Minutes (BB)'), ('KH', 'Plan (KH)'), ('BC', 'Report (BC)'), ('KL', 'Conclusion (KL)'), ('TB', 'Notice (TB)')], max_length=5, verbose_name='document type')),
                        ('next_number', models.PositiveIntegerField(default=1, validators=[django.core.validators.MinValueValidator(1)], verbose_name='next number')),
                        ('cell', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='document_counters', to='members.cell', verbose_name='cell')),
                    ],
                    options={
                        'verbose_name': 'document counter',
                        'verbose_name_plural': 'document counters',
                        'db_table': 'meetings_documentcounter',
                        'ordering': ['doc_type'],
                        'constraints': [models.UniqueConstraint(fields=('cell', 'term_label', 'doc_type'), name='meetings_documentcounter_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, migrations.RunPython.noop),
    ]
