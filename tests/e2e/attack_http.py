#!/usr/bin/env python3
"""Connection-level attacks on the HTTP server (issue #21), over raw sockets on 127.0.0.1.

Standard library only (Debian's /usr/bin/python3). Starts scripts/serve.sh twice, without a model
(none is needed: every attack here is on the transport), each with a low file descriptor limit set
by `ulimit -n` in the launching shell:

  server A: ulimit -n 1024 (so at most 768 connections, the automatic cap), header timeout 2 s,
            idle timeout 3 s, body timeout 2 s:
    1. smuggling: POST /recommend with Content-Length over the body limit whose body is a second
       request; exactly one answer (413) and the connection closed; the embedded request is not run;
    2. a client's Connection: close ends the connection; a pipelined request after it is not run;
    3. half-sent headers are cut off after the header timeout; silent connections after the idle one;
       a request body that stops after complete headers after the body timeout;
    4. FD pressure: 1000 idle connections (more than the cap, and more than the limit allows): new
       clients wait, the listener survives, /health answers once the server closed the idle ones;
    5. HTTP/1.0 is served (GET /health, POST with a body, error answers; raw sockets and curl --http1.0):
       one answer with a Content-Length, no chunked encoding, the connection closed after it; HEAD
       answers like GET without a body (pipelined HEAD + GET on one connection), 405 on POST-only paths;
  server B: ulimit -n 512 and connections.max_connections 100000 (a cap the limit cannot hold):
    6. accept fails with "Too many open files", Helidon's listener stops, and the process exits with
       code 3 (so that a supervisor restarts it) instead of living on with nothing listening.

Bounded: every socket has a timeout; the whole check takes about 40 s. Exit 0 when all checks pass.
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_lib import HOME, check, free_port, http, remove_work, server_state, stop_server, summary  # noqa: E402

BODY_LIMIT = 65536
HEADER_TIMEOUT_MS = 2000
IDLE_TIMEOUT_MS = 3000
BODY_TIMEOUT_MS = 2000


def start(work, name, nofile, extra_env):
    """scripts/serve.sh under `ulimit -n nofile`, no model, request log in work/; (proc, port, log)."""
    port = free_port()
    log_path = os.path.join(work, name + ".log")
    env = dict(os.environ,
               MARQUEE_SERVER_HOST="127.0.0.1",
               MARQUEE_MODELS_DIR=os.path.join(work, "no-model"),
               MARQUEE_MODELS_WATCH_INTERVAL_MS="0",
               MARQUEE_REQUEST_LOG_DB_PATH=os.path.join(work, name + "-requests.db"),
               **extra_env)
    cmd = 'ulimit -n %d && exec bash "$0" --port %d' % (nofile, port)
    with open(log_path, "w") as log:
        proc = subprocess.Popen(["bash", "-c", cmd, os.path.join(HOME, "scripts/serve.sh")], cwd=HOME, env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    return proc, port, log_path


def wait_up(proc, port, seconds=60):
    """True once GET /health answers 200 (the server serves without a model)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            return False
        try:
            if http("GET", "http://127.0.0.1:%d/health" % port)[0] == 200:
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def exchange(port, data, timeout=3.0, half_close=False):
    """Sends `data` on a new connection and reads until the server closes it or `timeout` passes.

    Returns (text received, closed_by_server, seconds until closed or timed out)."""
    t0 = time.time()
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.settimeout(timeout)
        if data:
            s.sendall(data.encode("latin-1"))
        if half_close:
            s.shutdown(socket.SHUT_WR)
        out = b""
        closed = False
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    closed = True
                    break
                out += chunk
        except socket.timeout:
            pass
        except ConnectionResetError:
            closed = True
        return out.decode("latin-1"), closed, time.time() - t0
    finally:
        s.close()


def responses(text):
    return re.findall(r"HTTP/1\.[01] (\d{3}) ", text)


def health(port, timeout=2.0):
    """Status of GET /health on a new connection, or the error's name."""
    try:
        text, _, _ = exchange(port, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", timeout)
        codes = responses(text)
        return int(codes[0]) if codes else "no answer"
    except OSError as e:
        return type(e).__name__


def metric(port, endpoint):
    """marquee_requests_total of one endpoint label, summed over statuses."""
    _, text, _ = http("GET", "http://127.0.0.1:%d/metrics" % port)
    total = 0.0
    for line in text.splitlines():
        if line.startswith("marquee_requests_total{") and 'endpoint="%s"' % endpoint in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def attacks_on_a_capped_server(work):
    proc, port, log_path = start(work, "capped", 1024, {
        "MARQUEE_CONNECTIONS_HEADER_TIMEOUT_MS": str(HEADER_TIMEOUT_MS),
        "MARQUEE_CONNECTIONS_IDLE_TIMEOUT_MS": str(IDLE_TIMEOUT_MS),
        "MARQUEE_CONNECTIONS_BODY_TIMEOUT_MS": str(BODY_TIMEOUT_MS)})
    try:
        if not check("server A (ulimit -n 1024) serves /health", wait_up(proc, port), server_state(proc, log_path)):
            return
        host = "Host: 127.0.0.1:%d\r\n" % port
        log_text = open(log_path, errors="replace").read()
        check("server A caps connections below the FD limit (768 of 1024)", "at most 768 connections" in log_text,
              log_text[-1500:])

        # 1. smuggling in the unread body of a 413
        feedback = '{"user_id": 1, "movie_id": 1, "event": "watch"}'
        inner = ("POST /feedback HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                 + "Content-Length: %d\r\n\r\n" % len(feedback) + feedback)
        before = metric(port, "/feedback")
        text, closed, _ = exchange(port, "POST /recommend HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                                   + "Content-Length: %d\r\n\r\n" % (BODY_LIMIT + 1000) + inner)
        check("smuggling: one answer, 413", responses(text) == ["413"], text[:1500])
        check("smuggling: the server closes the connection after the 413", closed, text[:500])
        check("smuggling: the embedded POST /feedback never reaches routing",
              metric(port, "/feedback") == before, "marquee_requests_total{endpoint=/feedback} changed")

        # 2. Connection: close
        text, closed, _ = exchange(port, "GET /health HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n"
                                   + "GET /health/live HTTP/1.1\r\n" + host + "\r\n")
        check("Connection: close: one answer and the connection closed", responses(text) == ["200"] and closed,
              text[:800])
        text, closed, _ = exchange(port, "GET /health HTTP/1.1\r\n" + host + "\r\nGET /health/live HTTP/1.1\r\n"
                                   + host + "\r\n", timeout=1.0)
        check("keep-alive: two pipelined requests, two answers, connection kept",
              responses(text) == ["200", "200"] and not closed, text[:800])

        # 3. half-sent headers, half-sent request line, silent connection
        _, closed, secs = exchange(port, "GET /health HTTP/1.1\r\n" + host + "X-Slow: 1\r\n", timeout=8.0)
        check("half-sent headers are cut off within header timeout + 1.5 s (%.1f s)" % secs,
              closed and secs < HEADER_TIMEOUT_MS / 1000 + 1.5, "closed=%s after %.1f s" % (closed, secs))
        _, closed, secs = exchange(port, "GET /hea", timeout=10.0)
        check("half-sent request line is cut off within idle timeout + 2 s (%.1f s)" % secs,
              closed and secs < IDLE_TIMEOUT_MS / 1000 + 2, "closed=%s after %.1f s" % (closed, secs))
        _, closed, secs = exchange(port, "", timeout=10.0)
        check("a connection that sends nothing is closed within idle timeout + 2 s (%.1f s)" % secs,
              closed and secs < IDLE_TIMEOUT_MS / 1000 + 2, "closed=%s after %.1f s" % (closed, secs))

        # 5. HTTP/1.0 and HEAD are served (issue #21; Helidon 4.5.0 answered 505/405 to them). HTTP/1.0 goes
        # to Helidon's own HTTP/1.1 connection with the version rewritten and Connection: close added
        # (helidon-service http/Http1Connections): a valid answer for a 1.0 client is one answer with a
        # Content-Length equal to its body, no chunked encoding, and the connection closed after it.
        for name, request, want in [
                ("GET /health", "GET /health HTTP/1.0\r\n\r\n", ("200",)),
                ("GET /health/live with Host and Connection: keep-alive (as nginx sends)",
                 "GET /health/live HTTP/1.0\r\n" + host + "Connection: keep-alive\r\n\r\n", ("200",)),
                ("POST /recommend with a body (no model: 503 from the handler that read it)",
                 "POST /recommend HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
                 + '{"user_id":1}', ("200", "503")),
                ("POST /recommend with a broken JSON body", "POST /recommend HTTP/1.0\r\n"
                 "Content-Type: application/json\r\nContent-Length: 11\r\n\r\n" + '{"user_id":', ("400",)),
                ("GET of an unknown path", "GET /nowhere HTTP/1.0\r\n\r\n", ("404",))]:
            text, closed, secs = exchange(port, request, timeout=5.0)
            head, _, body = text.partition("\r\n\r\n")
            status = responses(text)
            length = re.search(r"(?im)^content-length: *(\d+)\r?$", head)
            check("HTTP/1.0 %s: one answer %s with Content-Length of its JSON body, not chunked, connection closed "
                  "(got %s, closed=%s, %.1f s)" % (name, "/".join(want), status, closed, secs),
                  len(status) == 1 and status[0] in want and closed and length is not None
                  and int(length.group(1)) == len(body.encode("latin-1")) and body.startswith("{")
                  and not re.search(r"(?im)^transfer-encoding:", head), text[:800])
        try:
            out = subprocess.run(["curl", "--http1.0", "-sS", "-D", "-", "-o", "/dev/null", "--max-time", "5",
                                  "http://127.0.0.1:%d/health" % port], capture_output=True, text=True, timeout=10)
            check("curl --http1.0 /health: 200 (got %r)" % (out.stdout.splitlines() or [""])[0],
                  out.returncode == 0 and re.match(r"HTTP/1\.[01] 200 ", out.stdout) is not None,
                  out.stdout + out.stderr)
        except FileNotFoundError:
            print("SKIP curl --http1.0: no curl on this machine")
        # HEAD: routed as the GET it stands for, the body dropped: a HEAD and a GET pipelined on one
        # connection must give two answers, the first with the GET's status, Content-Type and
        # Content-Length and no body (else the GET's status line would not follow the HEAD's headers).
        for path in ["/health", "/health/ready", "/openapi", "/metrics"]:
            text, _, _ = exchange(port, "HEAD %s HTTP/1.1\r\n%s\r\nGET %s HTTP/1.1\r\n%sConnection: close\r\n\r\n"
                                  % (path, host, path, host), timeout=5.0)
            head_part, _, rest = text.partition("\r\n\r\n")
            get_head, _, get_body = rest.partition("\r\n\r\n")

            def header(block, name):
                m = re.search(r"(?im)^%s: *(.*?)\r?$" % name, block)
                return m.group(1) if m else None
            same = all(header(head_part, h) == header(get_head, h) for h in ["content-type"])
            check("HEAD %s: status %s like GET's %s, same Content-Type, Content-Length %s (GET body %d bytes), "
                  "no body" % (path, responses(head_part), responses(get_head), header(head_part, "content-length"),
                               len(get_body.encode("latin-1"))),
                  responses(head_part) == responses(get_head) and rest.startswith("HTTP/1.1 ") and same
                  and header(head_part, "content-length") is not None
                  and (path == "/metrics" or header(head_part, "content-length") == str(len(get_body.encode("latin-1")))),
                  text[:1200])
        text, _, _ = exchange(port, "HEAD /recommend HTTP/1.1\r\n%sConnection: close\r\n\r\n" % host)
        check("HEAD on a POST-only endpoint: 405 with Allow: POST and no body (got %s)" % responses(text),
              responses(text) == ["405"] and "\r\nAllow: POST\r\n" in text and text.endswith("\r\n\r\n"),
              text[:600])

        # 3b. a body that stops after complete headers is cut off after the body timeout, without an answer
        text, closed, secs = exchange(port, "POST /recommend HTTP/1.1\r\n" + host + "Content-Type: application/json"
                                      "\r\nContent-Length: 1000\r\n\r\n{\"user_id\"", timeout=10.0)
        check("a body that stops after 10 of 1000 bytes is cut off within body timeout + 1.5 s (%.1f s)" % secs,
              closed and secs < BODY_TIMEOUT_MS / 1000 + 1.5 and responses(text) == [],
              "closed=%s after %.1f s: %s" % (closed, secs, text[:300]))

        # 4. FD pressure: more idle connections than the cap (and than the limit would allow)
        socks = []
        for _ in range(1000):
            try:
                socks.append(socket.create_connection(("127.0.0.1", port), timeout=2))
            except OSError:
                break
        waited = health(port, timeout=1.0)
        check("FD pressure: %d idle connections open; a new client waits (got %s)" % (len(socks), waited),
              len(socks) >= 900 and waited != 200, "opened %d, /health %s" % (len(socks), waited))
        t0 = time.time()
        status = None
        while time.time() - t0 < 4 * IDLE_TIMEOUT_MS / 1000:
            status = health(port, timeout=2.0)
            if status == 200:
                break
        check("FD pressure: /health answers once the server closed the idle connections (%.1f s)"
              % (time.time() - t0), status == 200, "last /health: %s" % status)
        for s in socks:
            s.close()
        time.sleep(0.5)
        log_text = open(log_path, errors="replace").read()
        check("FD pressure: the listener is alive (no 'terminating now', /health 200, process running)",
              "terminating now" not in log_text and health(port) == 200 and proc.poll() is None, log_text[-2000:])
    finally:
        stop_server(proc)


def listener_death_exits(work):
    proc, port, log_path = start(work, "uncapped", 512, {"MARQUEE_CONNECTIONS_MAX_CONNECTIONS": "100000"})
    try:
        if not check("server B (ulimit -n 512, max_connections 100000) serves /health", wait_up(proc, port),
                     server_state(proc, log_path)):
            return
        socks = []
        for _ in range(700):
            try:
                socks.append(socket.create_connection(("127.0.0.1", port), timeout=2))
            except OSError:
                break
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            code = None
        for s in socks:
            s.close()
        log_text = open(log_path, errors="replace").read()
        check("FD exhaustion kills the listener and the process exits with code 3 (got %s)" % code, code == 3,
              log_text[-2500:])
    finally:
        if proc.poll() is None:
            stop_server(proc)


def main():
    t0 = time.time()
    work = tempfile.mkdtemp(prefix="marquee-attack-")
    try:
        attacks_on_a_capped_server(work)
        listener_death_exits(work)
    finally:
        remove_work(work, "MARQUEE_KEEP_WORK")
    print("attack_http took %.0f s" % (time.time() - t0))
    return summary("attack_http")


if __name__ == "__main__":
    sys.exit(main())
