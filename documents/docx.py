"""The Word (.docx) renderer: the print HTML of a document (the one its PDF is made from) turned into a
.docx laid out by the same format profile, because secretaries finish and archive documents in Word.

It reads only the small set of elements and classes the print templates use (``templates/documents/pdf/``
and each app's ``pdf/`` folder): ``p``, ``h2``, ``div``, ``br``, ``b``, ``i``, and three kinds of table:
the header and the signatures (borderless, side by side) and the ``items`` tables (ruled). Anything else
is read as text. The page is A4 with the profile's margins, in Times New Roman at the profile's sizes.
"""

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import html as lxml_html

from documents.printing import render_html

FONT = "Times New Roman"
BLOCKS = {"p", "div", "h1", "h2", "h3", "table"}
# Column widths of the items tables, in % of the text width (the print CSS's classes).
WIDTHS = {"num": 8, "mins": 12, "who": 28, "person": 24, "count": 9, "w18": 18, "w14": 14}
CENTRED_CELLS = {"num", "mins", "count", "w14"}
SPACE = re.compile(r"\s+")


def render_docx(template: str, context: dict, layout: dict) -> bytes:
    """The .docx of ``template`` rendered with ``context`` (the same template and context as its PDF)."""
    return html_to_docx(render_html(template, context), layout)


def html_to_docx(html: str, layout: dict) -> bytes:
    """The .docx of print HTML; ``layout`` is ``documents.printing.layout_of(fmt)``."""
    document = Document()
    _page(document, layout)
    _Writer(document, layout).body(html)
    return _save(document)


def append_docx(original: bytes, html: str, layout: dict) -> bytes:
    """``original`` as it is, then, from a new page, the document of ``html`` (an addendum after approval)."""
    document = Document(io.BytesIO(original))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _Writer(document, layout).body(html)
    return _save(document)


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(document, layout: dict) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(layout["margin_top_mm"]), Mm(layout["margin_bottom_mm"])
    section.left_margin, section.right_margin = Mm(layout["margin_left_mm"]), Mm(layout["margin_right_mm"])
    for name in ("Normal", "Heading 2"):
        style = document.styles[name]
        style.font.name, style.font.size = FONT, Pt(layout["body_pt"])
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in list(fonts.attrib):
            if "Theme" in attribute:  # a theme font would win over the name
                del fonts.attrib[attribute]
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
    heading = document.styles["Heading 2"]
    heading.font.bold, heading.font.italic = True, False
    heading.font.color.rgb = None
    heading.paragraph_format.space_before, heading.paragraph_format.space_after = Pt(10), Pt(4)
    normal = document.styles["Normal"].paragraph_format
    normal.space_before, normal.space_after, normal.line_spacing = Pt(0), Pt(6), 1.15
    # The page number at the top centre, from page 2 on (as in the PDF).
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number._p.append(field)


class _Writer:
    """Walks the HTML body and writes paragraphs and tables; the style of an element comes from its tag
    and classes, as in the print CSS."""

    def __init__(self, document, layout: dict):
        self.document, self.layout = document, layout
        pt = layout
        self.classes = {
            "draft": {"align": WD_ALIGN_PARAGRAPH.RIGHT, "bold": True},
            "upper": {"upper": True},
            "issuer": {"bold": True},
            "party": {"bold": True, "size": pt["party_name_pt"], "underline": True},
            "dateline": {"italic": True, "before": 10},
            "doctype": {"align": WD_ALIGN_PARAGRAPH.CENTER, "bold": True, "size": pt["doc_type_pt"], "before": 18},
            "summary": {"align": WD_ALIGN_PARAGRAPH.CENTER, "bold": True, "size": pt["summary_pt"], "after": 0},
            "dashes": {"align": WD_ALIGN_PARAGRAPH.CENTER, "after": 12},
            "speech": {"left": pt["first_line_indent_mm"], "indent": 0},
            "lead-in": {"italic": True},
            "recipients": {"size": pt["recipients_pt"], "align": WD_ALIGN_PARAGRAPH.LEFT},
            "label": {"italic": True, "bold": True, "underline": True, "size": pt["body_pt"]},
            "sign": {"align": WD_ALIGN_PARAGRAPH.CENTER, "bold": True},
            "name": {"before": 60},
        }

    def body(self, html: str) -> None:
        root = lxml_html.document_fromstring(html)
        body = root.find("body")
        self.blocks(self.document, body if body is not None else root, {})

    # Styles ------------------------------------------------------------------------------------

    def style(self, element, inherited: dict) -> dict:
        style = dict(inherited)
        tag = element.tag
        if tag == "p":
            style.update(align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=self.layout["first_line_indent_mm"])
        elif tag in ("b", "strong", "th"):
            style["bold"] = True
        elif tag in ("i", "em"):
            style["italic"] = True
        elif tag == "u":
            style["underline"] = True
        for name in (element.get("class") or "").split():
            style.update(self.classes.get(name, {}))
        if tag == "th" or (tag == "td" and CENTRED_CELLS & set((element.get("class") or "").split())):
            style["align"] = WD_ALIGN_PARAGRAPH.CENTER
        return style

    # Blocks ------------------------------------------------------------------------------------

    def blocks(self, container, element, style: dict) -> None:
        """Each block child of ``element`` becomes a paragraph or a table of ``container`` (the document
        or a table cell); text between blocks becomes a paragraph of its own."""
        loose = []

        def flush():
            if any(isinstance(part, str) and part.strip() or not isinstance(part, str) for part in loose):
                self.paragraph(container, loose, style)
            loose.clear()

        if element.text:
            loose.append(element.text)
        for child in element:
            if not isinstance(child.tag, str):  # a comment
                if child.tail:
                    loose.append(child.tail)
                continue
            if child.tag in BLOCKS:
                flush()
                self.block(container, child, style)
            elif child.tag not in ("style", "script", "title", "head"):
                loose.append(child)
            if child.tail:
                loose.append(child.tail)
        flush()

    def block(self, container, element, inherited: dict) -> None:
        style = self.style(element, inherited)
        if element.tag == "table":
            self.table(container, element, style)
        elif element.tag in ("h1", "h2", "h3"):
            paragraph = self.paragraph(container, _parts(element), {**style, "bold": True})
            paragraph.style = self.document.styles["Heading 2"]
            paragraph.paragraph_format.keep_with_next = True
        elif any(isinstance(child.tag, str) and child.tag in BLOCKS for child in element):
            self.blocks(container, element, style)
        else:
            self.paragraph(container, _parts(element), style)

    def paragraph(self, container, parts: list, style: dict):
        """One paragraph of ``parts`` (text and inline elements, whose tails the walk reads itself)."""
        paragraph = container.add_paragraph()
        fmt = paragraph.paragraph_format
        if "align" in style:
            paragraph.alignment = style["align"]
        fmt.first_line_indent = Mm(style.get("indent", 0)) if style.get("indent") else None
        if style.get("left"):
            fmt.left_indent = Mm(style["left"])
        if "before" in style:
            fmt.space_before = Pt(style["before"])
        if "after" in style:
            fmt.space_after = Pt(style["after"])
        runs = []
        for part in parts:
            if isinstance(part, str):
                runs.append((part, style))
            else:
                self.inline(part, style, runs, tail=False)
        self.write_runs(paragraph, runs)
        return paragraph

    def inline(self, element, inherited: dict, runs: list, tail: bool = True) -> None:
        if not isinstance(element.tag, str):
            if tail and element.tail:
                runs.append((element.tail, inherited))
            return
        if element.tag == "br":
            runs.append(("\n", inherited))
        else:
            style = self.style(element, inherited)
            if element.text:
                runs.append((element.text, style))
            for child in element:
                self.inline(child, style, runs)
        if tail and element.tail:
            runs.append((element.tail, inherited))

    def write_runs(self, paragraph, runs: list) -> None:
        """Whitespace collapses as in HTML; a ``<br>`` is a line break; the paragraph's ends are trimmed."""
        pieces = []
        for text, style in runs:
            if text == "\n":
                pieces.append(["\n", style])
                continue
            text = SPACE.sub(" ", text)
            if pieces and pieces[-1][0] != "\n" and pieces[-1][1] == style:
                pieces[-1][0] += text
            else:
                pieces.append([text, style])
        # collapse a space after a space or a break, trim both ends
        previous_space = True
        for piece in pieces:
            if piece[0] == "\n":
                previous_space = True
                continue
            if previous_space:
                piece[0] = piece[0].lstrip(" ")
            if piece[0]:
                previous_space = piece[0].endswith(" ")
        for piece in reversed(pieces):
            if piece[0] == "\n":
                continue
            piece[0] = piece[0].rstrip(" ")
            if piece[0]:
                break
        for index, (text, style) in enumerate(pieces):
            if text == "\n":
                if index not in (0, len(pieces) - 1):
                    paragraph.add_run().add_break()
                continue
            if not text:
                continue
            if index + 1 < len(pieces) and pieces[index + 1][0] == "\n":
                text = text.rstrip(" ")
            run = paragraph.add_run(text.upper() if style.get("upper") else text)
            run.bold = style.get("bold") or None
            run.italic = style.get("italic") or None
            run.underline = style.get("underline") or None
            if style.get("size"):
                run.font.size = Pt(style["size"])

    # Tables ------------------------------------------------------------------------------------

    def table(self, container, element, style: dict) -> None:
        rows = [row for row in element.iter("tr")]
        if not rows:
            return
        columns = max(len([c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]) for row in rows)
        classes = set((element.get("class") or "").split())
        ruled = "items" in classes
        table = container.add_table(rows=len(rows), cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        if ruled:
            table.style = self.document.styles["Table Grid"]
        widths = self._widths(rows[0], columns, classes)
        for r, row in enumerate(rows):
            cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if ruled and r == 0 and row.getparent().tag == "thead":
                _repeat_header(table.rows[0])
            for c, source in enumerate(cells):
                cell = table.cell(r, c)
                cell.width = widths[c]
                cell_style = self.style(source, {k: v for k, v in style.items() if k in ("size",)})
                if not ruled and "align" not in cell_style:
                    cell_style["align"] = WD_ALIGN_PARAGRAPH.CENTER
                cell_style.setdefault("align", WD_ALIGN_PARAGRAPH.LEFT)
                cell_style.setdefault("after", 0)
                empty = cell.paragraphs[0]  # a new cell holds one empty paragraph: drop it once filled
                self.blocks(cell, source, cell_style)
                if len(cell.paragraphs) > 1:
                    empty._p.getparent().remove(empty._p)
        for c, width in enumerate(widths):
            table.columns[c].width = width

    def _widths(self, first_row, columns: int, classes: set) -> list:
        section = self.document.sections[-1]
        text_width = section.page_width - section.left_margin - section.right_margin
        if "header" in classes:
            shares = [45, 55]
        elif "signatures" in classes or "items" not in classes:
            shares = [100 / columns] * columns
        else:
            cells = [c for c in first_row if isinstance(c.tag, str) and c.tag in ("td", "th")]
            known = [next((WIDTHS[n] for n in (c.get("class") or "").split() if n in WIDTHS), None) for c in cells]
            known += [None] * (columns - len(known))
            free = max(0, 100 - sum(w for w in known if w))
            unknown = len([w for w in known if w is None]) or 1
            shares = [w if w else free / unknown for w in known]
        shares = (shares + [100 / columns] * columns)[:columns]
        return [int(text_width * share / 100) for share in shares]


def _repeat_header(row) -> None:
    """The table's head row repeats at the top of each page, as the PDF's ``thead`` does."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _parts(element) -> list:
    """The text and inline children of ``element`` in order, each child followed by the text after it."""
    parts = [element.text or ""]
    for child in element:
        parts.append(child)
        if child.tail:
            parts.append(child.tail)
    return parts
