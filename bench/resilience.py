"""The database restarts while the app serves under load (``make resilience``).

Uses the benchmark's database (.pgdata-bench, made by ``make bench``; a small one is made when
missing). gunicorn serves the app; client threads read "my tasks" and post progress reports, each
with a unique note, for 30 seconds; after 10 seconds the embedded PostgreSQL is stopped, and started
again 5 seconds later. Then it counts: answers by status, the slowest answer during the outage, and
whether every report the app acknowledged (a redirect after the POST) is in the database.
"""

import http.client
import json
import re
import signal
import subprocess
import threading
import time
import urllib.parse
from collections import Counter

from run import ENV, PGDATA, PY, ROOT, manage, stop_database

PORT = 8767
DURATION, OUTAGE_AT, OUTAGE_FOR = 30, 10, 5


def request(method, path, session, body=None):
    start = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        headers = {"Cookie": f"sessionid={session}; csrftoken={session[:32]}", "X-CSRFToken": session[:32]}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{PORT}/"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status, time.perf_counter() - start
    except OSError:
        return 0, time.perf_counter() - start


def start_database():
    subprocess.run(
        [PY, "-c", f"from pathlib import Path; from core.embedded_db import embedded_database; "
         f"embedded_database(Path({str(PGDATA)!r}))"],
        cwd=ROOT, env=ENV, check=True, capture_output=True,
    )  # fmt: skip


def main():
    if not PGDATA.exists():
        manage("migrate", "--noinput", "-v0")
        manage("bench_data", "--cells=1", "--members=25", "--years=1")
    start_database()
    manage("collectstatic", "--noinput", "-v0")
    setup = subprocess.run(
        [PY, "bench/resilience_setup.py"], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True
    )
    info = json.loads(setup.stdout.strip().splitlines()[-1])
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "chibo.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "2"],
        cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    for _ in range(120):
        if request("GET", "/tasks/", info["session"])[0] == 200:
            break
        time.sleep(0.5)
    results, acknowledged, lock = [], [], threading.Lock()
    began = time.perf_counter()
    stop = began + DURATION
    counter = iter(range(10**9))

    def client(kind):
        for n in counter:
            if time.perf_counter() > stop:
                return
            sent = time.perf_counter() - began
            if kind == "read":
                status, seconds = request("GET", "/tasks/", info["session"])
            else:
                note = f"resilience-{n}"
                body = urllib.parse.urlencode({"percent": 50, "reported_on": info["today"], "note": note})
                status, seconds = request("POST", info["report_url"], info["session"], body)
                if status == 302:
                    with lock:
                        acknowledged.append(note)
            with lock:
                results.append((sent, kind, status, seconds))

    threads = [threading.Thread(target=client, args=(kind,)) for kind in ["read", "read", "write", "write"]]
    for thread in threads:
        thread.start()
    time.sleep(OUTAGE_AT)
    down_at = time.perf_counter() - began  # the stop begins: from here the database refuses
    stop_database()
    time.sleep(OUTAGE_FOR)
    start_database()
    up_at = time.perf_counter() - began
    for thread in threads:
        thread.join()
    check = subprocess.run(
        [PY, "bench/resilience_setup.py", "--count", info["task"]], cwd=ROOT, env=ENV, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    stored = set(json.loads(check.stdout.strip().splitlines()[-1])["notes"])
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    report(results, acknowledged, stored, down_at, up_at)


def report(results, acknowledged, stored, down_at, up_at):
    def phase(sent):
        return "before" if sent < down_at else "outage" if sent < up_at else "after"

    by_phase = {
        name: Counter(st for sent, _k, st, _s in results if phase(sent) == name)
        for name in ("before", "outage", "after")
    }
    slowest_outage = max((s for sent, _k, _st, s in results if phase(sent) == "outage"), default=0)
    after = [status for _sent, _k, status, _s in sorted(results)[-40:]]
    lost = [note for note in acknowledged if note not in stored]
    lines = [
        "## Resilience: the database restarts under load",
        "",
        f"`make resilience`, {time.strftime('%d/%m/%Y %H:%M')}: 2 readers and 2 writers for {DURATION} s; the embedded "
        f"PostgreSQL was told to stop at {down_at:.1f} s and started again at {up_at:.1f} s.",
        "",
        f"- Before the stop: {dict(by_phase['before'])} (status → answers).",
        f"- From the stop until the server was started again: {dict(by_phase['outage'])}; "
        f"the slowest answer took {slowest_outage * 1000:.0f} ms.",
        f"- After the start: {dict(by_phase['after'])}.",
        f"- The last 40 answers after the restart: {dict(Counter(after))}.",
        f"- Reports acknowledged by a redirect: {len(acknowledged)}; found in the database: "
        f"{len(acknowledged) - len(lost)}; lost: {len(lost)}.",
    ]
    text = "\n".join(lines) + "\n"
    results_file = ROOT / "bench" / "RESULTS.md"
    existing = results_file.read_text() if results_file.exists() else "# Benchmark results\n"
    existing = re.split(r"\n## Resilience", existing)[0].rstrip() + "\n\n"
    results_file.write_text(existing + text)
    print(text)


if __name__ == "__main__":
    main()
