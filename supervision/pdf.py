"""The quarterly supervision plan (KẾ HOẠCH) and its results report (BÁO CÁO), signed T/M CHI ỦY."""

from django.utils import timezone

from documents.format import date_line, document_number, format_for
from documents.models import DocumentType
from documents.pdf import render_pdf
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
    day = timezone.localtime(plan.approved_at).date() if plan.approved_at else timezone.localdate()
    context = _context(plan, document_number(plan.number, DocumentType.PLAN, plan.cell.document_code), day, reader)
    context["draft"] = not plan.is_locked
    return render_pdf("supervision/pdf/plan.html", context)


def render_report_pdf(plan: SupervisionPlan, *, reader: Member) -> bytes:
    day = timezone.localtime(plan.reported_at).date() if plan.reported_at else timezone.localdate()
    number = document_number(plan.report_number, DocumentType.REPORT, plan.cell.document_code)
    context = _context(plan, number, day, reader)
    context["draft"] = plan.status != SupervisionPlan.Status.REPORTED
    return render_pdf("supervision/pdf/report.html", context)
