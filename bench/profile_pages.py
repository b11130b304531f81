"""Profile the key pages rendered afresh (page cache off, DEBUG off), in process.

For each page of ``bench/inprocess.py`` (the PDF aside): wall time and this process's CPU time (the
database's work aside; steadier on a loaded machine) over ``--runs`` requests after a warm-up
(medians, ms), the Python function calls of one request (cProfile) and its queries. Needs a
database filled by ``manage.py bench_data`` (``--cells 3`` is enough; keep 25 members and 10 years).

    DATABASE_URL=... DEBUG=0 SECRET_KEY=x .venv/bin/python bench/profile_pages.py [--runs 30] [--top 25] [page ...]

``--top N`` prints each page's N costliest functions (cumulative time), to see where it goes.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "profile-pages-only")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.inprocess import pages  # noqa: E402
from members.models import Cell  # noqa: E402

settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
settings.PAGE_CACHE_SECONDS = 0  # every request renders the page from the database


def measure(client: Client, url: str, runs: int, top: int, sort: str = "cumulative") -> dict:
    for _ in range(3):  # warm up: templates, translations, content types
        assert client.get(url, secure=True).status_code == 200, url
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url, secure=True)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    profile = cProfile.Profile()
    with CaptureQueriesContext(connection) as ctx:
        profile.enable()
        client.get(url, secure=True)
        profile.disable()
    stats = pstats.Stats(profile)
    result = {
        "ms": statistics.median(times) * 1000,
        "cpu": statistics.median(cpu) * 1000,
        "calls": stats.total_calls,
        "queries": len(ctx.captured_queries),
    }
    if top:
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(sort).print_stats(top)
        result["profile"] = out.getvalue()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--top", type=int, default=0)
    parser.add_argument("--sort", default="cumulative", help="cProfile order for --top (cumulative, tottime…).")
    parser.add_argument("--cell", default=None, help="Name of the cell (default: the first bench cell).")
    parser.add_argument("names", nargs="*", help="Pages to measure (default: all but the PDF).")
    args = parser.parse_args()
    cell = Cell.objects.get(name=args.cell) if args.cell else Cell.objects.order_by("pk").first()
    chosen = {name: page for name, page in pages(cell).items() if name != "minutes PDF"}
    chosen["search, no words"] = ("/search/", chosen["my tasks"][1])
    chosen["password done"] = ("/accounts/password/done/", chosen["my tasks"][1])  # the layout alone
    if args.names:
        chosen = {name: chosen[name] for name in args.names}
    print(f"{'page':<20} {'median ms':>10} {'cpu ms':>7} {'calls':>9} {'queries':>8}")
    for name, (url, person) in chosen.items():
        client = Client()
        client.get(reverse("login"), secure=True)
        client.force_login(person.user)
        result = measure(client, url, args.runs, args.top, args.sort)
        print(f"{name:<20} {result['ms']:>10.1f} {result['cpu']:>7.1f} {result['calls']:>9,} {result['queries']:>8}")
        if args.top:
            print(result["profile"])


if __name__ == "__main__":
    main()
