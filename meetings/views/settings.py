"""The meeting's own ordered settings: the standard order of a regular meeting and the scoring sheet.

They are edited by the shared pages of members.views (setting_list …); the scales of tasks and reviews
are declared by their apps (assignments.views.LEVELS, evaluations.views.GRADES and RATINGS).
"""

from django.utils.translation import gettext_lazy

from meetings import services
from meetings.forms import ScoringCriterionForm, StandardStepForm
from meetings.models import ScoringCriterion, StandardAgendaItem
from members.views import SettingRows

STANDARD = SettingRows(
    model=StandardAgendaItem,
    form=StandardStepForm,
    rows=services.standard_agenda,
    template="meetings/standard.html",
    edit_template="meetings/standard_step_form.html",
    url="meetings:standard",
    initial={"section": 2, "default_minutes": 10},
    added=gettext_lazy("The step was added to the standard order."),
    saved=gettext_lazy("The step was saved."),
    removed=gettext_lazy("The step was removed from the standard order."),
)


SCORING = SettingRows(
    model=ScoringCriterion,
    form=ScoringCriterionForm,
    rows=services.scoring_sheet,
    template="meetings/scoring.html",
    edit_template="meetings/scoring_form.html",
    url="meetings:scoring",
    initial={"max_points": 10},
    added=gettext_lazy("The criterion was added to the scoring sheet."),
    saved=gettext_lazy("The criterion was saved."),
    removed=gettext_lazy("The criterion was removed from the scoring sheet."),
)
