"""make mutants: cosmic-ray over the guards (access, cell scope, locking, the vote base, classification),
each mutant tested by the few test files that concern it; the report goes to bench/MUTANTS.md.

1. The checkout's files (tracked and new, as they are on disk) are copied to .mutants/tree/: cosmic-ray
   edits the module it mutates in place, so it works on the copy and the checkout is never touched.
2. One cosmic-ray session per group below (.mutants/<group>.sqlite). ``cosmic-ray init`` lists every
   mutant of the group's module; those outside the group's functions, and those of the operators in
   ``EXCLUDED_OPERATORS``, are marked skipped before ``cosmic-ray exec`` runs the rest.
3. The group's tests run once unmutated first (they must pass; the timeout is derived from their time),
   then once per mutant, with ``-x`` (the first failing test kills the mutant) and ``--reuse-db``.
4. bench/MUTANTS.md: counts per group and per function, each survivor with its diff and the reason it is
   harmless (``EXPLAINED`` below), and the mutants that only tests/test_guards.py kills (it runs last in
   every group, so a mutant whose first failing test is there survives every other test of the group).

The database: DATABASE_URL when set (the test database is test_<name>), else the checkout's embedded
PostgreSQL (.pgdata/). Exit status 1 when a survivor has no explanation.
Environment: MUTANTS_GROUPS=permissions,classification… runs only those groups (the report then covers
only them).
"""

import ast
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".mutants"
TREE = WORK / "tree"
REPORT = ROOT / "bench" / "MUTANTS.md"
PY = sys.executable
GUARD_TESTS = "tests/test_guards.py"


@dataclass
class Group:
    name: str
    targets: dict[str, list[str]]  # module → qualified names: "function" or "Class.method"
    tests: list[str]  # pytest arguments; tests/test_guards.py is appended (last)
    keyword: str = ""  # a pytest -k expression, when only part of the files concern the group


GROUPS = [
    Group(
        "permissions",
        {
            "members/permissions.py": [
                "_acting_member",
                "member_required",
                "manager_required",
                "committee_required",
                "get_member_for_user",
                "get_editable_member",
            ]
        },
        ["tests/members/test_views.py", "tests/test_permissions.py"],
        # the matrix rows of the members pages (every helper of the module) and of the reviews (committee_required)
        keyword="not test_permissions or members or reviews",
    ),
    Group(
        "member-rules",
        {
            "members/models.py": [
                "MemberQuerySet.active",
                "MemberQuerySet.official",
                "MemberQuerySet.probationary",
                "MemberQuerySet.away",
                "MemberQuerySet.entitled_voters",
                "Member.is_active",
                "Member.is_official_on",
                "Member.is_away_on",
                "Member.is_committee",
                "Member.may_manage",
                "Member.may_prepare",
                "Member.may_view_member",
                "Member.vote_status",
            ]
        },
        ["tests/members/test_models.py", "tests/members/test_views.py", "tests/meetings/test_record.py"],
        keyword="test_models or test_guards or filters_the_list or only_their_own_record or vote_base",
    ),
    Group(
        "vote-base",
        {"members/selectors.py": ["entitled_voters"], "meetings/selectors.py": ["attendance_sheet"]},
        ["tests/members/test_models.py", "tests/meetings/test_record.py"],
        keyword="not test_record or vote or attendance",
    ),
    Group(
        "locking",
        {"meetings/models.py": ["MeetingRecord.is_locked", "MeetingRecord.threshold", "MeetingRecord.passed"]},
        ["tests/meetings/test_record.py"],
    ),
    Group(
        "classification",
        {"evaluations/selectors.py": ["_propose"]},
        ["tests/evaluations/test_evaluations.py"],
        keyword="yearly or override or test_guards",
    ),
]

# Operators left out, to keep the run short: arithmetic turned into bitwise, shift or power operators (the
# arithmetic swaps among + - * / // % are kept and change the same values), and Q objects combined with
# anything but & and | (a TypeError on the first query).
EXCLUDED_OPERATORS = [
    r"ReplaceBinaryOperator_(Add|Sub|Mul|Div|FloorDiv|Mod)_(BitAnd|BitOr|BitXor|LShift|RShift|Pow)$",
    r"ReplaceBinaryOperator_(BitAnd|BitOr)_(BitXor|LShift|RShift|Pow|Add|Sub|Mul|Div|FloorDiv|Mod)$",
]

# Survivors judged harmless, one line each: (module, function, the mutated line as it reads after the
# mutation, stripped) → why.
EXPLAINED: dict[tuple[str, str, str], str] = {
    ("meetings/selectors.py", "attendance_sheet", "elif mark and mark.status <= Attendance.Status.EXCUSED:"): (
        "equivalent: of the four stored values “excused” < “late” < “present” < “unexcused”, so `<=` holds exactly "
        "when `==` does."
    ),
    (
        "meetings/selectors.py",
        "attendance_sheet",
        "sheet.excused += bool(mark and mark.status <= Attendance.Status.EXCUSED)",
    ): ("equivalent: “excused” is the smallest of the four attendance values (see above)."),
    ("meetings/selectors.py", "attendance_sheet", "elif mark and mark.status >= Attendance.Status.UNEXCUSED:"): (
        "equivalent: “unexcused” is the largest of the four attendance values, so `>=` holds exactly when `==` does."
    ),
    (
        "meetings/selectors.py",
        "attendance_sheet",
        "sheet.unexcused += bool(mark and mark.status >= Attendance.Status.UNEXCUSED)",
    ): "equivalent: “unexcused” is the largest of the four attendance values (see above).",
    ("evaluations/selectors.py", "_propose", "all_on_time = record.late == record.not_done == record.overdue <= 0"): (
        "equivalent: task counts are never negative, so `<= 0` is `== 0`."
    ),
    # Killed by a case added after the last run (checked by applying the mutant by hand on the copy):
    (
        "evaluations/selectors.py",
        "_propose",
        "record.task_points = round(cell.rating_task_points * credit // counted)",
    ): (
        "now killed by `test_it_proposes_each_level_of_qd_366_for_its_own_reason[one task late and one not done]` "
        "(59.5 points of tasks round to 60, not down to 59), added after this run."
    ),
    ("evaluations/selectors.py", "_propose", "all_on_time = record.late == record.not_done >= record.overdue == 0"): (
        "now killed by `test_it_proposes_each_level_of_qd_366_for_its_own_reason[one task late and one not done]` "
        "(late = not done = 1 is not “all on time”), added after this run."
    ),
    ("evaluations/selectors.py", "_propose", "all_on_time = record.late <= record.not_done == record.overdue == 0"): (
        "equivalent: the rest of the chain makes `not_done` 0, and a count is `<= 0` exactly when it is 0."
    ),
    ("evaluations/selectors.py", "_propose", "all_on_time = record.late == record.not_done <= record.overdue == 0"): (
        "equivalent: the chain makes `overdue` 0, and a count is `<= 0` exactly when it is 0."
    ),
    ("evaluations/selectors.py", "_propose", "all_on_time = record.late is record.not_done == record.overdue == 0"): (
        "equivalent in CPython: the rest of the chain makes `not_done` 0, and `late is 0` holds exactly when "
        "`late == 0` (small integers are one shared object each)."
    ),
    ("evaluations/selectors.py", "_propose", "all_on_time = record.late == record.not_done is record.overdue == 0"): (
        "equivalent in CPython: the chain makes `overdue` 0, and `not_done is 0` holds exactly when `not_done == 0`."
    ),
    ("evaluations/selectors.py", "_propose", "all_on_time = record.late == record.not_done == record.overdue is 0"): (
        "equivalent in CPython: `overdue is 0` holds exactly when `overdue == 0` (0 is one shared object)."
    ),
    ("evaluations/selectors.py", "_propose", "disciplined = heavy != 0"): (
        "equivalent: `heavy` is a count, never negative, so `!= 0` is `> 0`."
    ),
    ("evaluations/selectors.py", "_propose", "disciplined = heavy is not 0"): (
        "equivalent in CPython: `heavy` is a small non-negative count, and `is not 0` holds exactly when `> 0`."
    ),
    ("evaluations/selectors.py", "_propose", "exceeding_share = 100 * record.exceeding // done if done else 0"): (
        "equivalent: the levels' minimum shares are whole numbers, and x < n exactly when floor(x) < n for a whole n."
    ),
    ("meetings/models.py", "MeetingRecord.is_locked", "return self.status <= self.Status.APPROVED"): (
        "equivalent: a record is “approved” or “draft”, and “approved” < “draft”, so `<=` holds exactly when `==` does."
    ),
    ("members/models.py", "Member.is_away_on", "self.temporary <= self.Temporary.AWAY"): (
        "equivalent: of the three stored values “away” < “hosted” < “none”, so `<=` holds exactly when `==` does."
    ),
}


def copy_tree() -> None:
    if TREE.exists():
        shutil.rmtree(TREE)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        source = ROOT / name
        if source.is_file():
            target = TREE / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def function_ranges(module: str, names: list[str]) -> tuple[dict, list]:
    """The lines of each named function, its decorators included; and the spans of the module's function
    signatures: cosmic-ray mutates the annotations there (``date | None`` → ``date - None``) and even the
    bare ``*`` of keyword-only arguments, mutants that only fail at import."""
    tree = ast.parse((TREE / module).read_text())
    found = {}
    signatures = [
        (node.lineno, node.col_offset, node.body[0].lineno, node.body[0].col_offset)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]

    def walk(body, prefix):
        for node in body:
            if isinstance(node, ast.ClassDef):
                walk(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                found[f"{prefix}{node.name}"] = (start, node.end_lineno)

    walk(tree.body, "")
    missing = [n for n in names if n not in found]
    if missing:
        sys.exit(f"mutants: {module} has no {', '.join(missing)}: update GROUPS in bench/mutants.py")
    return {n: found[n] for n in names}, signatures


def owner(mutation, ranges: dict, signatures: dict) -> str:
    """The guard function the mutation is in; "" outside them, or in a function's signature."""
    module, (line, col) = str(mutation.module_path), tuple(mutation.start_pos)
    if any((a, b) <= (line, col) < (c, d) for a, b, c, d in signatures[module]):
        return ""
    return next((name for name, (a, b) in ranges[module].items() if a <= line <= b), "")


def test_command(group: Group) -> list[str]:
    command = [PY, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--reuse-db", "-W", "ignore"]
    command += [*group.tests, GUARD_TESTS]
    if group.keyword:
        command += ["-k", group.keyword]
    return command


def quoted(command: list[str]) -> str:
    return " ".join(f'"{part}"' if " " in part else part for part in command)


@dataclass
class Mutant:
    group: str
    module: str
    function: str
    operator: str
    line: int
    before: str
    after: str
    diff: str
    outcome: str  # killed, survived, timeout, incompetent
    killed_by: str = ""


@dataclass
class GroupRun:
    group: Group
    baseline_seconds: float
    seconds: float
    finished: datetime
    mutants: list[Mutant] = field(default_factory=list)


def changed_lines(diff: str) -> tuple[int, str, str]:
    line, before, after = 0, [], []
    for row in diff.splitlines():
        if row.startswith("@@") and not line:
            line = int(re.match(r"@@ -(\d+)", row).group(1))
        elif row.startswith("-") and not row.startswith("---"):
            before.append(row[1:].strip())
        elif row.startswith("+") and not row.startswith("+++"):
            after.append(row[1:].strip())
    # the hunk starts with context lines: find the changed one
    context = 0
    for row in diff.splitlines():
        if row.startswith("@@"):
            context = 0
        elif row.startswith((" ",)):
            context += 1
        elif row.startswith("-") and not row.startswith("---"):
            break
    return line + context, " / ".join(before), " / ".join(after)


def first_failure(output: str) -> str:
    match = re.search(r"^(?:FAILED|ERROR) (.+?)(?: - |$)", output or "", re.MULTILINE)
    if match:
        try:  # pytest writes the non-ASCII letters of test ids as \\u escapes
            return match.group(1).encode("latin-1", "backslashreplace").decode("unicode_escape")
        except UnicodeError:
            return match.group(1)
    if "error" in (output or "").lower():
        return "(the tests did not start: import or collection error)"
    return ""


def run_group(group: Group) -> None:
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    for stale in (WORK / f"{group.name}.json", WORK / f"{group.name}.sqlite"):
        stale.unlink(missing_ok=True)

    env = dict(os.environ)
    if not env.get("DATABASE_URL"):
        env["CHIBO_PGDATA"] = str(ROOT / ".pgdata")
    command = test_command(group)
    started = time.monotonic()
    baseline = subprocess.run(command, cwd=TREE, env=env, capture_output=True, text=True)
    baseline_seconds = time.monotonic() - started
    if baseline.returncode != 0:
        sys.exit(f"mutants: the {group.name} tests fail without any mutant:\n{baseline.stdout[-3000:]}")
    timeout = round(max(30.0, 3 * baseline_seconds + 10), 1)

    config = WORK / f"{group.name}.toml"
    session = WORK / f"{group.name}.sqlite"
    config.write_text(
        "[cosmic-ray]\n"
        f"module-path = {json.dumps(list(group.targets))}\n"
        f"timeout = {timeout}\n"
        "excluded-modules = []\n"
        f"test-command = '{quoted(command)}'\n"
        "\n[cosmic-ray.distributor]\n"
        'name = "local"\n'
    )
    cosmic = str(Path(PY).with_name("cosmic-ray"))
    subprocess.run([cosmic, "init", str(config), str(session)], cwd=TREE, env=env, check=True)

    ranges, signatures = {}, {}
    for module, names in group.targets.items():
        ranges[module], signatures[module] = function_ranges(module, names)
    excluded = [re.compile(p) for p in EXCLUDED_OPERATORS]

    with use_db(str(session), WorkDB.Mode.open) as db:
        skipped = []
        for item in db.pending_work_items:
            mutation = item.mutations[0]
            operator = mutation.operator_name.rsplit("/", 1)[-1]
            if not owner(mutation, ranges, signatures) or any(p.search(operator) for p in excluded):
                skipped.append(item.job_id)
        if skipped:
            db.set_multiple_results(
                skipped, WorkResult(output="outside the guards", worker_outcome=WorkerOutcome.SKIPPED)
            )
        todo = db.num_work_items - len(skipped)
    modules = ", ".join(group.targets)
    print(f"mutants: {group.name}: {todo} mutants of {modules}, baseline {baseline_seconds:.1f} s", flush=True)

    originals = {module: (TREE / module).read_bytes() for module in group.targets}
    started = time.monotonic()
    subprocess.run([cosmic, "exec", str(config), str(session)], cwd=TREE, env=env, check=True)
    seconds = time.monotonic() - started
    for module, original in originals.items():  # cosmic-ray puts the module back after each mutant
        if (TREE / module).read_bytes() != original:
            sys.exit(f"mutants: {module} was left mutated in {TREE}")

    (WORK / f"{group.name}.json").write_text(
        json.dumps({"baseline": baseline_seconds, "seconds": seconds, "ranges": ranges, "signatures": signatures})
    )


def collect(group: Group) -> GroupRun | None:
    """The results of the group's last session, or None when it never ran to the end."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    session, state = WORK / f"{group.name}.sqlite", WORK / f"{group.name}.json"
    if not (session.exists() and state.exists()):
        return None
    saved = json.loads(state.read_text())
    ranges, signatures = saved["ranges"], saved["signatures"]

    run = GroupRun(group, saved["baseline"], saved["seconds"], datetime.fromtimestamp(state.stat().st_mtime))
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item, result in db.completed_work_items:
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                continue
            mutation = item.mutations[0]
            line, before, after = changed_lines(result.diff or "")
            if result.worker_outcome != WorkerOutcome.NORMAL:
                outcome = "incompetent"
            elif result.test_outcome == TestOutcome.SURVIVED:
                outcome = "survived"
            elif result.output == "timeout":
                outcome = "timeout"
            elif result.test_outcome == TestOutcome.KILLED:
                outcome = "killed"
            else:
                outcome = "incompetent"
            run.mutants.append(
                Mutant(
                    group=group.name,
                    module=str(mutation.module_path),
                    function=owner(mutation, ranges, signatures),
                    operator=mutation.operator_name.rsplit("/", 1)[-1],
                    line=line or mutation.start_pos[0],
                    before=before,
                    after=after,
                    diff=result.diff or "",
                    outcome=outcome,
                    killed_by=first_failure(result.output) if outcome == "killed" else "",
                )
            )
    run.mutants.sort(key=lambda m: (m.line, m.operator, m.after))
    return run


def explanation(mutant: Mutant) -> str:
    return EXPLAINED.get((mutant.module, mutant.function, mutant.after), "")


def count(mutants: list[Mutant], outcome: str) -> int:
    return sum(1 for m in mutants if m.outcome == outcome)


def write_report(runs: list[GroupRun], seconds: float) -> int:
    import cosmic_ray

    version = (
        getattr(cosmic_ray, "__version__", "")
        or subprocess.run(
            [str(Path(PY).with_name("cosmic-ray")), "--version"], capture_output=True, text=True
        ).stdout.split()[-1]
    )
    database = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "the embedded PostgreSQL (.pgdata/)"
    everything = [m for r in runs for m in r.mutants]
    lines = [
        "# Mutation score on the guards",
        "",
        f"Written by `make mutants` (bench/mutants.py) on {datetime.now():%Y-%m-%d %H:%M}: cosmic-ray {version}, "
        f"Python {platform.python_version()}, tests on {database}; {seconds / 60:.1f} minutes in all. "
        "Each mutant ran the group's tests below with `pytest -x --reuse-db`; tests/test_guards.py runs last.",
        "",
        f"**{len(everything)} mutants: {count(everything, 'killed')} killed, {count(everything, 'survived')} "
        f"survived, {count(everything, 'timeout')} timeouts, {count(everything, 'incompetent')} incompetent.**",
        "",
        "Left out: cosmic-ray operators matching " + ", ".join(f"`{p}`" for p in EXCLUDED_OPERATORS) + " "
        "(arithmetic turned bitwise, shift or power; Q objects combined by arithmetic), mutations in function "
        "signatures (annotations, the bare `*`: "
        "they fail at import), and every "
        "function of the modules not named below.",
        "",
        "| group | modules | tests per mutant | run at | baseline | mutants | killed | survived | timeouts | minutes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in runs:
        g = run.group
        tests = ", ".join([*g.tests, GUARD_TESTS]) + (f' (`-k "{g.keyword}"`)' if g.keyword else "")
        lines.append(
            f"| {g.name} | {', '.join(g.targets)} | {tests} | {run.finished:%Y-%m-%d %H:%M} | "
            f"{run.baseline_seconds:.0f} s | {len(run.mutants)} | "
            f"{count(run.mutants, 'killed')} | {count(run.mutants, 'survived')} | {count(run.mutants, 'timeout')} | "
            f"{run.seconds / 60:.1f} |"
        )
    lines += ["", "## Per function", "", "| module | function | mutants | killed | survived | timeouts |"]
    lines.append("| --- | --- | --- | --- | --- | --- |")
    for run in runs:
        for module, name in ((m, n) for m, names in run.group.targets.items() for n in names):
            mine = [m for m in run.mutants if (m.module, m.function) == (module, name)]
            lines.append(
                f"| {module} | {name} | {len(mine)} | {count(mine, 'killed')} | "
                f"{count(mine, 'survived')} | {count(mine, 'timeout')} |"
            )

    survivors = [m for m in everything if m.outcome in ("survived", "incompetent")]
    unexplained = [m for m in survivors if not explanation(m)]
    lines += ["", f"## Survivors ({len(survivors)}, {len(unexplained)} without an explanation)", ""]
    if not survivors:
        lines += ["None.", ""]
    for m in survivors:
        lines += [
            f"### {m.module} — {m.function}, line {m.line} ({m.operator}, {m.outcome})",
            "",
            "```diff",
            f"- {m.before}",
            f"+ {m.after}",
            "```",
            "",
            f"Why it survives: {explanation(m) or '**NOT EXPLAINED: needs a test or a reason.**'}",
            "",
        ]

    by_guards = [m for m in everything if m.outcome == "killed" and m.killed_by.startswith(GUARD_TESTS)]
    lines += [
        f"## Killed only by {GUARD_TESTS} ({len(by_guards)})",
        "",
        "Their first failing test is in tests/test_guards.py, which runs after every other test of the group: "
        "without it they survive.",
        "",
        "| module | function | line | mutation | killed by |",
        "| --- | --- | --- | --- | --- |",
    ]
    for m in by_guards:
        change = f"`{m.before}` → `{m.after}`" if m.after else f"`{m.before}` removed"
        change = change.replace("|", "\\|")
        lines.append(f"| {m.module} | {m.function} | {m.line} | {change} | `{m.killed_by.split('::')[-1]}` |")
    timeouts = [m for m in everything if m.outcome == "timeout"]
    if timeouts:
        lines += ["", "## Timeouts (counted as killed by cosmic-ray)", ""]
        for m in timeouts:
            lines.append(f"- {m.module} {m.function} line {m.line}: `{m.before}` → `{m.after}`")
    REPORT.write_text("\n".join(lines) + "\n")
    return len(unexplained)


def main() -> int:
    wanted = [n for n in os.environ.get("MUTANTS_GROUPS", "").split(",") if n]
    unknown = set(wanted) - {g.name for g in GROUPS}
    if unknown:
        sys.exit(f"mutants: no group {', '.join(sorted(unknown))}; the groups: {', '.join(g.name for g in GROUPS)}")
    started = time.monotonic()
    WORK.mkdir(exist_ok=True)
    if not os.environ.get("MUTANTS_REPORT_ONLY"):
        copy_tree()
        for group in GROUPS:
            if not wanted or group.name in wanted:
                run_group(group)
    runs = [run for run in map(collect, GROUPS) if run is not None]
    unexplained = write_report(runs, sum(r.seconds + r.baseline_seconds for r in runs))
    everything = [m for r in runs for m in r.mutants]
    print(
        f"mutants: {len(everything)} mutants, {count(everything, 'killed')} killed, "
        f"{count(everything, 'survived')} survived, {count(everything, 'timeout')} timeouts; "
        f"{unexplained} survivors without an explanation; report in {REPORT.relative_to(ROOT)} "
        f"({time.monotonic() - started:.0f} s)"
    )
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
