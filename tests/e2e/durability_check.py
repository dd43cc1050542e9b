#!/usr/bin/env python3
"""Hot reload under load and request-log durability of the Marquee server (issue #4).

Usage: tests/e2e/durability_check.py [--model DIR] [--seconds 12] [--reload-every 2] [--kill-after 6]
                                   [--threads 8] [--keep] [--help]

Against a real server (scripts/serve.sh on a loopback port, retrieval.mode=ivf, request log in a
fresh directory) and a load of --threads Python clients (keep-alive connections, closed loop, each
request with its own X-Request-ID; mostly POST /recommend, some POST /similar and GET /popular,
all three written to request_logs):

1. Hot reload: for --seconds (and until at least two reloads are done), every --reload-every
   seconds the production symlink is flipped between the two versions of the model and POST
   /admin/reload is called. Checks: no failed
   request (every response 200, no connection error), every reload 200, both versions seen in the
   /recommend responses.
2. Graceful stop: the load stops (no request in flight), the server gets SIGTERM. Checks: it
   exits, and request_logs holds exactly the requests answered (same count, same request ids).
3. kill -9: a new server on a new database, load for --kill-after seconds, SIGKILL while requests
   are in flight. Checks: PRAGMA integrity_check is ok; the rows lost (answered but not in the
   database) are at most one batch plus one flush interval of traffic:
   request_log.batch_size + ceil(rate * request_log.flush_interval_ms / 1000), configs/serving.yaml;
   a restarted server appends to the same database.

--model: a model version directory with a sibling registry/ holding <name>-a and <name>-b (as built
by scripts/bench-serve.sh --model-only, the default: ml-1m shape, 32 factors, built once).
Prints PASS/FAIL lines and ends with "durability: N passed, M failed"; exit code 0 only if all
passed, 2 for bad arguments. Standard library only (Debian's /usr/bin/python3).
"""
import argparse
import http.client
import json
import math
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_lib import HOME, check, start_server, summary, wait_ready  # noqa: E402
from e2e_lib import http as http_call  # noqa: E402

API_KEY = "durability-check-key"


class Load:
    """Closed-loop clients; every answered request is recorded with its id, status and model version."""

    def __init__(self, port, threads, users, items, tag):
        self.port, self.users, self.items, self.tag = port, users, items, tag
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.answered = {}  # request id -> (status, model version or None)
        self.errors = []  # (request id, exception text): sent, fate unknown
        self.workers = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(threads)]

    def start(self):
        self.t0 = time.time()
        for w in self.workers:
            w.start()
        return self

    def finish(self):
        """Stops sending and waits until every client has its last answer (nothing in flight)."""
        self.stop.set()
        for w in self.workers:
            w.join(30)
        self.seconds = time.time() - self.t0
        return self

    def rate(self):
        return len(self.answered) / max(1e-9, getattr(self, "seconds", time.time() - self.t0))

    def _request(self, rnd):
        r = rnd.random()
        if r < 0.8:
            return "POST", "/recommend", json.dumps({"user_id": rnd.randint(1, self.users), "k": 10})
        if r < 0.95:
            return "POST", "/similar", json.dumps({"movie_id": rnd.randint(1, self.items), "k": 10})
        return "GET", "/popular?k=10", None

    def _run(self, i):
        rnd = random.Random(1000 * i + len(self.tag))
        conn = None
        n = 0
        while not self.stop.is_set():
            rid = "%s-%d-%d" % (self.tag, i, n)
            n += 1
            method, path, body = self._request(rnd)
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                headers = {"X-Request-ID": rid}
                if body is not None:
                    headers["Content-Type"] = "application/json"
                conn.request(method, path, body=body, headers=headers)
                res = conn.getresponse()
                data = res.read()
                version = None
                if path == "/recommend" and res.status == 200:
                    version = json.loads(data).get("model_version")
                with self.lock:
                    self.answered[rid] = (res.status, version)
            except (OSError, http.client.HTTPException) as e:
                with self.lock:
                    self.errors.append((rid, repr(e)))
                if conn is not None:
                    conn.close()
                conn = None
                if self.stop.is_set():
                    break
                time.sleep(0.05)
        if conn is not None:
            conn.close()


def db_ids(db):
    c = sqlite3.connect(db)
    try:
        return {r[0] for r in c.execute("SELECT request_id FROM request_logs")}
    finally:
        c.close()


def serving_setting(key, default):
    """An integer key of configs/serving.yaml's request_log section (the file lists every key)."""
    text = open(os.path.join(HOME, "configs", "serving.yaml"), encoding="utf-8").read()
    section = re.search(r"^request_log:\n((?:[ \t#].*\n|\n)*)", text, re.M)
    m = section and re.search(r"^  %s: (\d+)" % key, section.group(1), re.M)
    return int(m.group(1)) if m else default


def build_model():
    p = subprocess.run(["bash", os.path.join(HOME, "scripts/bench-serve.sh"), "--shape", "ml-1m", "--factors", "32",
                        "--model-only"], cwd=HOME, capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stdout[-2000:] + p.stderr[-3000:], file=sys.stderr)
        return None
    return p.stdout.strip().splitlines()[-1]


def server_env(db):
    env = dict(os.environ)
    # Reloads come from POST /admin/reload only (the model watcher is off), no rate limit.
    env.update({"MARQUEE_REQUEST_LOG_DB_PATH": db, "MARQUEE_ADMIN_API_KEYS": API_KEY, "MARQUEE_RETRIEVAL_MODE": "ivf",
                "MARQUEE_MODELS_WATCH_INTERVAL_MS": "0", "MARQUEE_RATE_LIMIT_REQUESTS_PER_SECOND": "0",
                "JAVA_OPTS": env.get("DURABILITY_JAVA_OPTS", "-Xmx512m")})
    return env


def flip(models, registry, version):
    tmp = os.path.join(models, "production.next")
    if os.path.lexists(tmp):
        os.remove(tmp)
    os.symlink(os.path.join(registry, version), tmp)
    os.replace(tmp, os.path.join(models, "production"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", help="model version directory (default: build the ml-1m benchmark model)")
    ap.add_argument("--seconds", type=float, default=12.0, help="length of the hot-reload load phase")
    ap.add_argument("--reload-every", type=float, default=2.0, help="seconds between reloads")
    ap.add_argument("--kill-after", type=float, default=6.0, help="seconds of load before kill -9")
    ap.add_argument("--threads", type=int, default=8, help="client threads")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    try:
        args = ap.parse_args()
    except SystemExit as e:
        return 0 if e.code == 0 else 2
    if args.seconds <= 0 or args.reload_every <= 0 or args.kill_after <= 0 or args.threads < 1:
        print("error: --seconds, --reload-every, --kill-after must be > 0 and --threads >= 1", file=sys.stderr)
        return 2

    model = args.model or build_model()
    if not check("benchmark model available", model and os.path.isfile(os.path.join(model, "model_metadata.json")),
                 model):
        return summary("durability")
    real = os.path.realpath(model)
    registry = os.path.dirname(real)
    version_a = os.path.basename(real)
    version_b = re.sub(r"-a$", "-b", version_a)
    if not check("model has two versions (%s, %s)" % (version_a, version_b),
                 version_b != version_a and os.path.isdir(os.path.join(registry, version_b))):
        return summary("durability")
    counts = json.load(open(os.path.join(real, "model_metadata.json")))["dataset"]["counts"]
    users, items = int(counts["users"]), int(counts["items"])

    work = tempfile.mkdtemp(prefix="marquee-durability-")
    try:
        models = os.path.join(work, "models")
        os.makedirs(models)
        flip(models, registry, version_a)
        prod = os.path.join(models, "production")

        # 1. Hot reload under load.
        db1 = os.path.join(work, "requests.db")
        server, base, log1 = start_server(work, ["--host", "127.0.0.1", "--models", prod], server_env(db1))
        if not check("server starts", wait_ready(base, server, 120), open(log1).read()[-3000:]):
            server.kill()
            return summary("durability")
        port = int(base.rsplit(":", 1)[1])
        load = Load(port, args.threads, users, items, "reload").start()
        reloads, version = [], version_b
        deadline = time.time() + args.seconds
        # At least two reloads (a -> b -> a) even when a slow machine makes each take longer than
        # the phase; at most 5 minutes.
        hard_deadline = time.time() + max(300.0, args.seconds)
        while (time.time() + args.reload_every <= deadline or len(reloads) < 2) and time.time() < hard_deadline:
            time.sleep(args.reload_every)
            flip(models, registry, version)
            status, body, _ = http_call("POST", base + "/admin/reload", {}, {"X-API-Key": API_KEY,
                                                                        "Content-Type": "application/json"})
            reloads.append((version, status, body))
            version = version_a if version == version_b else version_b
        time.sleep(max(0.0, deadline - time.time()))
        load.finish()
        statuses = {}
        for st, _ in load.answered.values():
            statuses[st] = statuses.get(st, 0) + 1
        seen = {}
        for _, v in load.answered.values():
            if v:
                seen[v] = seen.get(v, 0) + 1
        print("  hot reload: %d requests in %.1f s (%.0f/s), statuses %s, %d connection errors; %d reloads; "
              "/recommend versions %s" % (len(load.answered), load.seconds, load.rate(), statuses, len(load.errors),
                                          len(reloads), seen))
        check("no failed request during %d hot reloads (%d requests)" % (len(reloads), len(load.answered)),
              statuses.keys() <= {200} and not load.errors and load.answered,
              "statuses %s, errors %s" % (statuses, load.errors[:5]))
        check("every reload answered 200", reloads and all(s == 200 for _, s, _ in reloads),
              [(v, s, b[:200]) for v, s, b in reloads if s != 200])
        check("responses switched version (%d versions seen)" % len(seen),
              set(seen) == {version_a, version_b}, seen)

        # 2. Graceful stop: every answered request has its row.
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(60)
            exited = True
        except subprocess.TimeoutExpired:
            server.kill()
            exited = False
        check("server exits after SIGTERM", exited)
        rows = db_ids(db1)
        answered = set(load.answered)
        check("graceful stop: request_logs rows == requests answered (%d == %d)" % (len(rows), len(answered)),
              rows == answered, "missing %d, unexpected %d" % (len(answered - rows), len(rows - answered)))

        # 3. kill -9 under load.
        db2 = os.path.join(work, "requests-killed.db")
        flip(models, registry, version_a)
        server, base, log2 = start_server(work, ["--host", "127.0.0.1", "--models", prod], server_env(db2))
        if not check("server starts on a new database", wait_ready(base, server, 120), open(log2).read()[-3000:]):
            server.kill()
            return summary("durability")
        port = int(base.rsplit(":", 1)[1])
        load = Load(port, args.threads, users, items, "kill").start()
        time.sleep(args.kill_after)
        os.kill(server.pid, signal.SIGKILL)
        killed_at = time.time()
        server.wait(30)
        load.finish()
        rate = len(load.answered) / max(1e-9, killed_at - load.t0)
        c = sqlite3.connect(db2)
        integrity = c.execute("PRAGMA integrity_check").fetchone()[0]
        c.close()
        check("after kill -9: PRAGMA integrity_check = %s" % integrity, integrity == "ok")
        rows = db_ids(db2)
        answered = set(load.answered)
        lost = answered - rows
        in_flight = rows - answered
        batch = serving_setting("batch_size", 500)
        flush_ms = serving_setting("flush_interval_ms", 200)
        bound = batch + math.ceil(rate * flush_ms / 1000.0)
        print("  kill -9 after %.1f s at %.0f requests/s: %d answered, %d rows committed, %d answered but lost, "
              "%d committed but unanswered (in flight); bound batch_size %d + %.0f/s x %d ms = %d"
              % (args.kill_after, rate, len(answered), len(rows), len(lost), len(in_flight), batch, rate, flush_ms,
                 bound))
        check("after kill -9: lost rows %d <= batch_size + one flush interval of traffic (%d)" % (len(lost), bound),
              len(lost) <= bound)
        check("after kill -9: requests were answered and committed before the kill (%d, %d)"
              % (len(answered), len(rows)), len(answered) > 0 and len(rows) > 0)

        # The killed database is usable: a restarted server appends to it.
        server, base, log3 = start_server(work, ["--host", "127.0.0.1", "--models", prod], server_env(db2))
        ok = wait_ready(base, server, 120)
        if ok:
            http_call("POST", base + "/recommend", {"user_id": 1, "k": 3}, {"X-Request-ID": "after-restart",
                                                                      "Content-Type": "application/json"})
            server.send_signal(signal.SIGTERM)
            server.wait(60)
        else:
            server.kill()
        check("a restarted server appends to the killed database", ok and "after-restart" in db_ids(db2),
              open(log3).read()[-2000:])
    finally:
        if args.keep:
            print("  work directory kept: " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return summary("durability")


if __name__ == "__main__":
    sys.exit(main())
