"""Official documents: the format profile, numbering, the date line, the print templates and the renderers.

Every app that issues a document builds a ``documents.printing.Printable`` (template and context) and serves
it with ``documents.files.document_response`` as a PDF or a .docx; an approved document is served from its
frozen copy (``FrozenDocument``). Only this app touches WeasyPrint. It sits below the apps that issue
documents and above ``members`` (ARCHITECTURE.md).
"""
