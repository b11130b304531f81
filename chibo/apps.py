from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save


class ChiboConfig(AppConfig):
    """The top layer: the project wiring, the demo and the search index over every app."""

    name = "chibo"
    verbose_name = "chibo"

    def ready(self):
        connect_search_index()


def connect_search_index():
    """Each saved or deleted record updates its search row (``chibo.search.index``). A signal here,
    not a call in the services: the apps below cannot import the top layer."""
    from assignments.models import Task
    from chibo.search import index
    from meetings.models import Addendum, AgendaItem, GuidingDocument, Meeting, MeetingRecord
    from supervision.models import SupervisionItem, SupervisionPlan

    def when_running(function):
        def receiver(sender, instance, **kwargs):
            if not index.is_paused():
                function(instance, **kwargs)

        return receiver

    def meeting_saved(meeting, created=False, **kwargs):
        index.index_meeting(meeting.pk)
        if created:  # its agenda items are written next, in bulk (meetings.services.meeting_prepare)
            transaction.on_commit(lambda: index.index_meeting(meeting.pk))

    receivers = [
        (post_save, Meeting, meeting_saved),
        (post_save, MeetingRecord, lambda record, **kw: index.index_meeting(record.meeting_id)),
        (post_save, Addendum, lambda addendum, **kw: index.index_meeting(addendum.record.meeting_id)),
        (post_save, AgendaItem, lambda item, **kw: index.index_meeting(item.meeting_id)),
        (post_delete, AgendaItem, lambda item, **kw: index.unindex(index.Kind.AGENDA, item.pk)),
        (post_delete, Meeting, lambda meeting, **kw: index.index_meeting(meeting.pk)),
        (post_save, Task, lambda task, **kw: index.index_task(task.pk)),
        (post_delete, Task, lambda task, **kw: index.unindex(index.Kind.TASK, task.pk)),
        (post_save, GuidingDocument, lambda document, **kw: index.index_document(document.pk)),
        (post_delete, GuidingDocument, lambda document, **kw: index.unindex(index.Kind.DOCUMENT, document.pk)),
        (post_save, SupervisionItem, lambda item, **kw: index.index_finding(item.pk)),
        (post_delete, SupervisionItem, lambda item, **kw: index.unindex(index.Kind.FINDING, item.pk)),
        (post_save, SupervisionPlan, lambda plan, **kw: index.index_plan(plan.pk)),
    ]
    for signal, sender, function in receivers:
        signal.connect(when_running(function), sender=sender, weak=False, dispatch_uid=f"search-{sender.__name__}")
