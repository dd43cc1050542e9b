"""Monitoring steps of the end-to-end check (imported by tests/e2e/e2e_check.py; Python stdlib only).

simulate(): while the e2e server runs, `scripts/replay.sh --simulate` sends the first users of the
            test split to POST /recommend (and /feedback when the server has it);
reports():  after the server stopped (log flushed), `scripts/kpis.sh` and `scripts/replay.sh` run on
            the produced request log, and their totals must equal SELECT count(*) over it.
"""
import json
import os
import sqlite3
import subprocess
import time

HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
USERS = 50
state = {}


def simulate(check, base, work):
    """Runs replay.sh --simulate against base; returns the number of request-log rows it caused."""
    t0 = time.time()
    p = subprocess.run(["bash", os.path.join(HOME, "scripts/replay.sh"), "--simulate", "--server", base,
                        "--test", os.path.join(work, "data/processed/test.csv"), "--users", str(USERS)],
                       capture_output=True, text=True)
    ok = p.returncode == 0
    summary = json.loads(p.stdout.strip().splitlines()[-1]) if ok else {}
    check("replay.sh --simulate: %s (%.1f s)" % (summary, time.time() - t0),
          ok and summary.get("recommend_ok") == USERS, p.stderr[-2000:])
    state["feedback"] = summary.get("feedback_available", False) and summary.get("feedback_posted", 0) > 0
    return summary.get("recommend_requests", 0)


def _json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def reports(check, work):
    db = sqlite3.connect(os.path.join(work, "data/logs/requests.db"))
    total = db.execute("select count(*) from request_logs").fetchone()[0]
    lists = db.execute("select count(*) from request_logs where endpoint = '/recommend' and status = 200 "
                       "and user_id is not null and json_array_length(recommendations) > 0").fetchone()[0]
    db.close()

    t0 = time.time()
    p = subprocess.run(["bash", os.path.join(HOME, "scripts/kpis.sh"), "--workdir", work], capture_output=True, text=True)
    kpis = _json(os.path.join(work, "reports/kpis.json"))
    check("kpis.sh exits 0 and writes kpis.json (%.1f s)" % (time.time() - t0), p.returncode == 0 and kpis is not None,
          p.stderr[-2000:])
    if kpis:
        check("kpis.json total_requests %s == count(*) %d" % (kpis["total_requests"], total), kpis["total_requests"] == total)
        rec = [g for g in kpis["groups"] if g["endpoint"] == "/recommend" and g["hour"] == "all" and g["variant"] == "all"]
        check("kpis.json /recommend rollup has latency p99 and catalog coverage",
              bool(rec) and all(g["latency_ms"]["p99"] is not None and g["catalog_coverage"] is not None for g in rec), rec)
    check("kpis.csv written", os.path.isfile(os.path.join(work, "reports/kpis.csv")))

    args = [] if state.get("feedback") else ["--heldout", "data/processed/test.csv", "--no-window"]
    t0 = time.time()
    p = subprocess.run(["bash", os.path.join(HOME, "scripts/replay.sh"), "--workdir", work] + args,
                       capture_output=True, text=True)
    replay = _json(os.path.join(work, "reports/replay.json"))
    check("replay.sh %s exits 0 and writes replay.json (%.1f s)" % (" ".join(args) or "(feedback)", time.time() - t0),
          p.returncode == 0 and replay is not None, p.stderr[-2000:])
    if replay:
        check("replay.json total_lists %s == served /recommend lists %d" % (replay["total_lists"], lists),
              replay["total_lists"] == lists)
        evaluated = sum(g["evaluated_lists"] for g in replay["groups"] if g["variant"] == "all")
        check("replay.json evaluated %d lists with later positives" % evaluated, evaluated > 0, replay["groups"])
