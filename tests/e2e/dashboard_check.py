#!/usr/bin/python3
"""Browser check of GET /dashboard in headless Chromium, run by scripts/test.sh.

Runs under Debian's /usr/bin/python3 with the standard library only. Steps:
  1. installs Debian's `chromium` when /usr/bin/chromium is missing (apt-get, as root or with sudo);
  2. trains a real model once: scripts/pipeline.sh into a fresh work directory, then a second registry
     version with 16 factors (scripts/train.sh, trainer only) so the A/B experiment has two versions;
  3. starts scripts/serve.sh on a free loopback port with a 50/50 experiment over the two versions
     (config written to the work directory) and the request log in the work directory;
  4. makes requests (/recommend for known and unknown users, /similar, /popular, one bad request)
     and waits until they are in the request log;
  5. runs the real Beam jobs on that request log: scripts/kpis.sh (its total equals count(*) of the
     log) and scripts/replay.sh against the held-out test split (both A/B variants are reported, with
     the two-proportion test of their hit rates), writing the reports the dashboard plots;
  6. loads /dashboard in headless Chromium driven over the DevTools protocol (--remote-debugging-pipe,
     no extra packages), waits for the charts, checks that they contain data points, submits the
     "try it" form and checks the titles shown, saves a full-page screenshot to
     helidon-service/target/dashboard.png, and checks that the console shows no errors.
Prints one line per check and ends with "dashboard: N passed, M failed"; exit code 1 if any failed.
Set MARQUEE_KEEP_DASHBOARD=1 to keep the work directory.
"""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

from e2e_lib import (CHROMIUM, HOME, check, ensure_chromium, http, remove_work, start_server, stop_server, summary,
                     wait_ready)
SCREENSHOT = os.path.join(HOME, "helidon-service", "target", "dashboard.png")


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe (fds 3 and 4 of the child)."""

    def __init__(self, profile_dir):
        to_child_r, self._to_child_w = os.pipe()
        self._from_child_r, from_child_w = os.pipe()

        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-extensions", "--hide-scrollbars", "--mute-audio",
                 "--user-data-dir=" + profile_dir, "--remote-debugging-pipe", "about:blank"]
        self.log = open(os.path.join(profile_dir, "..", "chromium.log"), "w")
        # The DevTools pipe must be the child's fds 3 (commands in) and 4 (messages out): bash moves
        # them there (via fds 200/201, so the two moves cannot clobber each other), then execs chromium.
        wire = ('exec 200<&%d 201>&%d %d<&- %d>&-; exec "$0" "$@" 3<&200 4>&201 200<&- 201>&-'
                % (to_child_r, from_child_w, to_child_r, from_child_w))
        self.proc = subprocess.Popen(["bash", "-c", wire, CHROMIUM] + flags, pass_fds=(to_child_r, from_child_w),
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._next_id = 0
        self.events = []
        self.session = None

    def _read_message(self, deadline):
        while b"\0" not in self._buf:
            if time.time() > deadline:
                raise TimeoutError("no message from chromium")
            chunk = os.read(self._from_child_r, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the DevTools pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=True, timeout=30):
        self._next_id += 1
        msg = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self._to_child_w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self._next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def evaluate(self, expression, await_promise=False):
        r = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                           "awaitPromise": await_promise})
        if "exceptionDetails" in r:
            raise RuntimeError("evaluate failed: %s" % r["exceptionDetails"])
        return r["result"].get("value")

    def wait_for(self, expression, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            v = self.evaluate(expression)
            if v:
                return v
            time.sleep(0.2)
        return None

    def open_page(self, url):
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Runtime.enable", "Log.enable", "Page.enable"):
            self.call(domain)
        self.call("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1,
                                                         "mobile": False})
        self.call("Page.navigate", {"url": url})

    def screenshot(self, path):
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        self.call("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": int(size["height"]) + 1,
                                                         "deviceScaleFactor": 1, "mobile": False})
        time.sleep(0.3)
        png = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
        import base64
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(png))

    def console_errors(self):
        """Console errors, uncaught exceptions and browser log errors (network failures, CSP)."""
        out = []
        for e in self.events:
            m, p = e["method"], e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console.%s: %s" % (p["type"], " ".join(str(a.get("value", a.get("description")))
                                                                   for a in p.get("args", []))))
            elif m == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                out.append("exception: %s" % d.get("exception", {}).get("description", d.get("text")))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                en = p["entry"]
                out.append("log %s: %s %s" % (en.get("source"), en.get("text"), en.get("url", "")))
        return out

    def close(self):
        try:
            self.call("Browser.close", session=False, timeout=5)
        except Exception:  # the browser may already be gone
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.log.close()


def serving_config(work, control, treatment):
    """configs/serving.yaml with absolute paths and a 50/50 experiment over the two versions."""
    text = open(os.path.join(HOME, "configs", "serving.yaml"), encoding="utf-8").read()
    text = text.replace("  host: 0.0.0.0\n", "  host: 127.0.0.1\n")
    text = text.replace("  dir: models/production\n", "  dir: %s\n" % os.path.join(work, "models/production"))
    text = text.replace("  registry_dir: models/registry\n", "  registry_dir: %s\n" % os.path.join(work, "models/registry"))
    text = text.replace("  db_path: data/logs/requests.db\n", "  db_path: %s\n" % os.path.join(work, "data/logs/requests.db"))
    text = text.replace("  reports_dir: reports\n", "  reports_dir: %s\n" % os.path.join(work, "reports"))
    text = text.replace("  enabled: false\n", "  enabled: true\n", 1)
    text = text.replace('  name: ""\n', "  name: dashboard-check\n", 1)
    text = text.replace("  variants: []\n", "  variants:\n    - {name: control, model_version: \"%s\", share: 0.5}\n"
                        "    - {name: treatment, model_version: \"%s\", share: 0.5}\n" % (control, treatment), 1)
    path = os.path.join(work, "serving.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def main():
    work = tempfile.mkdtemp(prefix="marquee-dashboard-")
    server = browser = None
    try:
        if not ensure_chromium():
            return
        t0 = time.time()
        p = subprocess.run(["bash", os.path.join(HOME, "scripts/pipeline.sh"), "--workdir", work], cwd=HOME,
                           capture_output=True, text=True)
        if not check("pipeline.sh exits 0 (%.0f s)" % (time.time() - t0), p.returncode == 0, p.stderr[-3000:]):
            return
        control = os.path.basename(os.path.realpath(os.path.join(work, "models/production")))
        p = subprocess.run(["bash", os.path.join(HOME, "scripts/train.sh"), "--workdir", work], cwd=HOME,
                           capture_output=True, text=True, env=dict(os.environ, MARQUEE_MODEL_FACTORS="16"))
        registry = os.path.join(work, "models/registry")
        others = sorted(v for v in os.listdir(registry) if v != control and os.path.isdir(os.path.join(registry, v)))
        if not check("train.sh wrote a second registry version (16 factors)", p.returncode == 0 and others,
                     p.stderr[-3000:]):
            return
        treatment = others[-1]
        test_users = []
        with open(os.path.join(work, "data/processed/test.csv"), encoding="utf-8") as f:
            next(f)
            for line in f:
                u = int(line.split(",")[0])
                if u not in test_users:
                    test_users.append(u)

        server, base, log_path = start_server(work, ["--config", serving_config(work, control, treatment)])
        port = int(base.rsplit(":", 1)[1])
        if not check("server ready on port %d with a 50/50 experiment" % port, wait_ready(base, server),
                     open(log_path).read()[-3000:]):
            return

        sent, variants = 0, {}
        # users with held-out test interactions, so the replay has something to evaluate, + unknown users
        for user in sorted(test_users)[:40] + [1, 10_000_001, 10_000_002, 10_000_003]:
            s, body, _ = http("POST", base + "/recommend", json.dumps({"user_id": user, "k": 5}))
            sent += 1
            if s == 200:
                j = json.loads(body)
                variants.setdefault(j.get("variant"), set()).add(j.get("model_version"))
        for movie in (1, 2, 3):
            http("POST", base + "/similar", json.dumps({"movie_id": movie, "k": 5}))
            sent += 1
        http("GET", base + "/popular?k=5")
        http("POST", base + "/recommend", json.dumps({"user_id": 1, "k": 0}))  # a 400, logged
        sent += 2
        check("responses carry both variants with their versions",
              variants == {"control": {control}, "treatment": {treatment}}, variants)
        logged = 0
        for _ in range(100):
            s, body, _ = http("GET", base + "/dashboard/data")
            if s == 200:
                logged = sum(h["requests"] for h in json.loads(body)["hourly"])
                if logged >= sent:
                    break
            time.sleep(0.1)
        check("/dashboard/data counts every request (%d of %d)" % (logged, sent), logged == sent)

        db = os.path.join(work, "data/logs/requests.db")
        reports = os.path.join(work, "reports")
        p = subprocess.run(["bash", os.path.join(HOME, "scripts/kpis.sh"), "--db", db, "--out", reports,
                            "--item-features", os.path.join(work, "data/features/item_features.csv"),
                            "--popularity", os.path.join(work, "data/features/popularity.csv")],
                           cwd=HOME, capture_output=True, text=True)
        kpis = json.load(open(os.path.join(reports, "kpis.json"))) if p.returncode == 0 else {}
        rows = sqlite3.connect(db).execute("select count(*) from request_logs").fetchone()[0]
        check("kpis.sh on the experiment log: total_requests %s == count(*) %d" % (kpis.get("total_requests"), rows),
              kpis.get("total_requests") == rows, p.stderr[-2000:])
        p = subprocess.run(["bash", os.path.join(HOME, "scripts/replay.sh"), "--db", db, "--out", reports,
                            "--heldout", os.path.join(work, "data/processed/test.csv"), "--no-window"],
                           cwd=HOME, capture_output=True, text=True)
        replay = json.load(open(os.path.join(reports, "replay.json"))) if p.returncode == 0 else {}
        replay_variants = {g["variant"] for g in replay.get("groups", []) if g["evaluated_lists"] > 0}
        check("replay.sh reports both variants with evaluated lists (%s)" % sorted(replay_variants),
              {"control", "treatment"} <= replay_variants, p.stderr[-2000:])
        tests = replay.get("variant_tests", [])
        check("replay.json has the two-proportion test treatment vs control (p=%s)"
              % (tests[0].get("p_value") if tests else None),
              len(tests) == 1 and tests[0]["baseline"] == "control" and tests[0]["variant"] == "treatment", tests)

        profile = os.path.join(work, "chromium-profile")
        os.makedirs(profile)
        browser = Browser(profile)
        browser.open_page(base + "/dashboard")
        state = browser.wait_for("document.body && document.body.dataset.ready !== 'false' "
                                 "&& document.body.dataset.ready", timeout=30)
        check("dashboard rendered (body data-ready=%s)" % state, state == "true",
              browser.evaluate("document.getElementById('summary') && document.getElementById('summary').textContent"))
        charts = browser.evaluate("""JSON.stringify([...document.querySelectorAll('figure.chart')].map(f => ({
            name: f.dataset.chart, points: Number(f.querySelector('svg.plot').dataset.points),
            marks: f.querySelectorAll('svg.plot circle.pt, svg.plot rect.bar').length})))""")
        charts = {c["name"]: c for c in json.loads(charts or "[]")}
        for name in ("requests", "p95_latency", "fallback_rate", "group_requests", "group_totals"):
            c = charts.get(name, {})
            check("chart %s has data points (%s)" % (name, c.get("marks")),
                  c.get("points", 0) > 0 and c.get("marks", 0) > 0, c)
        groups = browser.evaluate("[...document.querySelectorAll('#group-table td:first-child')]"
                                  ".map(td => td.textContent).join(',')") or ""
        check("variant table lists control and treatment (%s)" % groups,
              "variant control" in groups and "variant treatment" in groups)
        report_charts = [c for n, c in charts.items() if n.startswith("report:") and c["marks"] > 0]
        check("kpis.json and replay.json plotted (%d charts with data)" % len(report_charts),
              any(n.startswith("report:kpis.json") for n in charts) and any(n.startswith("report:replay.json")
                                                                            for n in charts) and report_charts)

        browser.evaluate("document.getElementById('try-user').value = '1'; document.getElementById('try-k').value = '5';"
                         "document.getElementById('try-form').requestSubmit(); true")
        tried = browser.wait_for("document.body.dataset.tried === 'true'", timeout=15)
        titles = browser.evaluate("[...document.querySelectorAll('#try-results li')].map(li => li.textContent)") or []
        meta = browser.evaluate("document.getElementById('try-meta').textContent")
        check("try-it form shows 5 titles for user 1 (%s)" % meta,
              tried and len(titles) == 5 and all(t and not t.startswith("movie ") for t in titles), titles)
        browser.evaluate("window.scrollTo(0, 0); true")
        browser.screenshot(SCREENSHOT)
        check("screenshot saved to %s" % os.path.relpath(SCREENSHOT, HOME),
              os.path.getsize(SCREENSHOT) > 10_000)
        errors = browser.console_errors()
        check("no console errors (%d)" % len(errors), not errors, errors)
    except Exception as e:  # report, don't hide
        check("dashboard check ran without exceptions", False, "%s: %s" % (type(e).__name__, e))
    finally:
        if browser is not None:
            browser.close()
        if server is not None:
            stop_server(server)
        remove_work(work, "MARQUEE_KEEP_DASHBOARD")
        sys.exit(summary("dashboard"))


if __name__ == "__main__":
    main()
