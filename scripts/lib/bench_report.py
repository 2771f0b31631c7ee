#!/usr/bin/env python3
"""Renders the results of scripts/bench as one table (text or Markdown).

Usage: bench_report.py META.json RESULTS.jsonl [--markdown] [--smoke]

RESULTS.jsonl holds one object per measurement: id, samples (ms, one per run), and
optionally cpu (ms, mean user + system), rss_kb (peak resident set) and failed.
With --smoke, exits 1 unless every measurement produced a number.
"""
import json
import os
import statistics
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
markdown = "--markdown" in sys.argv
smoke = "--smoke" in sys.argv
meta = json.load(open(args[0]))
results = {}
for line in open(args[1]):
    if line.strip():
        entry = json.loads(line)
        results[entry["id"]] = entry

RSS_BUDGET_MB = 200


def users(n):
    return f"{n:,}"


def p99(id):
    samples = sorted(results[id]["samples"]) if id in results and results[id].get("samples") else [float("nan")]
    return samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def stats(id):
    entry = results.get(id)
    if not entry or not entry.get("samples"):
        return None
    samples = entry["samples"]
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "runs": len(samples),
        "cpu": entry.get("cpu"),
        "rss": entry.get("rss_kb", 0) / 1024 if entry.get("rss_kb") else None,
    }


def ms(value):
    if value is None:
        return "—"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def rate(lines, value_ms):
    return lines / (value_ms / 1000) if value_ms else 0


def lines_per_s(value):
    if value >= 10000:
        return f"{value / 1000:,.0f}k lines/s"
    return f"{value:,.0f} lines/s"


def mb(value):
    return "—" if value is None else f"{value:.0f} MB"


rows = []  # (measure, median, range, cpu, rss, budget, verdict)
missing = []


def verdict(ok):
    if ok is None:
        return "—"
    return "ok" if ok else "**MISSED**" if markdown else "MISSED"


def time_row(label, id, budget, check=None, runs_note=True, into=None):
    target = rows if into is None else into
    s = stats(id)
    if s is None:
        missing.append(id)
        target.append((label, "no result", "", "", "", budget, "FAILED"))
        return None
    ok = check(s) if check else None
    if ok is not None and s["rss"] is not None and s["rss"] > RSS_BUDGET_MB:
        ok = False
    target.append((label, ms(s["median"]), f"{ms(s['min'])} – {ms(s['max'])}", ms(s["cpu"]), mb(s["rss"]), budget, verdict(ok)))
    return s


def rate_row(label, id, lines, budget, check=None):
    s = stats(id)
    if s is None:
        missing.append(id)
        rows.append((label, "no result", "", "", "", budget, "FAILED"))
        return None
    ok = check(s) if check else None
    if ok is not None and s["rss"] is not None and s["rss"] > RSS_BUDGET_MB:
        ok = False
    rows.append((label, lines_per_s(rate(lines, s["median"])),
                 f"{lines_per_s(rate(lines, s['max']))} – {lines_per_s(rate(lines, s['min']))}",
                 ms(s["cpu"]), mb(s["rss"]), budget, verdict(ok)))
    return s


def bulk_edit_row(big):
    """Issue 16: a set by pattern on a tenth of the users, then publish."""
    pattern = "user5" + "?" * (len(str(big - 1)) - 1)
    time_row(f"`set … user '{pattern}' …; publish` as a process: {users(big // 10)} of {users(big)} users changed", "pattern-process",
             f"< 3 s, < {RSS_BUDGET_MB} MB", lambda s: s["median"] < 3000)
    time_row("  the same in-process: the set by pattern", "pattern-set", "")
    time_row("  the same in-process: publish", "pattern-publish", "")
    time_row("  the same in-process: set + publish", "pattern-total", "< 3 s", lambda s: s["median"] < 3000)


big = meta["big_users"]
sizes = meta["scale_sizes"]
small = sizes[0]
bl, bu = meta["bulk_lines"], meta["bulk_users"]

check_ratios, sqlite_ratios, scaling = [], [], []
if meta.get("sqlite_rows", True):
    # Start-up
    time_row("start-up `-c 'show manage-system'`, empty store", "startup-empty", "< 30 ms",
             lambda s: s["median"] < 30)
    # The big store is compared with the same configuration without users, so that only the
    # store's size differs (an empty store has less to show).
    reference = stats("startup-base")
    if reference is not None:
        time_row("start-up `-c 'show manage-system'`, the base configuration without users", "startup-base", "< 30 ms",
                 lambda s: s["median"] < 30)
    else:
        reference = stats("startup-empty")
    time_row(f"start-up `-c 'show manage-system'`, {users(big)} users", "startup-big",
             "< 30 ms and as without users (≤ +10% or +2 ms)",
             lambda s: s["median"] < 30 and reference is not None
             and (s["median"] <= reference["median"] * 1.1 or s["median"] <= reference["median"] + 2))

    # check vs vtysh
    for n in meta["script_lines"]:
        v = stats(f"vtysh-{n}")
        vrate = rate(n, v["median"]) if v else None
        budget = f"≥ 2× vtysh -C ({lines_per_s(vrate)})" if vrate else "≥ 2× vtysh -C"
        rate_row(f"`check` of a {users(n)}-line script", f"check-{n}", n, budget,
                 lambda s: vrate is not None and rate(n, s["median"]) >= 2 * vrate)

    # apply + publish vs sqlite3
    for n in meta["script_lines"]:
        q = stats(f"sqlite-{n}")
        budget = f"≤ 2× sqlite3 ({ms(q['median'])})" if q else "≤ 2× sqlite3"
        rate_row(f"`dashell FILE` (apply + publish), {users(n)} lines", f"apply-{n}", n, budget,
                 lambda s: q is not None and s["median"] <= 2 * q["median"])

    q = stats(f"sqlite-{bl}")
    budget = f"< 3 s and ≤ 2× sqlite3 ({ms(q['median'])})" if q else "< 3 s and ≤ 2× sqlite3"
    time_row(f"apply + publish {users(bu)} new users ({users(bl)} leaves), `dashell FILE`", f"apply-{bl}", budget,
             lambda s: s["median"] < 3000 and q is not None and s["median"] <= 2 * q["median"])
    time_row("  the same in-process: apply (ConfigWriter.setLeaf)", "bulk-apply", "")
    time_row("  the same in-process: publish", "bulk-publish", "")
    time_row("  the same in-process: apply + publish", "bulk-total", "< 3 s", lambda s: s["median"] < 3000)

    # one-leaf publish
    first = stats(f"one-leaf-{small}")
    time_row(f"publish a one-leaf change, {users(big)} users (in-process)", f"one-leaf-{big}",
             f"< 20 ms and as on {users(small)} users ({ms(first['median']) if first else '?'})",
             lambda s: s["median"] < 20 and first is not None
             and (s["median"] <= first["median"] * 1.25 or s["median"] <= first["median"] + 1))
    tab = time_row(f"TAB completion of a user id, {users(big)} users (in-process, p50)", f"tab-{big}", "< 10 ms",
                   lambda s: s["median"] < 10 and p99(f"tab-{big}") < 10)
    if tab:
        rows.append((f"  the same, p99", ms(p99(f"tab-{big}")), "", "", "", "< 10 ms", verdict(p99(f"tab-{big}") < 10)))
    plain_tab = stats(f"tab-{big}")
    time_row(f"  the same after {users(bu)} new users were set in the candidate (p50)", "tab-loaded",
             f"as without ({ms(plain_tab['median']) if plain_tab else '?'})",
             lambda s: plain_tab is not None and (s["median"] <= plain_tab["median"] * 1.25 or s["median"] <= plain_tab["median"] + 1))
    time_row(f"`search user-accounts 'PREFIX*'`, first page, {users(big)} users (in-process)", "search-anchored", "< 10 ms",
             lambda s: s["median"] < 10)
    time_row(f"`search user-accounts WORD`, first page, {users(big)} users (in-process)", "search-word-first-page", "< 100 ms, < 50 MB",
             lambda s: s["median"] < 100 and (s["rss"] or 0) < 50)
    scan = stats("search-scan")
    if scan is None:
        missing.append("search-scan")
        rows.append(("`search user-accounts WORD`, the whole scan", "no result", "", "", "", "≥ 1,000,000 users/s", "FAILED"))
    else:
        rows.append((f"`search user-accounts WORD`, the whole scan of {users(big)} users", f"{scan['median'] / 1e6:.2f}M users/s",
                     f"{scan['min'] / 1e6:.2f}M – {scan['max'] / 1e6:.2f}M", "", mb(scan["rss"]), "≥ 1,000,000 users/s, < 50 MB",
                     verdict(scan["median"] >= 1e6 and (scan["rss"] or 0) < 50)))
    bulk_edit_row(big)
    time_row(f"`compare` of a small candidate, {users(big)} users (in-process)", "compare", "< 20 ms",
             lambda s: s["median"] < 20)
    time_row(f"`validate` of a small candidate, {users(big)} users (in-process)", "validate", "< 20 ms (as compare)",
             lambda s: s["median"] < 20)
    peak = max((e.get("rss_kb", 0) for e in results.values() if not e["id"].startswith(("vtysh", "sqlite", "import", "pg-"))), default=0) / 1024
    rows.append(("peak memory, any dashell measurement above", mb(peak), "", "", "", f"< {RSS_BUDGET_MB} MB",
                 verdict(peak < RSS_BUDGET_MB)))

    # v2: imports in bounded memory, search as a process
    IMPORT_RSS_BUDGET_MB = 300
    imports = meta.get("import_users", [])
    if imports:
        first_import = imports[0]
        q = stats(f"import-sqlite-{first_import}")
        budget = f"< {IMPORT_RSS_BUDGET_MB} MB; ≤ 1.5× sqlite3 ({ms(q['median']) if q else '?'})"
        first_imported = stats(f"import-{first_import}")
        rows.append(("v2 budgets", "", "", "", "", "", ""))
        s = first_imported
        if s is None:
            missing.append(f"import-{first_import}")
            rows.append((f"`dashell FILE` importing {users(first_import)} new users", "no result", "", "", "", budget, "FAILED"))
        else:
            ok = q is not None and s["median"] <= 1.5 * q["median"] and (s["rss"] or 0) < IMPORT_RSS_BUDGET_MB
            rows.append((f"`dashell FILE` importing {users(first_import)} new users ({users(first_import * 4)} lines, one publish)",
                         ms(s["median"]), f"{ms(s['min'])} – {ms(s['max'])}", ms(s["cpu"]), mb(s["rss"]), budget, verdict(ok)))
        for n in imports[1:]:
            s, qn = stats(f"import-{n}"), stats(f"import-sqlite-{n}")
            label = f"  the same with {users(n)} users (one run)"
            if s is None or first_imported is None:
                missing.append(f"import-{n}")
                rows.append((label, "no result", "", "", "", "memory as above", "FAILED"))
                continue
            ok = (s["rss"] or 0) < IMPORT_RSS_BUDGET_MB and (s["rss"] or 0) <= (first_imported["rss"] or 0) * 1.1
            rows.append((label, ms(s["median"]), f"sqlite3 {ms(qn['median']) if qn else '?'}", ms(s["cpu"]), mb(s["rss"]),
                         f"< {IMPORT_RSS_BUDGET_MB} MB, no higher than with {users(first_import)} (+10%)", verdict(ok)))
        s = stats(f"import-check-{first_import}")
        if s is None:
            missing.append(f"import-check-{first_import}")
        else:
            rows.append((f"`check` of the same {users(first_import * 4)}-line script (one run)", ms(s["median"]), "", ms(s["cpu"]), mb(s["rss"]),
                         f"< {IMPORT_RSS_BUDGET_MB} MB", verdict((s["rss"] or 0) < IMPORT_RSS_BUDGET_MB)))
        empty = stats("startup-empty")
        time_row(f"`-c \"search user-accounts 'PREFIX*'\"` as a process, {users(big)} users", "search-process",
                 f"< 30 ms, memory as on an empty store ({mb(empty['rss']) if empty else '?'})",
                 lambda s: s["median"] < 30 and empty is not None and (s["rss"] or 0) <= (empty["rss"] or 0) * 1.1 + 1)

    # v2: privileges and the audit trail (SPEC §9, §11, §12)
    plain = stats("one-leaf-no-administrators")
    time_row(f"privileges and audit on: one-leaf publish, {users(big)} users, administrators defined (in-process)", "one-leaf-privileges",
             f"≤ without administrators + 2 ms ({ms(plain['median']) if plain else '?'})",
             lambda s: plain is not None and s["median"] <= plain["median"] + 2)
    time_row("  the same without administrators, side by side", "one-leaf-no-administrators", "")
    records = meta.get("audit_records", 100000)
    time_row(f"`dashell audit verify` of {users(records)} audit records", "audit-verify", "< 1 s",
             lambda s: s["median"] < 1000)

    # Ratios
    for n in meta["script_lines"]:
        c, v = stats(f"check-{n}"), stats(f"vtysh-{n}")
        if c and v:
            check_ratios.append((users(n), lines_per_s(rate(n, c["median"])), lines_per_s(rate(n, v["median"])),
                                 f"{v['median'] / c['median']:.2f}×", "≥ 2×", verdict(v["median"] / c["median"] >= 2)))
    for n in sorted(set(meta["script_lines"] + [bl])):
        a, q = stats(f"apply-{n}"), stats(f"sqlite-{n}")
        if a and q:
            sqlite_ratios.append((users(n), ms(a["median"]), ms(q["median"]), f"{a['median'] / q['median']:.2f}×", "≤ 2×",
                                  verdict(a["median"] / q["median"] <= 2)))
    first_tab = stats(f"tab-{small}")
    for size in sizes:
        s, t = stats(f"one-leaf-{size}"), stats(f"tab-{size}")
        if s:
            scaling.append((users(size), ms(s["median"]), f"{ms(s['min'])} – {ms(s['max'])}", mb(s["rss"]),
                            f"{s['median'] / first['median']:.2f}×" if first else "",
                            ms(t["median"]) if t else "", ms(p99(f"tab-{size}")) if t else "",
                            f"{t['median'] / first_tab['median']:.2f}×" if t and first_tab else ""))


# PostgreSQL (v2): the same measures on a throwaway cluster, over a Unix socket.
pg_rows, pg_scaling = [], []
pg_sizes = meta.get("pg_sizes", [])
if pg_sizes:
    pg_small, pg_big = pg_sizes[0], pg_sizes[-1]
    time_row("start-up `-c 'show manage-system'`, the base configuration without users", "pg-startup-base", "< 40 ms",
             lambda s: s["median"] < 40, into=pg_rows)
    time_row(f"start-up `-c 'show manage-system'`, {users(pg_big)} users", "pg-startup-big", "< 40 ms",
             lambda s: s["median"] < 40, into=pg_rows)
    pl = f"pg-copy-{bl}"
    copy = stats(pl)
    budget = f"< 3 s and ≤ 3× psql `\\copy` ({ms(copy['median'])})" if copy else "< 3 s and ≤ 3× psql `\\copy`"
    applied = time_row(f"apply + publish {users(bu)} new users ({users(bl)} leaves), `dashell FILE`", f"pg-apply-{bl}", budget,
                       lambda s: s["median"] < 3000 and copy is not None and s["median"] <= 3 * copy["median"], into=pg_rows)
    time_row(f"  the floor: psql `\\copy` of the same {users(bl)} path/value rows into a table, one transaction", pl, "",
             into=pg_rows)
    if applied and copy:
        ratio = applied["median"] / copy["median"]
        pg_rows.append(("  dashell / `\\copy`", f"{ratio:.2f}×", "", "", "", "≤ 3×", verdict(ratio <= 3)))

    def flat(id_of, limit):
        first = stats(id_of(pg_small))
        return (f"< {limit} ms and as on {users(pg_small)} users ({ms(first['median']) if first else '?'})",
                lambda s: s["median"] < limit and first is not None
                and (s["median"] <= first["median"] * 1.25 or s["median"] <= first["median"] + 1))

    budget, check = flat(lambda n: f"pg-one-leaf-{n}", 20)
    time_row(f"publish a one-leaf change, {users(pg_big)} users (in-process)", f"pg-one-leaf-{pg_big}", budget, check, into=pg_rows)
    budget, check = flat(lambda n: f"pg-tab-{n}", 10)
    tab = time_row(f"TAB completion of a user id, {users(pg_big)} users (in-process, p50)", f"pg-tab-{pg_big}", budget,
                   lambda s: check(s) and p99(f"pg-tab-{pg_big}") < 10, into=pg_rows)
    if tab:
        pg_rows.append(("  the same, p99", ms(p99(f"pg-tab-{pg_big}")), "", "", "", "< 10 ms", verdict(p99(f"pg-tab-{pg_big}") < 10)))
    budget, check = flat(lambda n: f"pg-compare-{n}", 20)
    time_row(f"`compare` of a small candidate, {users(pg_big)} users (in-process)", f"pg-compare-{pg_big}", budget, check,
             into=pg_rows)
    pg_peak = max((e.get("rss_kb", 0) for e in results.values() if e["id"].startswith("pg-") and not e["id"].startswith("pg-copy")),
                  default=0) / 1024
    pg_rows.append(("peak memory, any dashell measurement above", mb(pg_peak), "", "", "", f"< {RSS_BUDGET_MB} MB",
                    verdict(pg_peak < RSS_BUDGET_MB)))

    firsts = {kind: stats(f"pg-{kind}-{pg_small}") for kind in ("one-leaf", "tab", "compare")}
    for size in pg_sizes:
        cells = [users(size)]
        for kind in ("one-leaf", "tab", "compare"):
            s, f = stats(f"pg-{kind}-{size}"), firsts[kind]
            cells += [ms(s["median"]) if s else "—", f"{s['median'] / f['median']:.2f}×" if s and f else ""]
            if kind == "tab":
                cells.insert(len(cells) - 1, ms(p99(f"pg-tab-{size}")) if s else "—")
        pg_scaling.append(cells)


def table(headers, body):
    if markdown:
        out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        out += ["| " + " | ".join(str(c) for c in row) + " |" for row in body]
        return "\n".join(out)
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *body)]
    line = lambda row: "  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip()
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in body])


reproduce = {"full": "scripts/bench", "quick": "scripts/bench --quick", "smoke": "scripts/bench --smoke"}[meta["mode"]]
environment = (f"{meta['date']}, commit {meta['commit']}, {meta['cpus']} cores (load {meta['load']} at the end), "
               f"{meta['swift']}, SQLite {meta['sqlite']}, FRR {meta['frr']}; "
               f"{meta['runs']} runs per measurement ({meta['startup_runs']} for start-up); "
               f"{meta['seconds'] // 60} min {meta['seconds'] % 60} s of generating and measuring after the build")
pg_environment = f"PostgreSQL {meta['postgresql']}" if meta.get("postgresql") else ""
if not meta.get("sqlite_rows", True):
    environment = environment.replace(f", SQLite {meta['sqlite']}, FRR {meta['frr']}", "")
    reproduce += " --postgresql-only"
if pg_environment:
    environment = environment.replace("; ", f", {pg_environment}; ", 1)
pg_heading = "PostgreSQL (SPEC §9 v2)"
pg_intro = [
    "A throwaway cluster that `scripts/bench` starts in a temporary directory (`initdb`, the server's default",
    "settings: `fsync` and synchronous commit on), reached over its Unix socket; each store made by `store init`",
    "and used by a login role that is a member of `dashell_admin`, as an administrator's, once `VACUUM ANALYZE`",
    "has done what autovacuum does within a minute of the import that made it. The floor is `psql -1`",
    "creating a `(path text COLLATE \"C\" PRIMARY KEY, value text)` table and `\\copy`ing the same path/value rows",
    "into it, in a fresh database each run, as `dashell FILE` runs on a fresh copy of the base store.",
]
pg_scaling_headers = ["users", "one-leaf publish", f"vs {users(pg_sizes[0])}" if pg_sizes else "", "TAB p50", "TAB p99",
                      f"vs {users(pg_sizes[0])}" if pg_sizes else "", "compare", f"vs {users(pg_sizes[0])}" if pg_sizes else ""]


def postgresql_section():
    if not pg_sizes:
        return []
    section = ["", f"## {pg_heading}" if markdown else pg_heading, ""]
    if markdown:
        section += pg_intro + [""]
    section.append(table(["measure", "median", "min – max", "CPU", "peak RSS", "budget", "verdict"], pg_rows))
    section += ["", "### Scaling: one-leaf publish, TAB completion and `compare` by store size" if markdown
                else "PostgreSQL scaling: one-leaf publish, TAB completion and compare by store size", ""]
    section.append(table(pg_scaling_headers, pg_scaling))
    return section


out = []
if not meta.get("sqlite_rows", True):
    out += (["# dashell benchmarks: PostgreSQL", "",
             f"Generated by `scripts/bench --postgresql-only --markdown` ({meta['mode']} run). Reproduce with `{reproduce}`.",
             "", environment + "."] if markdown else [f"dashell benchmarks, PostgreSQL only ({meta['mode']} run) — {environment}"])
    out += postgresql_section()
    print("\n".join(out))
elif markdown:
    out += ["# dashell benchmarks", "",
            f"Generated by `scripts/bench --markdown` ({meta['mode']} run). Reproduce with `{reproduce}`;",
            "`scripts/bench --help` lists the options. Budgets are those of SPEC §9.", "",
            environment + ".", "",
            "Wall-clock medians with min–max over the runs; CPU is the mean user + system time, steadier than",
            "wall time on a shared machine; peak RSS is the maximum resident set of one more run under",
            "`/usr/bin/time -v`. A user account has 4 leaves. The scripts are `set` lines with full paths, as",
            "`display set` writes them, followed by `publish`; the SQL is one `INSERT` per leaf into a",
            "`(path PRIMARY KEY, value)` table in one transaction, WAL and synchronous FULL like the store;",
            "the FRR configuration is prefix-list, access-list, IPv6 prefix-list and community-list lines in turn.",
            "", "## Budgets", ""]
else:
    out += [f"dashell benchmarks ({meta['mode']} run) — {environment}", ""]
if meta.get("sqlite_rows", True):
    out.append(table(["measure", "median", "min – max", "CPU", "peak RSS", "budget", "verdict"], rows))
    out += ["", "## Ratios, side by side in the same run" if markdown else "Ratios, side by side in the same run", ""]
    out.append(table(["lines", "dashell check", "vtysh -C -f", "dashell / vtysh speed", "target", "verdict"], check_ratios))
    out.append("")
    out.append(table(["leaves", "dashell FILE (apply + publish)", "sqlite3 INSERTs", "time ratio", "target", "verdict"], sqlite_ratios))
    out += ["", "## Scaling: one-leaf publish and TAB completion by store size" if markdown
            else "Scaling: one-leaf publish and TAB completion by store size", ""]
    out.append(table(["users", "publish median", "publish min – max", "peak RSS", f"publish vs {users(small)}",
                      "TAB p50", "TAB p99", f"TAB vs {users(small)}"], scaling))
    out += postgresql_section()
    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-notes.md")
    if markdown and os.path.exists(notes):
        out += ["", open(notes).read().rstrip()]
    print("\n".join(out))

if smoke:
    missing += [e["id"] for e in results.values() if not e.get("samples") or not e.get("rss_kb")]
    missing = sorted(set(missing))
    if missing:
        print(f"\nsmoke: no number from: {', '.join(missing)}", file=sys.stderr)
        sys.exit(1)
    print("\nsmoke: every measurement produced a number", file=sys.stderr)
