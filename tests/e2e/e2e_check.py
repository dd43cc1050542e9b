#!/usr/bin/python3
"""End-to-end check of the whole loop on the bundled MovieLens data, run by scripts/test.sh.

Runs under Debian's /usr/bin/python3 (apt python3-numpy python3-faiss). Steps:
  1. scripts/pipeline.sh into a fresh work directory (Beam stages + trainer + FAISS index + promotion);
  2. checks model_metadata.json: val/test metrics for ials, popularity, itemknn; iALS beats popularity;
  3. starts scripts/serve.sh on a free loopback port with the request log in the work directory;
  4. runs every `curl` line of the README's API section against it (each must succeed with 2xx);
  5. checks the error contract (bad JSON and k=0 -> 400 JSON, unknown movie -> 404 JSON);
  6. checks that Python FAISS (faiss.read_index on item_index.faiss, cosine over the normalized
     embeddings) returns the same neighbours as POST /similar, via tests/e2e/faiss_interop_check.py;
  7. replays the first test users through the API (scripts/replay.sh --simulate, e2e_monitoring.py);
  8. stops the server gracefully and checks that request_logs holds one row per logged request;
  9. runs scripts/kpis.sh and scripts/replay.sh on that log and checks their totals against it;
 10. serves the model again (own request log) and runs tests/e2e/fuzz_check.py: 10,000 malformed
     requests over raw sockets, 0 answers with 5xx, every answer a 4xx JSON {error, message}.
Prints one line per check and ends with "e2e: N passed, M failed"; exit code 1 if any failed.
"""
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

import e2e_monitoring
from e2e_lib import (HOME, check, http, remove_work, server_state, start_server, stop_server, summary,
                     wait_ready)

PY = "/usr/bin/python3"





def readme_curls():
    """curl lines of the README section '## API' (continuation lines joined)."""
    text = open(os.path.join(HOME, "README.md"), encoding="utf-8").read()
    section = text.split("## API", 1)[1].split("\n## ", 1)[0]
    cmds = []
    for block in re.findall(r"```(?:bash|sh)\n(.*?)```", section, re.S):
        for cmd in block.replace("\\\n", " ").splitlines():
            if cmd.strip().startswith("curl "):
                cmds.append(cmd.strip())
    return cmds


def fuzz(env, work, prod):
    """Step 10: tests/e2e/fuzz_check.py against a fresh server on the same model."""
    fenv = dict(env, MARQUEE_REQUEST_LOG_DB_PATH=os.path.join(work, "data/logs/fuzz.db"))
    server, base, log_path = start_server(work, ["--models", prod], fenv)
    try:
        ready = wait_ready(base, server)
        if not check("fuzz server ready", ready, "" if ready else server_state(server, log_path)):
            return
        t0 = time.time()
        p = subprocess.run([PY, os.path.join(HOME, "tests/e2e/fuzz_check.py"), "--base", base, "--count", "10000"],
                           capture_output=True, text=True, timeout=600)
        lines = [ln for ln in p.stdout.splitlines() if ln.startswith(("by status", "5xx", "fuzz:"))]
        print("\n".join(lines), flush=True)
        check("fuzz_check.py: 10000 malformed requests, 0 5xx, all 4xx JSON {error, message} (%.0f s)"
              % (time.time() - t0), p.returncode == 0, p.stdout[-3000:] + p.stderr[-2000:])
    finally:
        stop_server(server)


def same_up_to_ties(served, ids, scores, eps=1e-6):
    """True when `served` is `ids` with, at most, reordering inside runs of equal `scores`."""
    if len(served) != len(ids):
        return False
    start = 0
    for i in range(1, len(ids) + 1):
        if i == len(ids) or abs(scores[i] - scores[start]) > eps:
            if sorted(served[start:i]) != sorted(ids[start:i]):
                return False
            start = i
    return True


def main():
    work = tempfile.mkdtemp(prefix="marquee-e2e-")
    env = dict(os.environ)
    server = None
    try:
        t0 = time.time()
        p = subprocess.run(["bash", os.path.join(HOME, "scripts/pipeline.sh"), "--workdir", work],
                           cwd=HOME, env=env, capture_output=True, text=True)
        check("pipeline.sh exits 0 (%.0f s)" % (time.time() - t0), p.returncode == 0, p.stderr[-3000:])
        if p.returncode != 0:
            return
        prod = os.path.join(work, "models", "production")
        meta = json.load(open(os.path.join(prod, "model_metadata.json")))
        m = meta["metrics"]
        have = all(split in m.get(model, {}) for model in ("ials", "popularity", "itemknn") for split in ("val", "test"))
        check("metadata has val and test metrics for ials, popularity, itemknn", have, list(m))
        ials, pop = m["ials"]["test"]["ndcg@10"], m["popularity"]["test"]["ndcg@10"]
        check("iALS test NDCG@10 %.4f > popularity %.4f" % (ials, pop), ials > pop)

        env.update({"MARQUEE_REQUEST_LOG_DB_PATH": os.path.join(work, "data/logs/requests.db"),
                    "MARQUEE_SERVER_HOST": "127.0.0.1"})
        server, base, log_path = start_server(work, ["--models", prod], env)
        port = int(base.rsplit(":", 1)[1])
        ready = wait_ready(base, server)
        if not check("server ready on port %d" % port, ready, "" if ready else server_state(server, log_path)):
            return
        logged = 0  # requests to endpoints that write request_logs rows

        for cmd in readme_curls():
            c = cmd.replace("localhost:8080", "127.0.0.1:%d" % port)
            r = subprocess.run(["bash", "-c", c + " -s -o /dev/null -w '%{http_code}'"], capture_output=True, text=True)
            code = r.stdout.strip()[-3:]
            check("README: " + cmd[:90], code.startswith("2"), "HTTP " + code + " " + r.stderr[-300:])
            if re.search(r"/(recommend|similar|popular)", cmd):
                logged += 1

        s, body, _ = http("POST", base + "/recommend", "{not json")
        check("bad JSON -> 400 JSON", s == 400 and json.loads(body).get("error") == "bad_request", (s, body))
        s, body, _ = http("POST", base + "/recommend", json.dumps({"user_id": 1, "k": 0}))
        check("k=0 -> 400 JSON", s == 400 and json.loads(body).get("error") == "bad_request", (s, body))
        s, body, _ = http("POST", base + "/similar", json.dumps({"movie_id": 999999999, "k": 5}))
        check("unknown movie -> 404 JSON", s == 404 and json.loads(body).get("error") == "not_found", (s, body))
        logged += 3

        movie = 1  # Toy Story
        s, body, _ = http("POST", base + "/similar", json.dumps({"movie_id": movie, "k": 10}))
        logged += 1
        served = [x["movie_id"] for x in json.loads(body)["similar_items"]] if s == 200 else []
        r = subprocess.run([PY, os.path.join(HOME, "tests/e2e/faiss_interop_check.py"), "--model-dir", prod,
                            "--movie-id", str(movie), "--k", "10", "--metric", "cosine"],
                           capture_output=True, text=True)  # similar.ranking's default
        faiss_out = json.loads(r.stdout) if r.returncode == 0 else None
        faiss_ids = faiss_out["neighbors"] if faiss_out else r.stderr
        # Movies with the same content-mapped vector (cold-start items of equal genres, decade and
        # tokens) tie exactly; the order within a tie is unspecified, so compare tie groups as sets.
        check("Python faiss.read_index neighbours == POST /similar",
              bool(served) and faiss_out is not None
              and same_up_to_ties(served, faiss_out["neighbors"], faiss_out["scores"]),
              {"similar": served, "faiss": faiss_ids})

        logged += e2e_monitoring.simulate(check, base, work)

        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        server = None
        db = sqlite3.connect(os.path.join(work, "data/logs/requests.db"))
        rows = db.execute("select count(*) from request_logs").fetchone()[0]
        check("request_logs has one row per request (%d == %d)" % (rows, logged), rows == logged)
        integrity = db.execute("pragma integrity_check").fetchone()[0]
        check("request log integrity_check ok", integrity == "ok", integrity)
        db.close()
        e2e_monitoring.reports(check, work)
        fuzz(env, work, prod)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGKILL)
        remove_work(work, "MARQUEE_KEEP_E2E")
        sys.exit(summary("e2e"))


if __name__ == "__main__":
    main()
