#!/usr/bin/python3
"""Replays the test split through the LIVE API so that a new install has request-log data.

Run by `scripts/replay.sh --simulate` (Python 3 standard library only, Debian /usr/bin/python3).
For the first --users users of --test (by ascending user id): POST /recommend {user_id, k}; then,
unless --no-feedback, POST /feedback {user_id, movie_id, event: "watch", value: rating} for each of
the user's test interactions (no timestamp: the server stamps it, i.e. after the list was served, so
`replay.sh` with its default window sees it). If /feedback answers 404 or 405 (a server without the
endpoint), feedback is skipped: evaluate with `replay.sh --heldout <test.csv> --no-window` instead.
A 429 is retried after a short pause.

Prints one JSON summary line on stdout: {users, recommend_requests, recommend_ok, feedback_posted,
feedback_available}. Exit codes: 0 ok, 2 bad arguments or input (missing/malformed test file), 1 the
server is unreachable or answered /recommend with a 5xx.
"""
import argparse
import csv
import json
import sys
import time
import urllib.error
import urllib.request


def post(url, payload, timeout):
    data = json.dumps(payload).encode()
    for attempt in range(5):
        req = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            body = e.read().decode(errors="replace")
            if e.code == 429 and attempt < 4:
                time.sleep(0.2 * (attempt + 1))
                continue
            return e.code, body
    return 429, ""


def read_test(path, users):
    by_user = {}
    try:
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                by_user.setdefault(int(row["user_id"]), []).append((int(row["movie_id"]), float(row["rating"])))
    except (OSError, KeyError, ValueError) as e:
        print("error: cannot read %s: %s" % (path, e), file=sys.stderr)
        sys.exit(2)
    return [(u, by_user[u]) for u in sorted(by_user)[:users]]


def main():
    p = argparse.ArgumentParser(prog="replay.sh --simulate", description=__doc__.split("\n\n")[0])
    p.add_argument("--server", default="http://localhost:8080", help="API base URL (default: %(default)s)")
    p.add_argument("--test", default="data/processed/test.csv", help="interactions CSV (default: %(default)s)")
    p.add_argument("--users", type=int, default=200, help="at most this many users (default: %(default)s)")
    p.add_argument("--k", type=int, default=10, help="list length asked for (default: %(default)s)")
    p.add_argument("--no-feedback", action="store_true", help="do not POST /feedback")
    p.add_argument("--timeout", type=float, default=30, help="seconds per request (default: %(default)s)")
    try:
        a = p.parse_args()
    except SystemExit as e:
        sys.exit(0 if e.code == 0 else 2)
    if a.users < 1 or not 1 <= a.k <= 1000:
        print("error: need --users >= 1 and 1 <= --k <= 1000 (see --help)", file=sys.stderr)
        sys.exit(2)
    base = a.server.rstrip("/")
    summary = {"users": 0, "recommend_requests": 0, "recommend_ok": 0, "feedback_posted": 0,
               "feedback_available": not a.no_feedback}
    try:
        for user, items in read_test(a.test, a.users):
            summary["users"] += 1
            status, body = post(base + "/recommend", {"user_id": user, "k": a.k}, a.timeout)
            summary["recommend_requests"] += 1
            if status >= 500:
                print("error: POST /recommend user %d -> HTTP %d %s" % (user, status, body[:200]), file=sys.stderr)
                sys.exit(1)
            summary["recommend_ok"] += status == 200
            for movie, rating in items if summary["feedback_available"] else []:
                s, body = post(base + "/feedback", {"user_id": user, "movie_id": movie, "event": "watch",
                                                    "value": rating}, a.timeout)
                if s in (404, 405):
                    summary["feedback_available"] = False
                    print("note: %s/feedback -> HTTP %d: skipping feedback (use replay.sh --heldout)" % (base, s),
                          file=sys.stderr)
                    break
                if 200 <= s < 300:
                    summary["feedback_posted"] += 1
                else:
                    print("warning: POST /feedback -> HTTP %d %s" % (s, body[:200]), file=sys.stderr)
    except urllib.error.URLError as e:
        print("error: server %s unreachable: %s" % (base, e.reason), file=sys.stderr)
        sys.exit(1)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
