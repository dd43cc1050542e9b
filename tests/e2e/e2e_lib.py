"""Shared helpers of the end-to-end checks (e2e_check.py, e2e_retrain.py, dashboard_check.py).

Standard library only, for Debian's /usr/bin/python3. Servers are started on a free loopback port
in their own process group so a check can stop the whole `scripts/serve.sh` tree.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHROMIUM = "/usr/bin/chromium"
results = []


def check(name, ok, detail=""):
    """Records and prints one check: 'PASS name' or 'FAIL name: detail' (detail cut to 3000 chars)."""
    results.append(bool(ok))
    print(("PASS " if ok else "FAIL ") + name + ("" if ok or not detail else ": " + str(detail)[:3000]), flush=True)
    return ok


def summary(label):
    """Prints 'label: N passed, M failed' and returns the exit code (0 only if all passed and any ran)."""
    passed = sum(results)
    failed = len(results) - passed
    print("%s: %d passed, %d failed" % (label, passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


def http(method, url, body=None, headers=None):
    """(status, body text, headers). A str/bytes body is sent as is, anything else as JSON."""
    if body is not None and not isinstance(body, (str, bytes)):
        body = json.dumps(body)
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None and "Content-Type" not in (headers or {}):
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), dict(e.headers)


def http_json(method, url, body=None, headers=None):
    """(status, parsed JSON body or None)."""
    status, text, _ = http(method, url, body, headers)
    return status, json.loads(text or "null")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(work, args, env=None):
    """Starts scripts/serve.sh with `args` on a free port, logging to work/server.log.

    Returns (process, base URL, log path); wait for it with wait_ready."""
    port = free_port()
    log_path = os.path.join(work, "server.log")
    with open(log_path, "w") as log:
        proc = subprocess.Popen(["bash", os.path.join(HOME, "scripts/serve.sh"), "--port", str(port)] + list(args),
                                cwd=HOME, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    return proc, "http://127.0.0.1:%d" % port, log_path


def stop_server(proc):
    """SIGTERM to the server's process group (a graceful stop: the request log is flushed); SIGKILL
    after 60 s."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def remove_work(work, keep_variable):
    """Deletes the work directory unless the environment variable `keep_variable` is 1."""
    if os.environ.get(keep_variable) != "1":
        shutil.rmtree(work, ignore_errors=True)
    else:
        print("work directory kept: " + work)


def wait_ready(base, proc, seconds=60):
    """True once GET /health/ready answers 200; False if the process exits or time runs out."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if http("GET", base + "/health/ready")[0] == 200:
                return True
        except OSError:
            pass
        if proc.poll() is not None:
            return False
        time.sleep(0.5)
    return False


def server_state(proc, log_path):
    """What to print when a server did not become ready: its exit code, or, while it still runs, the
    main and request threads of a jstack thread dump; then the tail of its log (read after a second,
    so that the launcher's stderr filter has written the last lines)."""
    time.sleep(1)
    code = proc.poll()
    if code is not None:
        state = "server exited with code %d" % code
    else:
        jstack = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "jstack")
        try:
            dump = subprocess.run([jstack, str(proc.pid)], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.TimeoutExpired) as e:
            dump = "no thread dump: %s" % e
        state = "server still running (pid %d); thread dump:\n%s" % (proc.pid, dump[:40000])
    return state + "\n--- log tail ---\n" + open(log_path, errors="replace").read()[-3000:]


def ensure_chromium():
    """Installs Debian's chromium (apt-get, as root or with sudo) when /usr/bin/chromium is missing; a check."""
    if os.access(CHROMIUM, os.X_OK):
        return True
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("installing Debian package chromium ...", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "update", "-qq"], env=env, check=False)
    p = subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "chromium"], env=env,
                       capture_output=True, text=True)
    return check("chromium installed", p.returncode == 0 and os.access(CHROMIUM, os.X_OK), p.stderr[-2000:])
