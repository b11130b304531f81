"""Querysets whose SQL Django writes once per worker, for the lookups every request makes.

Django turns a queryset into SQL on every evaluation. For a lookup with ``select_related`` that is most of its
cost: about half a millisecond for each related model, more than the database takes to answer (bench/RESULTS.md).
``Prepared`` builds the queryset once with stand-in values, keeps the SQL and what Django needs to turn rows into
model instances, and on each call runs that SQL with the real values. The result is what the queryset gives:
the same instances, related objects and ``prefetch_related`` lookups (those run as usual).

A stand-in for a positive field (``PositiveIntegerField``…) must be positive too, beyond any real value: Django
gives up a query whose value a field cannot hold.

Every value that may change between calls must be an argument of ``build`` and given a stand-in: the check
below refuses a shape whose stand-ins do not all reach the SQL's parameters, and ``build`` must not read the
clock, the language or anything else that varies (that would be kept from the first call).

    member_by_user = Prepared(lambda user: Member.objects.select_related("cell").filter(user_id=user), user=-1)
    member_by_user(user=request.user.pk)  # a list
"""

import contextlib
import copy
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections
from django.db.models import QuerySet, prefetch_related_objects
from django.db.models.query import ModelIterable, get_related_populators


class Prepared:
    def __init__(self, build: Callable[..., QuerySet], **stand_ins):
        """``stand_ins``: for each argument of ``build``, a value no other parameter of the query takes
        (negative ids, say), of the type the real values have."""
        self.build, self.stand_ins = build, stand_ins
        self._compiled = None

    def _compile(self):
        queryset = self.build(**self.stand_ins)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        slots = [  # where each value goes, and the type Django gave it there (psycopg's Int8 for a big integer)
            (index, name, None if type(param) is type(stand_in) else type(param))
            for index, param in enumerate(params)
            for name, stand_in in self.stand_ins.items()
            if isinstance(param, type(stand_in)) and param == stand_in
        ]
        if {slot[1] for slot in slots} != set(self.stand_ins):
            raise ImproperlyConfigured(f"Prepared query: a stand-in does not reach the SQL ({sql[:200]})")
        if queryset._known_related_objects:
            raise ImproperlyConfigured("Prepared query: build it from a model's manager, not a related one")
        # What ModelIterable works out on every evaluation, worked out once: the converters of the selected
        # columns, the fields each instance takes and how the select_related instances are filled in.
        converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        instances = None
        if queryset._iterable_class is ModelIterable:
            select, klass_info = compiler.select, compiler.klass_info
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            instances = (
                klass_info["model"],
                [column[0].target.attname for column in select[start:end]],
                start,
                end,
                get_related_populators(klass_info, select, queryset.db),
                list(compiler.annotation_col_map.items()),
            )
        return queryset, compiler, sql, tuple(params), slots, converters, instances

    def __call__(self, **values) -> list:
        if self._compiled is None:
            self._compiled = self._compile()
        template, compiled, sql, params, slots, converters, instances = self._compiled
        params = list(params)
        for index, name, wrap in slots:
            params[index] = values[name] if wrap is None else wrap(values[name])
        compiler = copy.copy(compiled)  # select, klass_info, annotations: how rows become instances
        compiler.connection = connections[template.db]  # this thread's connection
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        compiler.get_converters = lambda expressions: converters
        if instances is None:  # values(), values_list(): as the queryset does it
            queryset = template._chain()
            queryset.query.get_compiler = lambda *args, **kwargs: compiler
            return list(queryset)
        model, init_list, start, end, populators, annotations = instances
        db = template.db
        found = []
        for row in compiler.results_iter(compiler.execute_sql(chunked_fetch=False)):
            instance = model.from_db(db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            for name, index in annotations:
                setattr(instance, name, row[index])
            found.append(instance)
        if template._prefetch_related_lookups:
            prefetch_related_objects(found, *template._prefetch_related_lookups)
        return found


@contextlib.contextmanager
def planned_for_its_values():
    """Statements run inside are planned for their own values each time, never kept as a prepared statement
    (``DB_PREPARE_THRESHOLD``, chibo/settings.py): PostgreSQL's generic plan of the ranked full-text search over a
    đảng bộ's ten years was a fifth slower than the plan made for the words searched."""
    connection.ensure_connection()
    raw = connection.connection
    kept = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = kept


def attach(instance, name: str, objects: list) -> None:
    """Leave ``objects`` where ``prefetch_related(name)`` would: ``instance.<name>.all()`` then gives them without a
    query. For rows read by a ``Prepared`` lookup instead of a prefetch (which Django compiles on every call)."""
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def attached(instance, name: str) -> list:
    """The rows ``attach`` (or ``prefetch_related``) left for ``instance.<name>``, without the related manager
    and the queryset ``.all()`` builds on each call; a query when none were left."""
    cached = getattr(instance, "_prefetched_objects_cache", {}).get(name)
    if cached is not None and cached._result_cache is not None:
        return cached._result_cache
    return list(getattr(instance, name).all())
