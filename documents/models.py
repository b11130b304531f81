"""The Party's document format as data, and the numbers documents take.

The tables keep the names they had in ``meetings`` (``db_table``): the models moved, the rows did not.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.frozen import FrozenRow
from core.textwidth import HEADER_COLUMN_MM
from members.models import Cell


class DocumentFormat(models.Model):
    """The Party's document format as data a clerk can change (one profile per cell).

    Defaults follow Hướng dẫn 36-HD/VPTW (2018) and Quy định 399-QĐ/TW (2026); a newer
    office guidance changes these values, not the code.
    """

    cell = models.OneToOneField(Cell, on_delete=models.CASCADE, related_name="document_format", verbose_name=_("cell"))
    source = models.CharField(
        _("source"), max_length=200, default="Hướng dẫn 36-HD/VPTW (2018), Quy định 399-QĐ/TW (2026)"
    )
    margin_top_mm = models.PositiveSmallIntegerField(
        _("top margin (mm)"), default=20, validators=[MinValueValidator(5), MaxValueValidator(60)]
    )
    margin_bottom_mm = models.PositiveSmallIntegerField(
        _("bottom margin (mm)"), default=20, validators=[MinValueValidator(5), MaxValueValidator(60)]
    )
    margin_left_mm = models.PositiveSmallIntegerField(
        _("left margin (mm)"), default=30, validators=[MinValueValidator(5), MaxValueValidator(60)]
    )
    margin_right_mm = models.PositiveSmallIntegerField(
        _("right margin (mm)"), default=15, validators=[MinValueValidator(5), MaxValueValidator(60)]
    )
    body_pt = models.PositiveSmallIntegerField(
        _("body text size (pt)"), default=14, validators=[MinValueValidator(8), MaxValueValidator(20)]
    )
    party_name_pt = models.PositiveSmallIntegerField(
        _("size of “ĐẢNG CỘNG SẢN VIỆT NAM” (pt)"), default=15, validators=[MinValueValidator(8), MaxValueValidator(20)]
    )
    doc_type_pt = models.PositiveSmallIntegerField(
        _("size of the document type name (pt)"), default=16, validators=[MinValueValidator(8), MaxValueValidator(24)]
    )
    summary_pt = models.PositiveSmallIntegerField(
        _("size of the summary line (pt)"), default=14, validators=[MinValueValidator(8), MaxValueValidator(20)]
    )
    recipients_pt = models.PositiveSmallIntegerField(
        _("size of the recipients (pt)"), default=12, validators=[MinValueValidator(8), MaxValueValidator(20)]
    )
    first_line_indent_mm = models.PositiveSmallIntegerField(
        _("first-line indent (mm)"), default=10, validators=[MaxValueValidator(40)]
    )
    party_name = models.CharField(_("party name"), max_length=100, default="ĐẢNG CỘNG SẢN VIỆT NAM")
    for_cell = models.CharField(_("signs for the cell"), max_length=50, default="T/M CHI BỘ")
    for_committee = models.CharField(_("signs for the committee"), max_length=50, default="T/M CHI ỦY")
    secretary = models.CharField(_("secretary's title"), max_length=50, default="BÍ THƯ")
    deputy = models.CharField(_("deputy secretary's title"), max_length=50, default="PHÓ BÍ THƯ")
    minute_taker_label = models.CharField(_("minute-taker's title"), max_length=50, default="THƯ KÝ")
    chair_label = models.CharField(_("chair's title"), max_length=50, default="CHỦ TRÌ")
    recipients_label = models.CharField(_("recipients label"), max_length=50, default="Nơi nhận:")
    draft_mark = models.CharField(_("draft mark"), max_length=30, default="DỰ THẢO")

    page_size = "A4"
    page_width_mm, page_height_mm = 210, 297
    header_left_mm = HEADER_COLUMN_MM  # the header's left column, which the cell's header lines must fit

    class Meta:
        db_table = "meetings_documentformat"  # the table of before the documents app: its rows stay
        verbose_name = _("document format")
        verbose_name_plural = _("document formats")

    def __str__(self):
        return self.source


class DocumentType(models.TextChoices):
    """Document types and their codes (Quy định 399-QĐ/TW): CT is chỉ thị, so a programme is CTr."""

    PROGRAMME = "CTr", _("Programme (CTr)")
    RESOLUTION = "NQ", _("Resolution (NQ)")
    MINUTES = "BB", _("Minutes (BB)")
    PLAN = "KH", _("Plan (KH)")
    REPORT = "BC", _("Report (BC)")
    CONCLUSION = "KL", _("Conclusion (KL)")
    NOTICE = "TB", _("Notice (TB)")


class DocumentCounter(models.Model):
    """Numbers run from 01 per document type within a committee term, not per year."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="document_counters", verbose_name=_("cell"))
    term_label = models.CharField(_("committee term"), max_length=20)
    doc_type = models.CharField(_("document type"), max_length=5, choices=DocumentType.choices)
    next_number = models.PositiveIntegerField(_("next number"), default=1, validators=[MinValueValidator(1)])

    class Meta:
        db_table = "meetings_documentcounter"
        verbose_name = _("document counter")
        verbose_name_plural = _("document counters")
        ordering = ["doc_type"]
        constraints = [
            models.UniqueConstraint(fields=["cell", "term_label", "doc_type"], name="meetings_documentcounter_unique")
        ]

    def __str__(self):
        return f"{self.doc_type} {self.term_label}: {self.next_number}"


class FrozenDocument(models.Model):
    """An approved document as it was approved: the print HTML it showed, then the PDF and the .docx made from
    that HTML, with their SHA-256. Renaming a member, a transfer, new members or a new format profile change
    the live records, never these bytes.

    The HTML is stored when the document is approved (cheap, inside the approving transaction); the PDF and
    the .docx are made from it once, right after approval or at the first download, and then never change.
    The database refuses every other write (``core.frozen``): a row is never deleted, its HTML never
    changes, and a file once stored stays as it is."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("meeting programme")
        MINUTES = "minutes", _("minutes")
        RESOLUTION = "resolution", _("resolution")
        CLASSIFICATION = "classification", _("classification report")
        PLAN = "plan", _("supervision plan")
        REPORT = "report", _("supervision report")

    cell = models.ForeignKey(Cell, on_delete=models.PROTECT, related_name="frozen_documents", verbose_name=_("cell"))
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveIntegerField(_("object"))  # the meeting, the plan, or the year of a classification
    html = models.TextField(_("print HTML"))
    html_sha256 = models.CharField(_("SHA-256 of the HTML"), max_length=64)
    layout = models.JSONField(_("page layout"), default=dict)  # the format profile's numbers, for the .docx
    frozen_at = models.DateTimeField(_("frozen at"))
    pdf = models.BinaryField(_("PDF"), null=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    docx = models.BinaryField(_("Word file"), null=True)
    docx_sha256 = models.CharField(_("SHA-256 of the Word file"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("frozen document")
        verbose_name_plural = _("frozen documents")
        constraints = [
            models.UniqueConstraint(fields=["cell", "kind", "object_id"], name="documents_frozendocument_unique")
        ]
        triggers = [
            FrozenRow(
                name="frozen_document",
                message="chibo: an approved document cannot be changed",
                frozen="TRUE",
                fields=["cell", "kind", "object_id", "html", "html_sha256", "layout", "frozen_at"],
                changed=(
                    "(OLD.pdf IS NOT NULL AND NEW.pdf IS DISTINCT FROM OLD.pdf)"
                    " OR (OLD.pdf_sha256 <> '' AND NEW.pdf_sha256 IS DISTINCT FROM OLD.pdf_sha256)"
                    " OR (OLD.docx IS NOT NULL AND NEW.docx IS DISTINCT FROM OLD.docx)"
                    " OR (OLD.docx_sha256 <> '' AND NEW.docx_sha256 IS DISTINCT FROM OLD.docx_sha256)"
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.object_id}"
