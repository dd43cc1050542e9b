#!/usr/bin/python3
"""Malformed-request fuzz of a running Marquee server over raw sockets (Python stdlib only).

Usage: tests/e2e/fuzz_check.py --base http://127.0.0.1:PORT [--count 10000] [--seed 42] [--workers 4]
                             [--max-body 65536] [--json FILE] [--help]

Sends --count requests (default 10,000), each malformed by construction, drawn with a fixed seed
from these categories: bad_json, wrong_types, bad_k, unknown_ids, oversized (bodies over
--max-body, the server's limits.max_request_body_bytes), bad_headers (huge, many, invalid names,
control characters, conflicting Content-Length / Transfer-Encoding), bad_methods, bad_query,
invalid_utf8 (body, path, headers), nested_junk (deep nesting, huge numbers and arrays),
bad_request_line (missing parts, unknown versions, absolute or relative targets), unknown_keys
(unknown fields at the top level, in filters, rules and rules.adjustments of every JSON body, unknown
query parameters, bad offset and rules values).

Each request goes over its own TCP connection as raw bytes (so it can be any byte sequence), and
the answer is read and parsed by hand. A request passes when the answer's status is 4xx and its
body is a JSON object with string fields "error" and "message". Prints the counts by status and by
category, the first failures, the run time, and ends with "fuzz: N passed, M failed".

Exit codes: 0 every request passed, 1 some did not (or the server is unreachable), 2 bad arguments.
Targets loopback addresses only.
"""
import argparse
import collections
import concurrent.futures
import json
import random
import socket
import sys
import time
import urllib.parse

TIMEOUT_S = 10.0
JSON_ENDPOINTS = ["/recommend", "/recommend/anonymous", "/similar", "/feedback"]
ALL_PATHS = ["/recommend", "/recommend/anonymous", "/similar", "/feedback", "/popular", "/explain", "/health",
             "/metrics", "/admin/reload", "/openapi", "/dashboard/data"]


class Ctx:
    def __init__(self, host, port, max_body, rnd):
        self.host, self.port, self.max_body, self.rnd = host, port, max_body, rnd

    def request(self, method, target, headers=None, body=b"", content_length=True, version=b"HTTP/1.1"):
        """Raw request bytes; headers is a list of (name, value) as str or bytes."""
        if isinstance(method, str):
            method = method.encode()
        if isinstance(target, str):
            target = target.encode()
        lines = [method + b" " + target + b" " + version]
        hs = [(b"Host", ("%s:%d" % (self.host, self.port)).encode())]
        for n, v in headers or []:
            hs.append((n if isinstance(n, bytes) else n.encode(), v if isinstance(v, bytes) else v.encode()))
        if content_length and body:
            hs.append((b"Content-Length", str(len(body)).encode()))
        for n, v in hs:
            lines.append(n + b": " + v)
        return b"\r\n".join(lines) + b"\r\n\r\n" + body

    def post_json(self, path, text, headers=None):
        body = text if isinstance(text, bytes) else text.encode()
        return self.request("POST", path, [("Content-Type", "application/json")] + (headers or []), body)


# ---- generators: each returns the raw bytes of one malformed request

def bad_json(c):
    r = c.rnd
    valid = {"/recommend": '{"user_id": 1, "k": 5}', "/recommend/anonymous": '{"items": [1, 318], "k": 5}',
             "/similar": '{"movie_id": 1, "k": 5}', "/feedback": '{"user_id": 1, "movie_id": 1, "event": "watch"}'}
    path = r.choice(JSON_ENDPOINTS)
    choices = ["{", "{not json", "[]", "null", "1", '"text"', "true", '{"user_id": 1,}', valid[path] + " trailing",
               valid[path] + valid[path], "{'user_id': 1}", '{"user_id": }', '{"user_id": 1 "k": 2}', "",
               "   ", valid[path][:r.randint(1, len(valid[path]) - 1)], '{"user_id": NaN}', '{"user_id": 1, "k": Infinity}',
               "".join(chr(r.randint(33, 126)) for _ in range(r.randint(1, 200))), '{"a": "\\x"}', '{"a": "\\u12"}',
               "\ufeff" + valid[path][1:], '{"user_id": 1} // comment', "/* c */ " + valid[path]]
    return c.post_json(path, r.choice(choices))


def wrong_types(c):
    r = c.rnd
    bad = ['"1"', "true", "[1]", '{"a": 1}', "1.5", "1e3", "null", '""', "-1.0e400"]
    case = r.randint(0, 6)
    v = r.choice(bad)
    if case == 0:
        if v == "null":
            v = '"x"'
        return c.post_json("/recommend", '{"user_id": %s, "k": 5}' % v)
    if case == 1:
        field = r.choice(["k", "exclude_seen", "filters", "explain", "diversity"])
        value = {"k": r.choice(['"10"', "true", "[10]", "10.5"]), "exclude_seen": r.choice(['"yes"', "1", "[]"]),
                 "filters": r.choice(["[]", '"Comedy"', "5"]), "explain": r.choice(['"true"', "0"]),
                 "diversity": r.choice(['"0.5"', "true", "-0.5", "1.5", "[0.5]"])}[field]
        return c.post_json("/recommend", '{"user_id": 1, "%s": %s}' % (field, value))
    if case == 2:
        filters = r.choice(['{"genres": "Comedy"}', '{"genres": [1, 2]}', '{"genres": [null]}', '{"year_min": "1990"}',
                            '{"year_max": 1990.5}', '{"year_min": 2000, "year_max": 1990}', '{"year_min": 99999999999}'])
        return c.post_json(r.choice(["/recommend", "/recommend/anonymous"]),
                           '{"user_id": 1, "items": [1], "filters": %s}' % filters)
    if case == 3:
        items = r.choice(['"1,2"', "[]", '["a"]', "[1.5]", "[true]", "{}", "[[1]]", "null"])
        return c.post_json("/recommend/anonymous", '{"items": %s}' % items)
    if case == 4:
        return c.post_json("/similar", '{"movie_id": %s}' % (v if v != "null" else "[]"))
    if case == 5:
        body = r.choice(['{"user_id": 1, "movie_id": 1, "event": "like"}', '{"user_id": 1, "movie_id": 1, "event": 5}',
                         '{"user_id": 1, "movie_id": 1, "event": "rating"}',
                         '{"user_id": 1, "movie_id": 1, "event": "rating", "value": 7}',
                         '{"user_id": 1, "movie_id": 1, "event": "rating", "value": "4"}',
                         '{"user_id": 1, "movie_id": 1, "event": "watch", "timestamp": "yesterday"}',
                         '{"user_id": 1, "movie_id": 1, "event": "watch", "timestamp": true}',
                         '{"user_id": "1", "movie_id": 1, "event": "watch"}', '{"movie_id": 1, "event": "watch"}'])
        return c.post_json("/feedback", body)
    return c.post_json("/recommend", '{"k": 5}')


def bad_k(c):
    r = c.rnd
    k = r.choice(["0", "-1", "-1000000000000", "1" + "0" * 30, "1.5", "1e3", "1001", str(2 ** 31), str(2 ** 63),
                  "-0.0", '"10"', "10.0", "1E+2", "-9" * 20])
    path = r.choice(["/recommend", "/recommend/anonymous", "/similar", "/popular", "/explain"])
    if path == "/recommend":
        return c.post_json(path, '{"user_id": 1, "k": %s}' % k)
    if path == "/recommend/anonymous":
        return c.post_json(path, '{"items": [1, 318], "k": %s}' % k)
    if path == "/similar":
        return c.post_json(path, '{"movie_id": 1, "k": %s}' % k)
    q = urllib.parse.quote(k)
    if path == "/popular":
        return c.request("GET", "/popular?k=" + q)
    return c.request("GET", "/explain?user_id=1&movie_id=1&k=" + q)


def unknown_ids(c):
    r = c.rnd
    movie = r.choice([r.randint(10 ** 9, 10 ** 12), -r.randint(1, 10 ** 6), 0, 2 ** 62])
    case = r.randint(0, 3)
    if case == 0:
        return c.post_json("/similar", '{"movie_id": %d, "k": 3}' % movie)
    if case == 1:
        return c.request("GET", "/explain?user_id=%d&movie_id=1" % r.randint(10 ** 9, 10 ** 12))
    if case == 2:
        return c.request("GET", "/explain?user_id=1&movie_id=%d" % movie)
    genre = r.choice(["Western-Noir", "x" * r.randint(1, 300), "%00", "Comedy%20Drama", "..%2F.."])
    return c.request("GET", "/popular?genre=" + genre)


def unknown_keys(c):
    """Unknown fields at every level of every JSON body, unknown query parameters, bad offset and rules."""
    r = c.rnd
    key = r.choice(["genre", "color", "Offset", "k ", "user", "items2", "limit", "boost", "\u00e9t\u00e9", "x" * 200,
                    "", "filters.genres", "__proto__", "constructor"])
    bodies = {
        "/recommend": '{"user_id": 1, %s}',
        "/recommend/anonymous": '{"items": [1, 318], %s}',
        "/similar": '{"movie_id": 1, %s}',
        "/feedback": '{"user_id": 1, "movie_id": 1, "event": "watch", %s}',
    }
    path = r.choice(list(bodies))
    where = r.randint(0, 5)
    k = json.dumps(key)
    if where == 0 or path == "/feedback":
        inner = '%s: 1' % k
    elif where == 1:
        inner = '"filters": {"genres": ["Comedy"], %s: 1}' % k
    elif where == 2:
        inner = '"rules": {%s: []}' % k
    elif where == 3:
        inner = '"rules": {"adjustments": [{"genres": ["Drama"], %s: 2}]}' % k
    elif where == 4:
        inner = r.choice(['"offset": %s' % v for v in ["-1", "1001", "1.5", '"2"', "true", str(2 ** 63)]])
    else:
        inner = r.choice(['"rules": {"adjustments": [{"multiply": 2}]}', '"rules": {"adjustments": {}}',
                          '"rules": {"adjustments": [{"genres": ["Drama"], "multiply": -1}]}',
                          '"rules": {"adjustments": [{"movie_ids": [1], "add": "x"}]}',
                          '"rules": {"exclude_movie_ids": [1.5]}', '"rules": {"exclude_genres": [1]}',
                          '"rules": []', '"rules": {"exclude_movie_ids": [%s]}' % ",".join(["1"] * 1001)])
    if r.random() < 0.2:
        q = urllib.parse.quote({"": "empty", "genre": "genres"}.get(key, key), safe="")  # genre is /popular's own
        return c.request("GET", r.choice(["/popular?k=3&%s=1" % q, "/explain?user_id=1&movie_id=1&%s=1" % q,
                                          "/popular?offset=" + r.choice(["-1", "1001", "x"])]))
    return c.post_json(path, bodies[path] % inner)


def oversized(c):
    r = c.rnd
    case = r.randint(0, 3)
    path = r.choice(JSON_ENDPOINTS)
    if case == 0:
        n = r.randint(c.max_body + 1, c.max_body * 3)
        pad = b'{"user_id": 1, "pad": "' + b"x" * n + b'"}'
        return c.post_json(path, pad)
    if case == 1:
        # declares a huge body, sends a little
        return c.request("POST", path, [("Content-Length", str(r.choice([10 ** 9, 10 ** 12, 2 ** 63 - 1])))],
                         b'{"user_id": 1}', content_length=False)
    if case == 2:
        n = c.max_body + r.randint(1, 4096)
        chunk = b"a" * n
        body = b"%x\r\n" % len(chunk) + chunk + b"\r\n0\r\n\r\n"
        return c.request("POST", path, [("Transfer-Encoding", "chunked")], body, content_length=False)
    n = c.max_body + 1
    return c.post_json(path, b"[" + b"1," * (n // 2) + b"1]")


def bad_headers(c):
    r = c.rnd
    case = r.randint(0, 11)
    body = b'{"user_id": 1, "k": 3}'
    if case == 0:
        return c.request("POST", "/recommend", [("X-Junk", "v" * r.randint(20_000, 200_000))], body)
    if case == 1:
        return c.request("POST", "/recommend", [("X-H%d" % i, "v") for i in range(r.randint(300, 3000))],
                         b'{"user_id": "many headers"}')
    if case == 2:
        return c.request("POST", "/recommend", [(b"No Colon Here", b"")], body).replace(b"No Colon Here: ", b"NoColonHere")
    if case == 3:
        return c.request("POST", "/recommend", [(b"Bad Name", b"x")], body)
    if case == 4:
        return c.request("POST", "/recommend", [(b"X-Ctl", b"a\x01b\x7fc")], body)
    if case == 5:
        return c.request("POST", "/recommend", [("Content-Length", r.choice(["abc", "-5", "1.5", "", "0x10"]))],
                         body, content_length=False)
    if case == 6:
        return c.request("POST", "/recommend", [("Content-Length", "5"), ("Content-Length", "22")], body,
                         content_length=False)
    if case == 7:
        return c.request("POST", "/recommend", [("Transfer-Encoding", r.choice(["gzip", "chunked, gzip", "identity, x"]))],
                         body, content_length=False)
    if case == 8:
        return c.request("POST", "/recommend", [("Transfer-Encoding", "chunked")],
                         b"zz\r\n" + body + b"\r\n0\r\n\r\n", content_length=False)
    if case == 9:
        return c.request("POST", "/recommend", [(b"X-Folded", b"a\r\n continued")], body)
    if case == 10:
        return c.request("POST", "/similar", [(b"", b"empty-name")], b'{"movie_id": 1.5}')
    return c.request("POST", "/recommend", [("X-API-Key", "k" * 50_000)], b'{"user_id": "x"}')


def bad_methods(c):
    r = c.rnd
    # (lower-case "get"/"post" are not here: Helidon accepts method names case-insensitively)
    method = r.choice(["FOO", "G@T", "PROPFIND", "G" * r.randint(50, 5000), "DELETE", "PUT", "PATCH", "OPTIONS",
                       "TRACE", "CONNECT", "GET\x00", "M-SEARCH", "\x16\x03\x01"])
    path = r.choice(ALL_PATHS)
    if method in ("DELETE", "PUT", "PATCH", "OPTIONS") and path in ("/recommend", "/popular", "/similar"):
        return c.request(method, path, body=b'{"user_id": 1}')
    if method in ("DELETE", "PUT", "PATCH", "OPTIONS", "TRACE"):
        path = r.choice(["/recommend", "/popular", "/similar", "/feedback", "/health", "/explain"])
    return c.request(method, path, body=b'{"user_id": 1}' if r.random() < 0.5 else b"")


def bad_query(c):
    r = c.rnd
    target = r.choice(["/popular?k=abc", "/popular?k=", "/popular?k=%zz", "/popular?k=%", "/popular?genre=%FF%FE",
                       "/popular?k=1%00", "/explain?user_id=abc&movie_id=1", "/explain?user_id=1",
                       "/explain?movie_id=1", "/explain?user_id=1&movie_id=1&k=0", "/explain?user_id=1.5&movie_id=1",
                       "/explain?user_id=%41%zz&movie_id=1", "/popular?k=" + "9" * r.randint(20, 5000),
                       "/openapi?format=xml", "/popular?k=1;2", "/popular?k=-%31", "/explain?user_id=&movie_id=",
                       "/popular?k=" + "%20" * 50 + "x"])
    return c.request("GET", target)


def invalid_utf8(c):
    r = c.rnd
    junk = r.choice([b"\xff", b"\xfe\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x80", b"\xe2\x28\xa1"])
    case = r.randint(0, 4)
    if case == 0:
        return c.post_json(r.choice(["/recommend", "/recommend/anonymous"]),
                           b'{"user_id": 1, "items": [1], "filters": {"genres": ["' + junk + b'"]}}')
    if case == 1:
        return c.post_json("/feedback", b'{"user_id": 1, "movie_id": 1, "event": "' + junk + b'"}')
    if case == 2:
        return c.request("GET", b"/popular?genre=" + junk)
    if case == 3:
        return c.request("GET", b"/popu" + junk + b"lar")
    return c.request("POST", "/similar", [(b"X-Request-ID", b"id-" + junk)], b'{"movie_id": "' + junk + b'"}')


def nested_junk(c):
    r = c.rnd
    depth = r.randint(1_000, 20_000)
    case = r.randint(0, 5)
    if case == 0:
        return c.post_json("/recommend", '{"user_id": ' + "[" * depth + "]" * depth + "}")
    if case == 1:
        return c.post_json("/recommend", '{"user_id": 1, "filters": ' + '{"a": ' * depth + "1" + "}" * depth + "}")
    if case == 2:
        return c.post_json("/recommend", '{"user_id": 1, "k": ' + "9" * r.randint(1_001, 30_000) + "}")
    if case == 3:
        return c.post_json("/recommend/anonymous", '{"items": [' + ",".join(["1"] * r.randint(1_001, 20_000)) + "]}")
    if case == 4:
        return c.post_json("/recommend", "[" * depth)
    return c.post_json("/similar", '{"movie_id": 1, "k": 3, "x": ' + '[{"y": ' * (depth // 4) + "0" + "}]" * (depth // 4)
                       + ', "movie_id": "dup"}')


def bad_request_line(c):
    r = c.rnd
    host = ("Host: %s:%d\r\n" % (c.host, c.port)).encode()
    line = r.choice([b"GET", b"GET /recommend", b"GET /recommend HTTP/1.1 extra", b"/recommend HTTP/1.1",
                     b"GET /popular http/1.1", b"GET /popular HTTP/2.0", b"GET /popular HTTP/1.2", b"GET /popular HTTP/x.y",
                     b"GET /popular HTTP/9.9", b"GET popular HTTP/1.1", b"GET * HTTP/1.1", b"GET /../../etc/passwd HTTP/1.1",
                     b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1", b"GET /pop\x00ular HTTP/1.1", b"GET  /popular  HTTP/1.1",
                     b"GET /popular HTTP/1.1\x00", b"\x00\x01\x02\x03", b"GET /" + b"a" * r.randint(5_000, 100_000) + b" HTTP/1.1",
                     b"GET /recommend#frag HTTP/1.1", b"GET /popular?k=1 HTTP/1.1 HTTP/1.1"])
    return line + b"\r\n" + host + b"\r\n"


CATEGORIES = [("bad_json", bad_json), ("wrong_types", wrong_types), ("bad_k", bad_k), ("unknown_ids", unknown_ids),
              ("oversized", oversized), ("bad_headers", bad_headers), ("bad_methods", bad_methods),
              ("bad_query", bad_query), ("invalid_utf8", invalid_utf8), ("nested_junk", nested_junk),
              ("bad_request_line", bad_request_line), ("unknown_keys", unknown_keys)]


# ---- sending and reading

def read_response(sock):
    """(status, headers dict lower-case, body bytes) of one HTTP/1.1 response; status None if none came."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return (None, {}, buf) if not buf else parse_head_only(buf)
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else -1
    headers = {}
    for ln in lines[1:]:
        if b":" in ln:
            n, v = ln.split(b":", 1)
            headers[n.strip().lower().decode("latin-1")] = v.strip().decode("latin-1")
    if "content-length" in headers:
        need = int(headers["content-length"])
        while len(rest) < need:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        return status, headers, rest[:need]
    if headers.get("transfer-encoding", "").lower() == "chunked":
        return status, headers, read_chunked(sock, rest)
    while True:  # until close
        chunk = sock.recv(65536)
        if not chunk:
            return status, headers, rest
        rest += chunk


def parse_head_only(buf):
    return -1, {}, buf


def read_chunked(sock, rest):
    body = b""
    while True:
        while b"\r\n" not in rest:
            chunk = sock.recv(65536)
            if not chunk:
                return body
            rest += chunk
        size_line, rest = rest.split(b"\r\n", 1)
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            return body
        while len(rest) < size + 2:
            chunk = sock.recv(65536)
            if not chunk:
                return body + rest
            rest += chunk
        body += rest[:size]
        rest = rest[size + 2:]


def send_one(host, port, raw):
    """(status, body, error) for one raw request on a new connection."""
    try:
        with socket.create_connection((host, port), timeout=TIMEOUT_S) as s:
            try:
                s.sendall(raw)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer (413, 431) and close before reading everything
            try:
                s.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            status, headers, body = read_response(s)
            return status, body, None
    except socket.timeout:
        return None, b"", "timeout"
    except ConnectionResetError:
        return None, b"", "connection reset"
    except OSError as e:
        return None, b"", "os error: %s" % e


def judge(status, body):
    """None when the answer is a 4xx JSON {error, message}; else why not."""
    if status is None:
        return "no response"
    if not 400 <= status < 500:
        return "status %s" % status
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "body is not JSON: %r" % body[:200]
    if not isinstance(doc, dict) or not isinstance(doc.get("error"), str) or not isinstance(doc.get("message"), str):
        return "body is not {error, message}: %r" % body[:200]
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--base", required=True, help="server base URL, e.g. http://127.0.0.1:8080 (loopback only)")
    ap.add_argument("--count", type=int, default=10_000, help="requests to send (default 10000)")
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    ap.add_argument("--workers", type=int, default=4, help="concurrent connections (default 4)")
    ap.add_argument("--max-body", type=int, default=65_536, help="the server's limits.max_request_body_bytes")
    ap.add_argument("--json", metavar="FILE", help="also write the counts as JSON to FILE")
    try:
        args = ap.parse_args()
    except SystemExit as e:
        sys.exit(0 if e.code == 0 else 2)
    u = urllib.parse.urlsplit(args.base)
    if u.scheme != "http" or not u.hostname or u.port is None or args.count < 1 or args.workers < 1:
        print("error: --base must be http://HOST:PORT, --count and --workers >= 1", file=sys.stderr)
        sys.exit(2)
    if u.hostname not in ("localhost", "::1") and not u.hostname.startswith("127."):
        print("error: --base must be a loopback address", file=sys.stderr)
        sys.exit(2)
    host, port = u.hostname, u.port

    rnd = random.Random(args.seed)
    ctx = Ctx(host, port, args.max_body, rnd)
    cases = []
    for i in range(args.count):
        name, gen = CATEGORIES[i % len(CATEGORIES)] if i < len(CATEGORIES) else rnd.choice(CATEGORIES)
        cases.append((name, gen(ctx)))

    t0 = time.time()
    by_status = collections.Counter()
    by_category = collections.defaultdict(collections.Counter)
    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        futures = [(name, raw, pool.submit(send_one, host, port, raw)) for name, raw in cases]
        for name, raw, f in futures:
            status, body, error = f.result()
            key = str(status) if status is not None else (error or "no response")
            by_status[key] += 1
            by_category[name][key] += 1
            why = judge(status, body) if error is None else error
            if why is not None:
                failures.append((name, why, raw[:160]))
    seconds = time.time() - t0

    five_xx = sum(n for s, n in by_status.items() if s.isdigit() and int(s) >= 500)
    print("fuzz: %d requests in %.1f s against %s (seed %d, %d workers)" % (args.count, seconds, args.base, args.seed,
                                                                            args.workers))
    print("by status: " + ", ".join("%s=%d" % kv for kv in sorted(by_status.items())))
    for name, _ in CATEGORIES:
        print("  %-17s %s" % (name, ", ".join("%s=%d" % kv for kv in sorted(by_category[name].items()))))
    print("5xx responses: %d" % five_xx)
    for name, why, raw in failures[:20]:
        print("FAIL %s: %s; request %r" % (name, why, raw))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"requests": args.count, "seconds": round(seconds, 2), "by_status": dict(by_status),
                       "by_category": {k: dict(v) for k, v in by_category.items()}, "five_xx": five_xx,
                       "failures": len(failures)}, f, indent=2)
    print("fuzz: %d passed, %d failed" % (args.count - len(failures), len(failures)))
    sys.exit(0 if not failures else 1)


if __name__ == "__main__":
    main()
