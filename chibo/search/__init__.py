"""One search box over the cell's archive: approved minutes and resolutions, agenda items, tasks,
guiding documents and supervision findings.

- ``text``: Vietnamese-aware folding (accents dropped, đ → d, lower case), the same for what is
  indexed and for what is typed, and the highlighted snippet.
- ``index``: one ``SearchEntry`` row per searchable record (``chibo.models``), written by the
  ``index_*`` functions when a record is saved (receivers in ``chibo.apps``) and by
  ``manage.py rebuild_search_index``.
- ``views``: the page ``/search/``; who finds what mirrors who may open it.

PostgreSQL full-text search with the ``simple`` configuration over text folded in Python: no
``unaccent`` or ``pg_trgm`` extension is needed, so it runs on the embedded server as on any other.
"""
