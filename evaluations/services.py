"""Writes of the evaluations app; every change to a record about a person is in the audit log."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.months import month_after
from documents.models import FrozenDocument
from documents.selectors import is_frozen
from documents.services import document_freeze
from evaluations import notifications
from evaluations.models import (
    Announcement,
    Classification,
    MonthlyReview,
    Proposal,
    RatingLevel,
    RecordView,
    ReviewRow,
    Violation,
    WorkGrade,
)
from evaluations.pdf import classification_printable, is_decided
from evaluations.selectors import classification_day, route_review, year_records
from members.models import AuditEntry, Cell, Member
from members.services import audit_record

if TYPE_CHECKING:  # meetings sits above this app: it is named here, never imported at run time
    from meetings.models import Meeting

DEFAULT_WORK_GRADES = [
    ("A", "Hoàn thành xuất sắc công việc trong tháng"),
    ("B", "Hoàn thành tốt công việc trong tháng"),
    ("C", "Hoàn thành công việc trong tháng"),
]

# Quy định 366-QĐ/TW Art. 11: label, from points, all tasks on time, tasks above the expected level (%),
# every shortcoming remedied, no party discipline in the year (the last: practice under the earlier
# guidance, to confirm with the superior committee). Copied into each cell's editable RatingLevel rows.
DEFAULT_RATING_LEVELS = [
    ("Hoàn thành xuất sắc nhiệm vụ", 90, True, 30, True, True),
    ("Hoàn thành tốt nhiệm vụ", 70, True, 0, False, True),
    ("Hoàn thành nhiệm vụ", 50, False, 0, False, False),
    ("Không hoàn thành nhiệm vụ", 0, False, 0, False, False),
]


def work_grades(cell: Cell) -> list[WorkGrade]:
    """The cell's monthly work grade scale; A/B/C is copied in on first use."""
    grades = list(WorkGrade.objects.filter(cell=cell))
    if not grades:
        WorkGrade.objects.bulk_create(
            WorkGrade(cell=cell, position=n, code=code, label=label)
            for n, (code, label) in enumerate(DEFAULT_WORK_GRADES, start=1)
        )
        grades = list(WorkGrade.objects.filter(cell=cell))
    return grades


def rating_levels(cell: Cell) -> list[RatingLevel]:
    """The cell's classification levels, best first; the QĐ 366 levels are copied in on first use."""
    levels = list(RatingLevel.objects.filter(cell=cell))
    if not levels:
        RatingLevel.objects.bulk_create(
            RatingLevel(
                cell=cell,
                position=n,
                label=label,
                min_points=points,
                all_on_time=on_time,
                min_exceeding_share=exceeding,
                all_remedied=remedied,
                no_discipline=clean,
            )
            for n, (label, points, on_time, exceeding, remedied, clean) in enumerate(DEFAULT_RATING_LEVELS, start=1)
        )
        levels = list(RatingLevel.objects.filter(cell=cell))
    return levels


def members_of_month(cell: Cell, month: date) -> list[Member]:
    """Members of the cell at some point in the month (admitted before its end, not left before its start)."""
    from members.selectors import sort_by_name

    end = month_after(month)
    people = Member.objects.filter(cell=cell, admission_date__lt=end).exclude(left_on__lte=month)
    return sort_by_name(people.select_related("unit"))


class ReviewLocked(ValidationError):
    def __init__(self):
        super().__init__(_("This review is confirmed: it can no longer be changed."))


@transaction.atomic
def review_open(*, cell: Cell, month: date, by: Member) -> MonthlyReview:
    """The month's review sheet, with one line per member of the month; opened once."""
    review, created = MonthlyReview.objects.get_or_create(cell=cell, month=month)
    if created:
        ReviewRow.objects.bulk_create(ReviewRow(review=review, member=m) for m in members_of_month(cell, month))
        audit_record(actor=by.user, cell=cell, instance=review, action=AuditEntry.Action.CREATE)
    return review


@transaction.atomic
def review_save(*, review: MonthlyReview, rows: dict[int, dict], by: Member) -> int:
    """Save the sheet: ``rows`` maps a line's pk to its new values; each changed line is logged."""
    if review.is_confirmed:
        raise ReviewLocked()
    changed = 0
    for row in review.rows.select_related("member", "grade"):
        values = rows.get(row.pk)
        if values is None:
            continue
        changes = {}
        for name, value in values.items():
            old = getattr(row, name)
            if old != value:
                changes[name] = (
                    str(old) if name == "grade" and old else old,
                    str(value) if name == "grade" and value else value,
                )
                setattr(row, name, value)
        if changes:
            row.save()
            audit_record(
                actor=by.user, cell=review.cell, instance=row, action=AuditEntry.Action.UPDATE, changes=changes
            )
            changed += 1
    return changed


def _review_status(review: MonthlyReview, status: str, by: Member, stamp: tuple[str, str]) -> MonthlyReview:
    """Move the sheet to ``status``, stamping who (``stamp[0]``) and when (``stamp[1]``); logged."""
    if review.is_confirmed:
        raise ReviewLocked()
    old = review.get_status_display()
    review.status = status
    setattr(review, stamp[0], by)
    setattr(review, stamp[1], timezone.now())
    review.save(update_fields=["status", *stamp])
    changes = {"status": (str(old), str(review.get_status_display()))}
    audit_record(actor=by.user, cell=review.cell, instance=review, action=AuditEntry.Action.UPDATE, changes=changes)
    return review


@transaction.atomic
def review_submit(*, review: MonthlyReview, by: Member) -> MonthlyReview:
    review = _review_status(review, MonthlyReview.Status.SUBMITTED, by, ("submitted_by", "submitted_at"))
    notifications.review_waiting(review)  # mail to the secretary, after commit
    return review


@transaction.atomic
def review_confirm(*, review: MonthlyReview, by: Member) -> MonthlyReview:
    """The secretary confirms the sheet; its proposals then appear in the month's meeting, or, when that
    meeting was already held, in the next meeting not yet held (``review.meeting``, logged)."""
    if not by.may_manage:
        raise ValidationError(_("Only the secretary or deputy secretary may confirm the review."))
    if review.is_confirmed:
        raise ReviewLocked()
    review.meeting = route_review(review)
    review.save(update_fields=["meeting"])
    review = _review_status(review, MonthlyReview.Status.CONFIRMED, by, ("confirmed_by", "confirmed_at"))
    if review.meeting is not None:
        changes = {"meeting": (None, str(review.meeting))}
        audit_record(actor=by.user, cell=review.cell, instance=review, action=AuditEntry.Action.UPDATE, changes=changes)
    return review


def _refuse_member(cell: Cell, member: Member, on: date) -> None:
    if member.cell_id != cell.pk:
        raise ValidationError(_("Choose a member of this cell."))
    if member.left_on is not None and member.left_on <= on:
        raise ValidationError(_("This member had left the cell by that date."))


@transaction.atomic
def record_save(*, record, changes: dict, by: Member):
    """Create or change a commendation or a violation; the change is logged with old and new values."""
    _refuse_member(record.cell, record.member, getattr(record, "decided_on", None) or record.found_on)
    if isinstance(record, Violation) and record.handled_on and record.handled_on < record.found_on:
        raise ValidationError(_("A violation cannot be handled before it was found."))
    created = record.pk is None
    record.save()
    action = AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE
    audit_record(actor=by.user, cell=record.cell, instance=record, action=action, changes=changes)
    return record


@transaction.atomic
def announcements_save(*, meeting: Meeting, entries: list[tuple], by: Member) -> None:
    """What the meeting announced: ``entries`` are (member, kind, text, row); a line without text is removed."""
    existing = {(a.member_id, a.kind): a for a in meeting.announcements.all()}
    for member, kind, text, row in entries:
        if member.cell_id != meeting.cell_id:
            raise ValidationError(_("Choose a member of this cell."))
        current = existing.get((member.pk, kind))
        if current and not text:
            audit_record(actor=by.user, cell=meeting.cell, instance=current, action=AuditEntry.Action.DELETE)
            current.delete()
        elif current and current.text != text:
            audit_record(
                actor=by.user,
                cell=meeting.cell,
                instance=current,
                action=AuditEntry.Action.UPDATE,
                changes={"text": (current.text, text)},
            )
            current.text = text
            current.save(update_fields=["text"])
        elif text and not current and kind != Proposal.NONE:
            created = Announcement.objects.create(meeting=meeting, member=member, kind=kind, text=text, row=row)
            audit_record(
                actor=by.user,
                cell=meeting.cell,
                instance=created,
                action=AuditEntry.Action.CREATE,
                changes={"kind": (None, created.get_kind_display()), "text": (None, text)},
            )


class ClassificationDecided(ValidationError):
    def __init__(self):
        super().__init__(_("This classification was decided by the committee: it can no longer be changed."))


def classification_confirm(
    *,
    cell: Cell,
    year: int,
    member: Member,
    level: RatingLevel,
    reason: str,
    points: int,
    proposed: str,
    by: Member,
    on: date | None = None,
    not_on_time: int = 0,
) -> Classification:
    """The committee confirms the proposed level or sets another one, with the reason.

    The decision is final (the database refuses to change it: ``Classification.Meta.triggers``). Confirming
    it again as it stands changes nothing; another level or reason is refused, and the attempt is logged."""
    if member.cell_id != cell.pk or level.cell_id != cell.pk:
        raise ValidationError(_("Choose a member and a level of this cell."))
    reason = reason.strip()
    if level.label != proposed and not reason:
        raise ValidationError(_("Give the reason for choosing a level other than the proposed one."))
    best = RatingLevel.objects.filter(cell=cell).first()
    if not_on_time and (level.all_on_time or (best is not None and best.pk == level.pk)):
        raise ValidationError(
            _(
                "%(name)s has %(count)s task(s) not done on time: the level “%(level)s” needs every task "
                "done on time (Quy định 366-QĐ/TW)."
            )
            % {"name": member.full_name, "count": not_on_time, "level": level.label}
        )
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError(_("The date of the decision cannot be in the future."))
    if on.year < year:
        raise ValidationError(_("The classification of %(year)s is decided in %(year)s or after it.") % {"year": year})
    with transaction.atomic():
        classification, created = Classification.objects.select_related("level").get_or_create(
            cell=cell,
            year=year,
            member=member,
            defaults={
                "level": level,
                "reason": reason,
                "proposed_points": points,
                "proposed_level": proposed,
                "confirmed_by": by,
                "confirmed_on": on,
            },
        )
        if created:
            audit_record(
                actor=by.user,
                cell=cell,
                instance=classification,
                action=AuditEntry.Action.CREATE,
                changes={"level": (None, str(level)), "reason": (None, reason)},
            )
            return classification
    if (classification.level_id, classification.reason) == (level.pk, reason):
        return classification
    audit_record(  # outside the transaction, so that the refusal is kept
        actor=by.user,
        cell=cell,
        instance=classification,
        action=AuditEntry.Action.REFUSED,
        changes={"level": (str(classification.level), str(level)), "reason": (classification.reason, reason)},
    )
    raise ClassificationDecided()


def classification_freeze(*, cell: Cell, year: int) -> bool:
    """Once the committee has decided every rated member's level, the year's report is kept as it stands
    (``documents.FrozenDocument``); later members or renames do not change it. True when frozen."""
    if is_frozen(cell, FrozenDocument.Kind.CLASSIFICATION, year):
        return True
    levels = rating_levels(cell)
    records = year_records(cell, year, levels, today=classification_day(cell, year))
    if not is_decided(records):
        return False
    document_freeze(printable=classification_printable(cell, year, records, levels))
    return True


def record_view_log(*, viewer: Member, subject: Member, what: str) -> None:
    """A look at someone else's review record or findings, kept for them to see; one's own is not logged."""
    if viewer.pk != subject.pk:
        RecordView.objects.create(cell_id=subject.cell_id, subject=subject, viewer=viewer, what=what)
