"""Writes of the supervision app: plans proposed, edited while a draft, approved (then locked, with
addenda), findings recorded, the quarter reported; the committee-source pool. All audited."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import unique_or
from documents.models import DocumentType
from documents.services import document_freeze, document_number_take
from evaluations.models import Violation
from evaluations.services import record_save
from members.models import AuditEntry, Cell, Member
from members.selectors import sort_by_name
from members.services import audit_record
from supervision.models import Candidate, PlanAddendum, SupervisionItem, SupervisionPlan, quarter_bounds
from supervision.pdf import plan_printable, report_printable

DEFAULT_CONTENT = (
    "Việc thực hiện nhiệm vụ được chi bộ phân công; thực hiện nghị quyết của chi bộ; "
    "trách nhiệm nêu gương; việc thực hiện những điều đảng viên không được làm."
)
DEFAULT_PURPOSE = (
    "Kịp thời phát hiện, nhắc nhở, uốn nắn những hạn chế, thiếu sót của đảng viên; phát huy ưu điểm, "
    "phát hiện nhân tố mới để bồi dưỡng, tạo nguồn cấp ủy. Giám sát đúng nguyên tắc, khách quan, "
    "không làm ảnh hưởng đến công tác chuyên môn."
)
DEFAULT_SCOPE = "Các đồng chí đảng viên trong chi bộ (trừ đảng viên được miễn công tác và sinh hoạt đảng)."


class PlanLocked(ValidationError):
    def __init__(self):
        super().__init__(
            _("This plan is approved and locked: nothing was changed. Add a correction as an addendum instead.")
        )


def _audit(plan, by: Member, action: str, changes=None, instance=None) -> None:
    audit_record(actor=by.user, cell=plan.cell, instance=instance or plan, action=action, changes=changes)


def next_quarter(cell: Cell) -> tuple[int, int]:
    """The quarter after the cell's latest plan, or the current quarter when there is none."""
    latest = SupervisionPlan.objects.filter(cell=cell).order_by("-year", "-quarter").first()
    if latest is None:
        today = timezone.localdate()
        return today.year, (today.month - 1) // 3 + 1
    return (latest.year + 1, 1) if latest.quarter == 4 else (latest.year, latest.quarter + 1)


def committee_of(cell: Cell) -> list[Member]:
    return sort_by_name(Member.objects.filter(cell=cell, role__in=Member.COMMITTEE_ROLES).active())


@transaction.atomic
def plan_propose(*, cell: Cell, year: int, quarter: int, by: Member) -> SupervisionPlan:
    """Next quarter's plan as a draft: every active, non-exempt member, the contents and supervisors
    carried from the previous plan, so the secretary edits rather than types."""
    already = _("The cell already has a plan for this quarter.")
    if SupervisionPlan.objects.filter(cell=cell, year=year, quarter=quarter).exists():
        raise ValidationError(already)
    start, end = quarter_bounds(year, quarter)
    previous = SupervisionPlan.objects.filter(cell=cell).order_by("-year", "-quarter").first()
    carried = {item.member_id: item for item in previous.items.all()} if previous else {}
    with unique_or(already):  # the same quarter proposed at the same moment in another request
        plan = SupervisionPlan.objects.create(
            cell=cell,
            year=year,
            quarter=quarter,
            purpose=previous.purpose if previous else DEFAULT_PURPOSE,
            scope=previous.scope if previous else DEFAULT_SCOPE,
        )
    supervisors = committee_of(cell)
    people = [m for m in sort_by_name(Member.objects.filter(cell=cell).active(start)) if not m.is_exempt]
    items = []
    for n, member in enumerate(people):
        before = carried.get(member.pk)
        choices = [s for s in supervisors if s.pk != member.pk]
        if not choices:
            continue
        supervisor = before.supervisor if before and before.supervisor_id != member.pk else choices[n % len(choices)]
        items.append(
            SupervisionItem(
                plan=plan,
                member=member,
                content=before.content if before else DEFAULT_CONTENT,
                form=before.form if before else SupervisionItem.Form.REGULAR,
                method=before.method if before else SupervisionItem.Method.DIRECT,
                supervisor=supervisor,
                period_start=start,
                period_end=end,
                report_due=end - timedelta(days=5),
            )
        )
    SupervisionItem.objects.bulk_create(items)
    _audit(plan, by, AuditEntry.Action.CREATE)
    return plan


def _check_item(plan: SupervisionPlan, item: SupervisionItem) -> None:
    start, end = plan.bounds
    if item.member.cell_id != plan.cell_id or item.supervisor.cell_id != plan.cell_id:
        raise ValidationError(_("Choose members of this cell."))
    if item.member_id == item.supervisor_id:
        raise ValidationError(_("A member cannot supervise themselves."))
    if not (start <= item.period_start <= item.period_end <= end):
        raise ValidationError(_("The period must lie within the quarter."))


@transaction.atomic
def plan_save(*, plan: SupervisionPlan, fields: dict, items: list, by: Member) -> SupervisionPlan:
    """Save a draft: ``fields`` of the plan, ``items`` as (item or None, values, delete)."""
    if plan.is_locked:
        raise PlanLocked()
    changes = {}
    for name, value in fields.items():
        if getattr(plan, name) != value:
            changes[name] = (getattr(plan, name), value)
            setattr(plan, name, value)
    plan.save()
    for item, values, delete in items:
        if item is not None and delete:
            _audit(plan, by, AuditEntry.Action.DELETE, instance=item)
            item.delete()
            continue
        item = item or SupervisionItem(plan=plan)
        created = item.pk is None
        item_changes = {}
        for name, value in values.items():
            old = getattr(item, name, None) if not created else None
            if old != value:
                item_changes[name] = (str(old) if old is not None else None, str(value))
            setattr(item, name, value)
        _check_item(plan, item)
        # Rows are saved one by one: two rows of one member (a tampered or stale form) meet the constraint.
        with unique_or(_("%(name)s is listed twice.") % {"name": item.member.full_name}):
            item.save()
        if item_changes:
            action = AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE
            _audit(plan, by, action, item_changes, instance=item)
    if changes:
        _audit(plan, by, AuditEntry.Action.UPDATE, changes)
    return plan


def approval_day_default(plan: SupervisionPlan):
    """The date a plan is offered for approval: today, or the quarter's first day once it has begun."""
    return min(timezone.localdate(), plan.bounds[0])


@transaction.atomic
def plan_approve(*, plan: SupervisionPlan, by: Member, on=None) -> SupervisionPlan:
    """The committee approves the plan on ``on`` (its date, on or before the quarter's first day, never in
    the future; by default today or the quarter's first day): it takes its KH number and is locked."""
    if plan.is_locked:
        raise PlanLocked()
    if not plan.items.exists():
        raise ValidationError(_("A plan without any member to supervise cannot be approved."))
    start = plan.bounds[0]
    on = on or approval_day_default(plan)
    if on > timezone.localdate():
        raise ValidationError(_("The approval date cannot be in the future."))
    if on > start:
        raise ValidationError(
            _("A plan is approved before its period: the approval date must be on or before %(start)s.")
            % {"start": start.strftime("%d/%m/%Y")}
        )
    if on < start - timedelta(days=92):
        raise ValidationError(_("The approval date lies more than a quarter before the plan's period."))
    plan.status, plan.approved_by, plan.approved_at = SupervisionPlan.Status.APPROVED, by, timezone.now()
    plan.approved_on = on
    plan.number = document_number_take(cell=plan.cell, doc_type=DocumentType.PLAN)
    plan.save(update_fields=["status", "approved_by", "approved_at", "approved_on", "number"])
    document_freeze(printable=plan_printable(plan, reader=by))  # the whole plan, as approved
    _audit(
        plan,
        by,
        AuditEntry.Action.UPDATE,
        {
            "status": (str(SupervisionPlan.Status.DRAFT.label), str(plan.get_status_display())),
            "approved_on": (None, on.strftime("%d/%m/%Y")),
        },
    )
    return plan


def refuse_if_locked(*, plan: SupervisionPlan, by: Member) -> None:
    """A change to an approved plan is refused and the attempt is logged."""
    if plan.is_locked:
        _audit(plan, by, AuditEntry.Action.REFUSED, {"attempt": (None, "edit of a locked plan")})
        raise PlanLocked()


@transaction.atomic
def addendum_add(*, plan: SupervisionPlan, text: str, by: Member) -> PlanAddendum:
    if not plan.is_locked:
        raise ValidationError(_("A draft plan is corrected directly, not by an addendum."))
    addendum = PlanAddendum.objects.create(plan=plan, text=text, by=by)
    _audit(plan, by, AuditEntry.Action.UPDATE, {"addendum": (None, text)})
    return addendum


@transaction.atomic
def findings_save(*, item: SupervisionItem, values: dict, by: Member, create_violation: bool) -> SupervisionItem:
    """The supervisor's findings; a sign of violation can open a violation record of the member."""
    plan = item.plan
    if not plan.takes_findings:
        raise ValidationError(_("Findings are recorded on an approved plan that is not yet reported."))
    if by.pk != item.supervisor_id and not by.may_manage:
        raise ValidationError(_("Only the supervising committee member or the secretary records these findings."))
    changes = {}
    for name, value in values.items():
        if getattr(item, name) != value:
            changes[name] = (getattr(item, name), value)
            setattr(item, name, value)
    item.findings_on = timezone.localdate()
    if item.violation_sign and create_violation and item.violation is None:
        violation = Violation(
            cell=plan.cell,
            member=item.member,
            description=item.shortcomings or _("Sign of violation found by supervision"),
            found_on=item.findings_on,
            found_by=_("Supervision: %(who)s") % {"who": item.supervisor.full_name},
        )
        item.violation = record_save(record=violation, changes={"description": (None, violation.description)}, by=by)
        changes["violation"] = (None, str(item.violation))
    item.save()
    if plan.status == SupervisionPlan.Status.APPROVED:
        plan.status = SupervisionPlan.Status.IN_PROGRESS
        plan.save(update_fields=["status"])
    audit_record(actor=by.user, cell=plan.cell, instance=item, action=AuditEntry.Action.UPDATE, changes=changes)
    return item


def report_check(plan: SupervisionPlan, on) -> None:
    """What a report needs before the committee signs it: findings for every supervised member, and a
    date after the approval and the last findings, not in the future."""
    if not plan.takes_findings:
        raise ValidationError(_("Only an approved plan in progress can be reported."))
    missing = [item.member.full_name for item in plan.items.select_related("member") if not item.has_findings]
    if missing:
        raise ValidationError(
            _("The findings of %(count)s member(s) are not recorded yet: %(names)s. Record them before reporting.")
            % {"count": len(missing), "names": ", ".join(missing)}
        )
    if on > timezone.localdate():
        raise ValidationError(_("The report date cannot be in the future."))
    approved = plan.approval_date
    if approved and on < approved:
        raise ValidationError(
            _("The report date cannot be before the plan's approval (%(day)s).")
            % {"day": approved.strftime("%d/%m/%Y")}
        )
    last = max((item.findings_on for item in plan.items.all() if item.findings_on), default=None)
    if last and on < last:
        raise ValidationError(
            _("The report date cannot be before the last findings were recorded (%(day)s).")
            % {"day": last.strftime("%d/%m/%Y")}
        )


@transaction.atomic
def plan_report(
    *, plan: SupervisionPlan, summary: str, by: Member, recommendations: str = "", on=None
) -> SupervisionPlan:
    """The quarterly report of ``on`` (today by default): conclusions, recommendations to the cell and its
    BC number; the plan is then closed. Refused while a member's findings are missing."""
    on = on or timezone.localdate()
    summary, recommendations = summary.strip(), recommendations.strip()
    if not summary:
        raise ValidationError(_("Write the conclusions of the supervision."))
    report_check(plan, on)
    plan.report, plan.report_recommendations = summary, recommendations
    plan.status, plan.reported_at, plan.reported_on = SupervisionPlan.Status.REPORTED, timezone.now(), on
    plan.report_number = document_number_take(cell=plan.cell, doc_type=DocumentType.REPORT)
    plan.save(
        update_fields=["report", "report_recommendations", "status", "reported_at", "reported_on", "report_number"]
    )
    document_freeze(printable=report_printable(plan, reader=by))
    _audit(
        plan,
        by,
        AuditEntry.Action.UPDATE,
        {
            "status": (None, str(plan.get_status_display())),
            "report": (None, summary),
            "report_recommendations": (None, recommendations),
            "reported_on": (None, on.strftime("%d/%m/%Y")),
        },
    )
    return plan


@transaction.atomic
def candidate_add(*, cell: Cell, member: Member, reason: str, evidence: str, by: Member) -> Candidate:
    if member.cell_id != cell.pk or not member.is_active:
        raise ValidationError(_("Choose an active member of this cell."))
    already = _("This member is already in the pool.")
    if Candidate.objects.filter(cell=cell, member=member).exists():
        raise ValidationError(already)
    with unique_or(already):
        candidate = Candidate.objects.create(cell=cell, member=member, reason=reason, evidence=evidence, added_by=by)
    audit_record(
        actor=by.user,
        cell=cell,
        instance=candidate,
        action=AuditEntry.Action.CREATE,
        changes={"reason": (None, reason)},
    )
    return candidate


@transaction.atomic
def candidate_remove(*, candidate: Candidate, by: Member) -> None:
    audit_record(actor=by.user, cell=candidate.cell, instance=candidate, action=AuditEntry.Action.DELETE)
    candidate.delete()
