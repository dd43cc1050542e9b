#!/usr/bin/python3
"""Browser and catalog check of the web app at / and of /similar, run by scripts/test.sh.

Runs under Debian's /usr/bin/python3 with the standard library only. Steps:
  1. installs Debian's chromium when /usr/bin/chromium is missing, and tools/web's npm packages
     (playwright-core, pinned by tools/web/package-lock.json) with `npm ci` when needed;
  2. trains a real model: scripts/pipeline.sh into a fresh work directory;
  3. sequel share before/after: serves it with similar.ranking inner_product, then cosine (the
     default), and counts the pairs of docs/evaluation/sequel-pairs.csv whose sequel is in the top
     10 of POST /similar (printed as 'sequel share ...', reported in docs/EVALUATION.md);
  4. with the default server: GET / is the app's HTML, /movies?q=matrx has The Matrix first,
     /movies?q=star%20wars at least 5 episodes;
  5. runs the Playwright suite tools/web/test/webapp.test.mjs (node --test) against that server on
     its free 127.0.0.1 port: search with suggestions, likes, recommendations with badges, detail
     view with Toy Story 2 among similar movies, sign-in and feedback, no console errors;
     screenshots of each view in helidon-service/target/webapp/;
  6. stops the server.
Prints one line per check and ends with "webapp: N passed, M failed"; exit code 1 if any failed.
Set MARQUEE_KEEP_WEBAPP=1 to keep the work directory.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

from e2e_lib import HOME, check, ensure_chromium, http, remove_work, start_server, stop_server, summary, wait_ready

PAIRS = os.path.join(HOME, "docs", "evaluation", "sequel-pairs.csv")
SCREENSHOTS = os.path.join(HOME, "helidon-service", "target", "webapp")
TOP = 10
# Issue #14's target for the served pipeline model of the bundled data (measured 0.833 with the refit on
# all interactions, docs/EVALUATION.md; 0.767 when the train-only fit was served).
MIN_COSINE_SHARE = 0.80


def serve(work, ranking):
    """Starts scripts/serve.sh on the work directory's model with similar.ranking `ranking`."""
    env = dict(os.environ, MARQUEE_SERVER_HOST="127.0.0.1", MARQUEE_SIMILAR_RANKING=ranking,
               MARQUEE_REQUEST_LOG_DB_PATH=os.path.join(work, "data/logs/requests-%s.db" % ranking),
               MARQUEE_MODELS_WATCH_INTERVAL_MS="0")
    server, base, log_path = start_server(work, ["--models", os.path.join(work, "models/production")], env)
    if not check("server ready (similar.ranking %s) at %s" % (ranking, base), wait_ready(base, server),
                 open(log_path).read()[-3000:]):
        stop_server(server)
        return None, None
    return server, base


def sequel_share(base, pairs):
    hits, missed = 0, []
    for movie, sequel, title, sequel_title in pairs:
        status, body, _ = http("POST", base + "/similar", {"movie_id": movie, "k": TOP})
        ids = [m["movie_id"] for m in json.loads(body)["similar_items"]] if status == 200 else []
        if sequel in ids:
            hits += 1
        else:
            missed.append("%s -> %s" % (title, sequel_title))
    return hits / len(pairs), missed


def main():
    work = tempfile.mkdtemp(prefix="marquee-webapp-")
    server = None
    try:
        if not ensure_chromium():
            return
        p = subprocess.run(["bash", "-c", "source scripts/lib/env.sh && ensure_web_tools"], cwd=HOME,
                           capture_output=True, text=True)
        if not check("tools/web installed (npm ci)", p.returncode == 0, p.stderr[-2000:]):
            return
        t0 = time.time()
        p = subprocess.run(["bash", os.path.join(HOME, "scripts/pipeline.sh"), "--workdir", work], cwd=HOME,
                           capture_output=True, text=True)
        if not check("pipeline.sh exits 0 (%.0f s)" % (time.time() - t0), p.returncode == 0, p.stderr[-3000:]):
            return

        with open(PAIRS, encoding="utf-8") as f:
            pairs = [(int(r["movie_id"]), int(r["sequel_id"]), r["movie_title"], r["sequel_title"])
                     for r in csv.DictReader(f)]
        shares = {}
        for ranking in ("inner_product", "cosine"):
            server, base = serve(work, ranking)
            if server is None:
                return
            shares[ranking], missed = sequel_share(base, pairs)
            print("sequel share in the top %d of /similar, %s: %.3f (%d of %d pairs); missed: %s"
                  % (TOP, ranking, shares[ranking], round(shares[ranking] * len(pairs)), len(pairs),
                     "; ".join(missed)), flush=True)
            if ranking == "inner_product":
                stop_server(server)
                server = None
        check("cosine sequel share %.3f >= %.2f and above inner product's %.3f"
              % (shares["cosine"], MIN_COSINE_SHARE, shares["inner_product"]),
              shares["cosine"] >= MIN_COSINE_SHARE and shares["cosine"] > shares["inner_product"])

        status, body, headers = http("GET", base + "/")
        check("GET / is the web app's HTML", status == 200 and headers.get("Content-Type", "").startswith("text/html")
              and '<script type="module" src="/app/app.js">' in body, body[:300])
        status, body, _ = http("GET", base + "/movies?q=matrx")
        movies = json.loads(body).get("movies", []) if status == 200 else []
        check("/movies?q=matrx has The Matrix first (%s)" % (movies[0]["title"] if movies else None),
              bool(movies) and movies[0]["movie_id"] == 2571, body[:500])
        status, body, _ = http("GET", base + "/movies?q=star%20wars")
        titles = [m["title"] for m in json.loads(body).get("movies", [])] if status == 200 else []
        episodes = [t for t in titles if t.startswith("Star Wars: Episode")]
        check("/movies?q=star%%20wars has %d episodes (>= 5)" % len(episodes), len(episodes) >= 5, titles)

        os.makedirs(SCREENSHOTS, exist_ok=True)
        env = dict(os.environ, MARQUEE_BASE_URL=base, MARQUEE_SCREENSHOTS=SCREENSHOTS)
        p = subprocess.run(["node", "--test", "--test-reporter=spec", "test/"], cwd=os.path.join(HOME, "tools/web"),
                           env=env, capture_output=True, text=True, timeout=600)
        print(p.stdout[-6000:], flush=True)
        check("Playwright suite tools/web/test passes in Chromium", p.returncode == 0, p.stderr[-3000:])
        shots = sorted(f for f in os.listdir(SCREENSHOTS) if f.endswith(".png"))
        check("screenshots of each view in %s (%s)" % (os.path.relpath(SCREENSHOTS, HOME), ", ".join(shots)),
              len(shots) >= 5)
    except Exception as e:  # report, don't hide
        check("webapp check ran without exceptions", False, "%s: %s" % (type(e).__name__, e))
    finally:
        if server is not None:
            stop_server(server)
        remove_work(work, "MARQUEE_KEEP_WEBAPP")
        sys.exit(summary("webapp"))


if __name__ == "__main__":
    main()
