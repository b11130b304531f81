"""Reading PDFs back in tests: text, page size, embedded fonts, where text sits."""

import io

from pypdf import PdfReader


def read_pdf(content: bytes) -> tuple[PdfReader, str]:
    """The reader and the text of every page, with line breaks and spaces collapsed to one space."""
    reader = PdfReader(io.BytesIO(content))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def assert_a4_with_embedded_fonts(reader: PdfReader) -> None:
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:  # composite (Type0) fonts keep the descriptor below
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
            fonts.add(str(font["/BaseFont"]))
    assert fonts and all("Liberation" in name or "Party" in name for name in fonts), fonts


def leftmost_text_mm(reader: PdfReader) -> float:
    """The x of the leftmost text on page 1, in mm from the page's left edge."""
    xs = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            xs.append(cm[4] + tm[4] * cm[0])

    reader.pages[0].extract_text(visitor_text=visit)
    return min(xs) * 25.4 / 72
