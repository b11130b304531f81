"""Reads of the supervision app, each shaped so a template never triggers a query."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from assignments.models import Task
from evaluations.models import Classification
from members.models import Cell, Member
from members.selectors import sort_by_name
from supervision.models import Candidate, SupervisionItem, SupervisionPlan


def plans_for(member: Member):
    """Plans the member may open: all of the cell for the committee; approved ones that concern them otherwise."""
    plans = SupervisionPlan.objects.filter(cell=member.cell)
    if member.may_prepare:
        return plans
    return (
        plans.exclude(status=SupervisionPlan.Status.DRAFT)
        .filter(Q(items__member=member) | Q(items__supervisor=member))
        .distinct()
    )


def plan_items(plan: SupervisionPlan, member: Member) -> list[SupervisionItem]:
    items = plan.items.select_related("member", "supervisor", "violation").order_by("member__full_name")
    if not member.may_prepare:
        items = items.filter(Q(member=member) | Q(supervisor=member))
    return sort_by_name_items(list(items))


def sort_by_name_items(items):
    order = {m.pk: n for n, m in enumerate(sort_by_name([item.member for item in items]))}
    return sorted(items, key=lambda item: order[item.member.pk])


@dataclass
class CoverageRow:
    member: Member
    quarters: list = field(default_factory=list)  # True / False / None (quarter not reached yet)
    gap: bool = False  # two quarters in a row without supervision


def coverage(cell: Cell, year: int, today: date) -> list[CoverageRow]:
    """Which members were supervised in which quarter of the year (approved plans only)."""
    done = set(
        SupervisionItem.objects.filter(plan__cell=cell, plan__year=year)
        .exclude(plan__status=SupervisionPlan.Status.DRAFT)
        .values_list("member_id", "plan__quarter")
    )
    current = (today.month - 1) // 3 + 1 if today.year == year else (4 if today.year > year else 0)
    rows = []
    people = [m for m in sort_by_name(Member.objects.filter(cell=cell).active()) if not m.is_exempt]
    for member in people:
        quarters = [(member.pk, q) in done if q <= current else None for q in range(1, 5)]
        reached = [q for q in quarters if q is not None]
        gap = any(not a and not b for a, b in zip(reached, reached[1:], strict=False))
        rows.append(CoverageRow(member, quarters, gap))
    return rows


@dataclass
class PoolRow:
    candidate: Candidate
    findings: int = 0
    tasks_above: int = 0
    tasks_done: int = 0
    classification: Classification | None = None


def pool(cell: Cell) -> list[PoolRow]:
    candidates = list(Candidate.objects.filter(cell=cell).select_related("member", "added_by"))
    ids = [c.member_id for c in candidates]
    findings = dict(
        SupervisionItem.objects.filter(member_id__in=ids, findings_on__isnull=False)
        .values("member")
        .annotate(n=Count("pk"))
        .values_list("member", "n")
    )
    tasks = Task.objects.filter(assignee_id__in=ids, state=Task.State.DONE).select_related(
        "assessed_level", "expected_level"
    )
    done, above = {}, {}
    for task in tasks:
        done[task.assignee_id] = done.get(task.assignee_id, 0) + 1
        if task.assessed_level and task.assessed_level.position < task.expected_level.position:
            above[task.assignee_id] = above.get(task.assignee_id, 0) + 1
    latest = {}
    for decision in Classification.objects.filter(member_id__in=ids).select_related("level").order_by("year"):
        latest[decision.member_id] = decision
    return [
        PoolRow(
            c,
            findings.get(c.member_id, 0),
            above.get(c.member_id, 0),
            done.get(c.member_id, 0),
            latest.get(c.member_id),
        )
        for c in candidates
    ]


@dataclass
class CommitteeSize:
    official: int
    committee: int
    required: bool
    minimum: int

    @property
    def short(self) -> bool:
        return self.required and self.committee < self.minimum


def committee_size(cell: Cell) -> CommitteeSize:
    active = Member.objects.filter(cell=cell).active()
    official = active.official().count()
    committee = active.filter(role__in=Member.COMMITTEE_ROLES).count()
    return CommitteeSize(official, committee, official >= cell.committee_required_from, cell.committee_size_min)
