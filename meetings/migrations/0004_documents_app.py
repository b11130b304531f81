"""DocumentFormat and DocumentCounter move to the documents app: only Django's state changes here.

Their tables keep their names (``db_table`` in documents.models) and their rows; documents 0001
takes the models over in the state.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_meeting_record"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="documentformat", name="cell"),
                migrations.DeleteModel(name="DocumentCounter"),
                migrations.DeleteModel(name="DocumentFormat"),
            ],
            database_operations=[],
        ),
    ]
