"""The quarterly supervision plan (KẾ HOẠCH) and its results report (BÁO CÁO), signed T/M CHI ỦY."""

import copy

from django.utils import timezone

from documents.format import date_line, document_number, format_for
from documents.models import DocumentType, FrozenDocument
from documents.pdf import render_pdf
from documents.printing import Addendum, Printable, hide_related
from members.models import Member
from supervision.models import SupervisionPlan
from supervision.selectors import plan_items

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _context(plan: SupervisionPlan, number: str, day, reader: Member) -> dict:
    """The document as ``reader`` may read it: an ordinary member sees only the lines about them,
    as on the plan's page; the committee sees every line."""
    cell = plan.cell
    fmt = format_for(cell)
    signer = plan.approved_by or Member.objects.filter(cell=cell, role=Member.Role.SECRETARY).active().first()
    items = plan_items(plan, reader)
    return {
        "fmt": fmt,
        "cell": cell,
        "plan": plan,
        "roman": ROMAN[plan.quarter],
        "items": items,
        "number": number,
        "date_line": date_line(cell.place_name, day),
        "signer": signer,
        "signer_title": fmt.deputy if signer and signer.role == Member.Role.DEPUTY else fmt.secretary,
    }


def render_plan_pdf(plan: SupervisionPlan, *, reader: Member) -> bytes:
    printable = plan_printable(plan, reader=reader)
    return render_pdf(printable.template, printable.context)


def plan_printable(plan: SupervisionPlan, *, reader: Member) -> Printable:
    """The plan; its addenda (after approval) follow on pages of their own."""
    plan = copy.copy(plan)  # its addenda are hidden from the template: not from the caller's plan
    day = timezone.localtime(plan.approved_at).date() if plan.approved_at else timezone.localdate()
    number = document_number(plan.number, DocumentType.PLAN, plan.cell.document_code)
    context = _context(plan, number, day, reader)
    context["draft"] = not plan.is_locked
    addenda = [Addendum(timezone.localtime(a.created_at).date(), a.text) for a in hide_related(plan, "addenda")]
    return Printable(
        kind=FrozenDocument.Kind.PLAN,
        object_id=plan.pk,
        template="supervision/pdf/plan.html",
        context=context,
        filename=f"ke-hoach-giam-sat-quy-{plan.quarter}-{plan.year}",
        title=f"Kế hoạch giám sát quý {context['roman']} năm {plan.year} ({number})",
        addenda=addenda,
        addendum_label="BỔ SUNG",
    )


def render_report_pdf(plan: SupervisionPlan, *, reader: Member) -> bytes:
    printable = report_printable(plan, reader=reader)
    return render_pdf(printable.template, printable.context)


def report_printable(plan: SupervisionPlan, *, reader: Member) -> Printable:
    day = timezone.localtime(plan.reported_at).date() if plan.reported_at else timezone.localdate()
    number = document_number(plan.report_number, DocumentType.REPORT, plan.cell.document_code)
    context = _context(plan, number, day, reader)
    context["draft"] = plan.status != SupervisionPlan.Status.REPORTED
    return Printable(
        kind=FrozenDocument.Kind.REPORT,
        object_id=plan.pk,
        template="supervision/pdf/report.html",
        context=context,
        filename=f"bao-cao-giam-sat-quy-{plan.quarter}-{plan.year}",
    )
