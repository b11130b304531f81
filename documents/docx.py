"""The Word (.docx) renderer: the slot where it will live, beside the PDF renderer.

Cells are often asked by the superior committee for an editable copy of a document. When that
work is taken up, ``render_docx`` takes the same ``template``-free context a PDF takes (the
format profile as ``fmt``, ``cell``, ``number``, ``date_line``, ``draft`` and the document's own
keys) and returns the bytes of a .docx laid out by the same profile (margins, type sizes,
labels). Views will wrap the bytes exactly as they wrap a PDF. Nothing calls it yet, and no
dependency is installed for it.
"""


def render_docx(document: str, context: dict) -> bytes:
    """The .docx of ``document`` (a name such as ``"meetings/minutes"``); not written yet."""
    raise NotImplementedError("chibo does not write .docx files yet: documents/docx.py is the place for it.")
