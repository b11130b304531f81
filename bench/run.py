"""make bench: a large data set, the app under gunicorn, and the figures in bench/RESULTS.md.

1. A fresh database: without DATABASE_URL, an embedded PostgreSQL in .pgdata-bench/ (never the development
   database); with DATABASE_URL, a database ``chibo_bench_run`` (BENCH_DATABASE) created on that server and
   dropped at the end (BENCH_KEEP=1 keeps it), never the URL's own database nor any other. Migrated, filled by
   ``manage.py bench_data``: one đảng bộ of 50 cells × 25 members × 10 years by default, and a small đảng bộ
   of 5 cells of one year (BENCH_SMALL_CELLS), each with its committee's officer.
2. In process: queries per key page for a small and a large cell (the overview: the small đảng bộ against
   the large); the minutes PDF against WeasyPrint rendering the same HTML directly.
3. gunicorn serves the app (production settings, DEBUG off); each key page and a bare template page
   (the floor) are requested N times from C threads: requests per second, p50 and p99.
4. Each worker's memory before, halfway through and after 500 minutes PDFs.
Environment: BENCH_CELLS, BENCH_SMALL_CELLS, BENCH_MEMBERS, BENCH_YEARS, BENCH_REQUESTS (300, at least),
BENCH_SECONDS (5, at least), BENCH_CONCURRENCY (4),
BENCH_WORKERS (2), BENCH_PDFS (500), BENCH_PDF_WARMUP (50).
"""

import http.client
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
PGDATA = ROOT / ".pgdata-bench"
PORT = int(os.environ.get("BENCH_PORT", "8766"))
CELLS = int(os.environ.get("BENCH_CELLS", "50"))
SMALL_CELLS = int(os.environ.get("BENCH_SMALL_CELLS", "5"))
MEMBERS = int(os.environ.get("BENCH_MEMBERS", "25"))
YEARS = int(os.environ.get("BENCH_YEARS", "10"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
PDFS = int(os.environ.get("BENCH_PDFS", "500"))
PDF_WARMUP = int(os.environ.get("BENCH_PDF_WARMUP", "50"))

EXTERNAL = os.environ.get("DATABASE_URL", "")  # a PostgreSQL server to use instead of the embedded one
BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "chibo_bench_run")
KEEP = os.environ.get("BENCH_KEEP") == "1"
OVERVIEW_TARGET_MS = 100  # the superior committee's overview, rendered: p50
SEARCH_TARGET_MS = 100  # the search over ten years, rendered: p95
OWN_TARGETS = {  # rendered pages held to a time rather than to 10 % of the floor
    "overview": ("p50", OVERVIEW_TARGET_MS),
    "overview (year)": ("p50", OVERVIEW_TARGET_MS),
    "search": ("p95", SEARCH_TARGET_MS),
    "search (officer)": ("p95", SEARCH_TARGET_MS),
}


def server_url(database: str) -> str:
    """DATABASE_URL with another database name: the same server, user and options."""
    parts = urlsplit(EXTERNAL)
    return urlunsplit(parts._replace(path="/" + database))


ENV = {
    **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
    **({"DATABASE_URL": server_url(BENCH_DATABASE)} if EXTERNAL else {"CHIBO_PGDATA": str(PGDATA)}),
    "DEBUG": "0",
    "SECRET_KEY": "bench-" + "k" * 60,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_HSTS_SECONDS": "0",
    "CHIBO_BENCH": "1",
    "LOG_LEVEL": "ERROR",
}


def manage(*args, capture=False):
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True, capture_output=capture, text=True)


def stop_database():
    subprocess.run(
        [PY, "-c", f"from pathlib import Path; from core.embedded_db import stop; stop(Path({str(PGDATA)!r}))"],
        cwd=ROOT,
        env=ENV,
        check=False,
    )


def _admin(*statements: str) -> None:
    """Statements run on the server of DATABASE_URL from its ``postgres`` database (a database cannot be
    created or dropped from inside itself)."""
    import psycopg

    with psycopg.connect(server_url("postgres"), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def fresh_database() -> None:
    """An empty database for the run: the embedded one in .pgdata-bench/, or BENCH_DATABASE on the server of
    DATABASE_URL (dropped first if a run left it)."""
    if not EXTERNAL:
        stop_database()
        shutil.rmtree(PGDATA, ignore_errors=True)
        return
    own = urlsplit(EXTERNAL).path.lstrip("/")
    if BENCH_DATABASE in {own, "postgres", "template0", "template1"} or not BENCH_DATABASE.replace("_", "").isalnum():
        raise SystemExit(f"BENCH_DATABASE={BENCH_DATABASE!r}: choose a name of its own, e.g. chibo_bench_run")
    _admin(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)', f'CREATE DATABASE "{BENCH_DATABASE}"')


def release_database() -> None:
    if not EXTERNAL:
        stop_database()
    elif not KEEP:
        _admin(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')


def get(path: str, cookies: str | None) -> tuple[int, float]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookies} if cookies else {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, time.perf_counter() - start


def browser_cookies(path: str, session: str | None) -> str | None:
    """The cookies a browser sends after its first page: the session and the CSRF cookie it was given."""
    if session is None:
        return None
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    conn.request("GET", path, headers={"Cookie": f"sessionid={session}"})
    response = conn.getresponse()
    response.read()
    conn.close()
    jar = {"sessionid": session}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def load(path: str, session: str | None, total: int = REQUESTS, seconds: float = SECONDS) -> dict:
    """At least ``total`` requests and at least ``seconds`` of load: a fast page gets enough requests
    that one pause of the machine does not decide its figure."""
    cookies = browser_cookies(path, session)
    for _ in range(30):
        get(path, cookies)  # warm up every worker
    latencies, statuses, lock = [], [], threading.Lock()
    until = time.perf_counter() + seconds

    def worker():
        while True:
            with lock:
                if len(statuses) >= total and time.perf_counter() >= until:
                    return
            status, took = get(path, cookies)
            with lock:
                latencies.append(took)
                statuses.append(status)

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    latencies.sort()
    bad = [s for s in statuses if s != 200]
    if bad:
        raise SystemExit(f"{path}: {len(bad)} answers were not 200 ({sorted(set(bad))})")
    return summary(latencies, wall)


def summary(latencies: list[float], wall: float) -> dict:
    latencies = sorted(latencies)
    return {
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "latencies": latencies,
        "wall": wall,
    }


def worker_memory(master: int) -> dict[int, int]:
    """Resident memory (KiB) of each gunicorn worker, children of the master."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    result = {}
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                result[int(pid)] = int(line.split()[1])
    return result


def main():
    fresh_database()
    where = f"database {BENCH_DATABASE} on the server of DATABASE_URL" if EXTERNAL else "embedded PostgreSQL"
    print(
        f"== data ({where}): a đảng bộ of {CELLS} cells × {MEMBERS} members × {YEARS} years, "
        f"and one of {SMALL_CELLS} cells of one year",
        flush=True,
    )
    manage("migrate", "--noinput", "-v0")
    started = time.perf_counter()
    generated = manage("bench_data", f"--cells={CELLS}", f"--members={MEMBERS}", f"--years={YEARS}", capture=True)
    manage(
        "bench_data",
        "--add",
        f"--first-cell={CELLS + 1}",
        f"--cells={SMALL_CELLS}",
        f"--members={MEMBERS}",
        "--years=1",
        capture=True,
    )
    data_seconds = time.perf_counter() - started
    print(generated.stdout.strip(), f"({data_seconds:.0f} s)", flush=True)

    print("== queries per page, PDF times (in process)", flush=True)
    manage("collectstatic", "--noinput", "-v0")
    out = subprocess.run(
        [PY, "bench/inprocess.py", f"Chi bộ {CELLS + 1}", "Chi bộ 1"],
        cwd=ROOT,
        env=ENV,
        check=False,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        release_database()
        raise SystemExit(f"bench/inprocess.py failed:\n{out.stderr[-3000:]}")
    measured = json.loads(out.stdout.strip().splitlines()[-1])

    pages = {name: path for name, path in measured["pages"].items() if name != "minutes PDF"}
    print(f"== gunicorn, {WORKERS} workers; {REQUESTS} requests a page from {CONCURRENCY} threads", flush=True)
    print("-- every page rendered (page cache off: as the first view after a change)", flush=True)
    server = start_server(PAGE_CACHE_SECONDS="0")
    try:
        rendered = {}
        for name, path in pages.items():
            rendered[name] = load(path, measured["sessions"][name])
            print(f"{name}: {rendered[name]['rps']:.0f} req/s, p50 {rendered[name]['p50']:.0f} ms", flush=True)
    finally:
        stop_server(server)
    print("-- page cache on (as configured): a page viewed again while nothing changed", flush=True)
    server = start_server()
    try:
        floor = load("/bench/floor/", None)
        print(f"floor: {floor['rps']:.0f} req/s", flush=True)
        results = {}
        for name, path in pages.items():
            results[name] = load(path, measured["sessions"][name])
            print(f"{name}: {results[name]['rps']:.0f} req/s, p50 {results[name]['p50']:.0f} ms", flush=True)
        pdf_path = measured["pages"]["minutes PDF"]
        pdf_session = measured["sessions"]["minutes PDF"]
        for _ in range(PDF_WARMUP):  # fonts, templates and WeasyPrint's caches filled in every worker first
            get(pdf_path, f"sessionid={pdf_session}")
        again = load("/bench/floor/", None)  # the floor again, after the pages: the better of the two counts
        floor = max(floor, again, key=lambda r: r["rps"])
        before = worker_memory(server.pid)
        pdf_load = load(pdf_path, pdf_session, total=PDFS // 2, seconds=0)
        middle = worker_memory(server.pid)
        second = load(pdf_path, pdf_session, total=PDFS - PDFS // 2, seconds=0)
        after = worker_memory(server.pid)
        pdf_load = summary(pdf_load["latencies"] + second["latencies"], pdf_load["wall"] + second["wall"])
    finally:
        stop_server(server)
        release_database()
    memory = (before, middle, after)
    write_results(measured, floor, results, rendered, pdf_load, memory, data_seconds, generated.stdout.strip())


def start_server(**env) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "chibo.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", str(WORKERS)],
        cwd=ROOT,
        env={**ENV, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            if get("/bench/floor/", None)[0] == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        stop_server(server)
        raise SystemExit("gunicorn did not answer within a minute")
    settle = time.perf_counter() + 3  # the first answer may come from one worker while the others still load
    while time.perf_counter() < settle:
        get("/bench/floor/", None)
    return server


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def write_results(measured, floor, results, rendered, pdf_load, memory, data_seconds, generated):
    def share(r):
        return 100 * r["rps"] / floor["rps"]

    lines = [
        "# Benchmark results",
        "",
        f"`make bench` on {platform.node()} ({os.cpu_count()} CPUs, Python {platform.python_version()}), "
        f"{time.strftime('%d/%m/%Y %H:%M')}. Data: {generated} — generated in {data_seconds:.0f} s.",
        f"gunicorn with {WORKERS} sync workers, DEBUG off; at least {REQUESTS} requests and {SECONDS:.0f} s a page "
        f"from {CONCURRENCY} client "
        "threads on the same machine, a new connection each, sending the cookies a browser sends after its "
        "first page (the session and the CSRF cookie).",
        "",
        "## Key pages against the floor (a bare Django template page served the same way)",
        "",
        "As configured, a page viewed again while nothing in the database changed is served from the worker's "
        "page cache (`core/pagecache.py`); the last columns are the same pages with the cache off, rendered "
        "every time, as on the first view after any change. A page of one cell is held to 10 % of the floor "
        "rendered; the đảng bộ's overview and the search, which read every cell or ten years, to a time "
        f"(overview p50 ≤ {OVERVIEW_TARGET_MS} ms, search p95 ≤ {SEARCH_TARGET_MS} ms: issue 18).",
        "",
        "| page | req/s | share of the floor | p50 ms | p99 ms | target ≥ 50 % "
        "| rendered: req/s | share | p50 ms | p99 ms | target: ≥ 10 %, or a time |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|",
        f"| floor | {floor['rps']:.0f} | 100 % | {floor['p50']:.1f} | {floor['p99']:.1f} | | | | | | |",
    ]
    for name, r in results.items():
        cold = rendered[name]
        if name in OWN_TARGETS:  # read every cell or ten years: held to a time, not to a share of the floor
            key, target = OWN_TARGETS[name]
            rendered_target = f"{key} ≤ {target} ms: {'met' if cold[key] <= target else 'missed'}"
        else:
            rendered_target = "met" if share(cold) >= 10 else "missed"
        lines.append(
            f"| {name} | {r['rps']:.0f} | {share(r):.0f} % | {r['p50']:.1f} | {r['p99']:.1f} | "
            f"{'met' if share(r) >= 50 else 'missed'} "
            f"| {cold['rps']:.0f} | {share(cold):.0f} % | {cold['p50']:.1f} | {cold['p99']:.1f} "
            f"| {rendered_target} |"
        )
    lines += ["", "## The superior committee's overview and the search (rendered every time)", ""]
    for name, period in [("overview", "the month just ended"), ("overview (year)", "the year")]:
        if name in rendered:
            overview = rendered[name]
            lines.append(
                f"- Overview of the đảng bộ for {period} ({CELLS} cells × {YEARS} years of data, as its officer): "
                f"p50 {overview['p50']:.0f} ms, p99 {overview['p99']:.0f} ms, {overview['rps']:.0f} req/s "
                f"(target p50 ≤ {OVERVIEW_TARGET_MS} ms: "
                f"{'met' if overview['p50'] <= OVERVIEW_TARGET_MS else 'missed'})."
            )
    searches = [
        ("search", "a member, over their cell's minutes, resolutions, agenda items, tasks and guiding documents"),
        ("search (officer)", "the officer, over every cell's approved minutes, resolutions and guiding documents"),
    ]
    for name, who in searches:
        if name in rendered:
            search = rendered[name]
            lines.append(
                f'- Search "dang phi thang" as {who} ({YEARS} years, what they may read): '
                f"p95 {search['p95']:.0f} ms, p50 {search['p50']:.0f} ms "
                f"(target p95 ≤ {SEARCH_TARGET_MS} ms: {'met' if search['p95'] <= SEARCH_TARGET_MS else 'missed'})."
            )
    lines += [
        "",
        f"## Queries per page: a cell with one year of data against a cell with {YEARS}",
        "",
        f"For the overview and the officer's search: a đảng bộ of {SMALL_CELLS} cells of one year against one of "
        f"{CELLS} cells of {YEARS} years.",
        "",
        "| page | small cell | large cell | equal | served again from the page cache |",
        "|---|---:|---:|---|---:|",
    ]
    for name, small in measured["queries_small"].items():
        large = measured["queries_large"][name]
        cached = measured["queries_cached"][name]
        lines.append(f"| {name} | {small} | {large} | {'yes' if small == large else 'NO'} | {cached} |")
    pdf = measured["pdf"]
    ratio = pdf["app_ms"] / pdf["plain_ms"]
    lines += [
        "",
        "## Minutes PDF",
        "",
        f"- chibo's `render_minutes_pdf` (queries, template, WeasyPrint): median {pdf['app_ms']:.0f} ms;",
        f"  WeasyPrint alone on the same HTML: median {pdf['plain_ms']:.0f} ms; ratio {ratio:.2f} "
        f"(target ≤ 1.3: {'met' if ratio <= 1.3 else 'missed'}).",
        f"- Through gunicorn (never cached): {pdf_load['rps']:.1f} PDFs/s, "
        f"p50 {pdf_load['p50']:.0f} ms, p99 {pdf_load['p99']:.0f} ms.",
        "",
        f"## Worker memory after {PDFS} minutes PDFs",
        "",
        f"Read after {PDF_WARMUP} PDFs that warm the workers up (fonts, templates, WeasyPrint's caches), "
        f"after {PDFS // 2} more and after {PDFS} more. gunicorn does not share requests out evenly, so a worker "
        "may still meet its first PDFs after the warm-up: the second half shows the steady state.",
        "",
        f"| worker | before (MiB) | after {PDFS // 2} (MiB) | after {PDFS} (MiB) | growth over {PDFS} | "
        f"growth over the last {PDFS - PDFS // 2} |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    before, middle, after = memory
    for pid, kib in before.items():
        mid, end = middle.get(pid, kib), after.get(pid, kib)
        lines.append(
            f"| {pid} | {kib / 1024:.0f} | {mid / 1024:.0f} | {end / 1024:.0f} | {(end - kib) / 1024:+.1f} MiB "
            f"| {(end - mid) / 1024:+.1f} MiB |"
        )
    text = "\n".join(lines) + "\n"
    results_file = ROOT / "bench" / "RESULTS.md"
    previous = results_file.read_text() if results_file.exists() else ""
    if "\n## Resilience" in previous:  # written by make resilience: kept
        text += "\n## Resilience" + previous.split("\n## Resilience", 1)[1]
    results_file.write_text(text)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
