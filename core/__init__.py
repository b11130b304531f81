"""Infrastructure under every app: the embedded database, backups, the page cache, sessions, middleware.

The bottom layer (ARCHITECTURE.md): it imports no app of chibo, and every app may import it.
"""
