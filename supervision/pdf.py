"""The quarterly supervision plan (KẾ HOẠCH) and its results report (BÁO CÁO), signed T/M CHI ỦY.

Each document carries its own date: the plan its approval, the report the day it was adopted; a draft
keeps the blanks of the date line. Members who share a content, a form, a supervisor or findings are
named together ("Các đồng chí A, B, C: …"), as a secretary writes it, instead of nine identical lines."""

import copy
from dataclasses import dataclass, field

from django.utils import timezone

from documents.format import blank_date_line, date_line, document_number, format_for
from documents.models import DocumentType, FrozenDocument
from documents.pdf import render_pdf
from documents.printing import Addendum, Printable, hide_related
from evaluations.pdf import competent_committee
from members.models import Member
from supervision.models import SupervisionItem, SupervisionPlan
from supervision.selectors import plan_items

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

# The document's words for the plan's choices: the print is in Vietnamese whatever the reader's language.
FORMS = {SupervisionItem.Form.REGULAR: "Giám sát thường xuyên", SupervisionItem.Form.THEMATIC: "Giám sát chuyên đề"}
METHODS = {
    SupervisionItem.Method.DIRECT: "trực tiếp (dự sinh hoạt, quan sát, trao đổi với đảng viên)",
    SupervisionItem.Method.INDIRECT: "gián tiếp (qua báo cáo, tài liệu, bản tự kiểm điểm của đảng viên)",
    SupervisionItem.Method.VERIFICATION: "có thẩm tra, xác minh",
}
POSTS = {
    Member.Role.SECRETARY: "Bí thư Chi bộ",
    Member.Role.DEPUTY: "Phó Bí thư Chi bộ",
    Member.Role.COMMITTEE: "Chi ủy viên",
}


@dataclass
class Group:
    """Members sharing one thing (a content, findings, a supervisor …), in the plan's order."""

    key: tuple
    items: list = field(default_factory=list)

    @property
    def first(self) -> SupervisionItem:
        return self.items[0]

    @property
    def who(self) -> str:
        """``Đồng chí A`` or ``Các đồng chí A, B và C``."""
        names = [item.member.full_name for item in self.items]
        if len(names) == 1:
            return f"Đồng chí {names[0]}"
        return f"Các đồng chí {', '.join(names[:-1])} và {names[-1]}"

    @property
    def whom(self) -> str:
        """The same, inside a sentence: ``đồng chí A``, ``các đồng chí A, B và C``."""
        return self.who[0].lower() + self.who[1:]


def grouped(items: list, key) -> list[Group]:
    """``items`` grouped by ``key(item)``, groups in the order of their first member."""
    groups: dict = {}
    for item in items:
        groups.setdefault(key(item), Group(key(item))).items.append(item)
    return list(groups.values())


def _text(value: str) -> str:
    """A recorded text as a clause: trimmed, without its closing full stop (the template adds it)."""
    return value.strip().rstrip(".;").strip()


def _clause(value: str) -> str:
    """A text that follows a colon: its first letter in lower case unless it starts a name or an
    abbreviation ("Việc thực hiện …" → "việc thực hiện …", "QĐ 366 …" stays)."""
    value = _text(value)
    if len(value) > 1 and value[0].isupper() and value[1].islower():
        return value[0].lower() + value[1:]
    return value


def plan_citation(plan: SupervisionPlan) -> str:
    """``Kế hoạch số 03-KH/CB ngày 25/6/2026 của Chi ủy``, as the report cites it."""
    cell = plan.cell
    text = "Kế hoạch"
    if plan.number:
        text += f" số {plan.number:02d}-{DocumentType.PLAN}/{cell.document_code}"
    day = plan.approval_date
    if day:
        text += f" ngày {day:%d/%m/%Y}"
    return f"{text} của Chi ủy {cell.name}"


def _context(plan: SupervisionPlan, number: str, day, reader: Member) -> dict:
    """The document as ``reader`` may read it: an ordinary member sees only the lines about them,
    as on the plan's page; the committee sees every line."""
    cell = plan.cell
    fmt = format_for(cell)
    signer = plan.approved_by or Member.objects.filter(cell=cell, role=Member.Role.SECRETARY).active().first()
    items = plan_items(plan, reader)
    rank = {Member.Role.SECRETARY: 0, Member.Role.DEPUTY: 1}
    supervisors = sorted(
        grouped(items, lambda item: item.supervisor_id), key=lambda g: rank.get(g.first.supervisor.role, 2)
    )
    for group in supervisors:
        group.post = POSTS.get(group.first.supervisor.role, "")
    return {
        "fmt": fmt,
        "cell": cell,
        "plan": plan,
        "roman": ROMAN[plan.quarter],
        "items": items,
        "scope": _clause(plan.scope) or "các đồng chí đảng viên trong chi bộ",
        "contents": grouped(items, lambda item: _clause(item.content)),
        "methods": [
            (f"{FORMS[g.first.form]}, {METHODS[g.first.method]}", g)
            for g in grouped(items, lambda item: (item.form, item.method))
        ],
        "supervisors": supervisors,
        "periods": grouped(items, lambda item: (item.period_start, item.period_end, item.report_due)),
        "committee": competent_committee(cell),
        "number": number,
        "date_line": date_line(cell.place_name, day) if day else blank_date_line(cell.place_name),
        "signer": signer,
        "signer_title": fmt.deputy if signer and signer.role == Member.Role.DEPUTY else fmt.secretary,
    }


def render_plan_pdf(plan: SupervisionPlan, *, reader: Member) -> bytes:
    printable = plan_printable(plan, reader=reader)
    return render_pdf(printable.template, printable.context)


def plan_printable(plan: SupervisionPlan, *, reader: Member) -> Printable:
    """The plan; its addenda (after approval) follow on pages of their own."""
    plan = copy.copy(plan)  # its addenda are hidden from the template: not from the caller's plan
    number = document_number(plan.number, DocumentType.PLAN, plan.cell.document_code)
    context = _context(plan, number, plan.approval_date, reader)
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


def report_context(plan: SupervisionPlan, *, reader: Member) -> dict:
    number = document_number(plan.report_number, DocumentType.REPORT, plan.cell.document_code)
    context = _context(plan, number, plan.report_date, reader)
    items = context["items"]
    context["findings"] = grouped(
        items,
        lambda item: (
            _text(item.strengths),
            _text(item.shortcomings),
            _text(item.recommendations),
            item.violation_sign,
            item.supervisor_id,
        ),
    )
    context["citation"] = plan_citation(plan)
    context["flagged"] = grouped([item for item in items if item.violation_sign], lambda item: True)
    context["with_shortcomings"] = sum(1 for item in items if item.shortcomings.strip())
    context["missing"] = [item for item in items if not item.has_findings]
    context["draft"] = plan.status != SupervisionPlan.Status.REPORTED
    return context


def render_report_pdf(plan: SupervisionPlan, *, reader: Member) -> bytes:
    printable = report_printable(plan, reader=reader)
    return render_pdf(printable.template, printable.context)


def report_printable(plan: SupervisionPlan, *, reader: Member) -> Printable:
    return Printable(
        kind=FrozenDocument.Kind.REPORT,
        object_id=plan.pk,
        template="supervision/pdf/report.html",
        context=report_context(plan, reader=reader),
        filename=f"bao-cao-giam-sat-quy-{plan.quarter}-{plan.year}",
    )
