"""Official documents: the format profile, numbering, the date line, the print templates and the renderers.

Every app that issues a document builds its context and calls ``documents.pdf.render_pdf``; only this
app touches WeasyPrint. It sits below the apps that issue documents and above ``members`` (ARCHITECTURE.md).
"""
