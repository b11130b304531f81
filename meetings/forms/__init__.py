"""Forms of the meetings app, by activity (``agenda``, ``record``), re-exported here."""

from documents.forms import AddendumForm
from meetings.forms.agenda import (
    AgendaItemForm,
    GuidingDocumentForm,
    MeetingForm,
    NewMeetingForm,
    PrepareForm,
    ResolutionPostedForm,
    ScoringCriterionForm,
    StandardStepForm,
    TimeInput,
    VersionForm,
    cell_members,
)
from meetings.forms.live import ConfirmForm, LiveSpeechForm, LiveVoteForm
from meetings.forms.record import (
    AttendanceForm,
    ItemRecordForm,
    MinutesForm,
    PeriodForm,
    ResolutionForm,
    SpeechForm,
    TaskForm,
    TaskFormSet,
)

__all__ = [
    "AddendumForm",
    "AgendaItemForm",
    "AttendanceForm",
    "ConfirmForm",
    "GuidingDocumentForm",
    "ItemRecordForm",
    "LiveSpeechForm",
    "LiveVoteForm",
    "MeetingForm",
    "MinutesForm",
    "NewMeetingForm",
    "PeriodForm",
    "PrepareForm",
    "ResolutionPostedForm",
    "ResolutionForm",
    "ScoringCriterionForm",
    "SpeechForm",
    "StandardStepForm",
    "TaskForm",
    "TaskFormSet",
    "TimeInput",
    "VersionForm",
    "cell_members",
]
