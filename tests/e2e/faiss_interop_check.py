#!/usr/bin/python3
"""Nearest neighbours of one movie from a Marquee model directory, computed by Python FAISS.

Checks that the artifacts written by the Java side (SPEC.md section 4) are usable from the Python
ecosystem: DIR/item_embeddings.npy (numpy.load, float32 (n_items, f)), DIR/item_index.faiss
(faiss.read_index) and DIR/item_mapping.json ({"<external movie id>": row_index}).

Searches the movie's own embedding for k+1 neighbours, drops the movie itself and prints one JSON
line: {"movie_id": ID, "neighbors": [external ids...], "scores": [...]}. With --metric inner_product
(default) the search runs on item_index.faiss itself; with --metric cosine (what POST /similar
serves by default, similar.ranking) on a FAISS IndexFlatIP over the embeddings divided by their
norms (for the movies of cold_start_items.json, whose vectors come from the content mapping, by
their expected norm sqrt(|v|^2 + mean_squared_residual), as the server does), after checking that
the index file matches them.

Run with Debian's interpreter, which sees apt's numpy and faiss (python3-numpy, python3-faiss):
    /usr/bin/python3 tests/e2e/faiss_interop_check.py --model-dir models/production --movie-id 1 --k 10
Exit codes: 0 ok, 2 bad input (one line on stderr), 1 anything unexpected.
"""
import argparse
import json
import os
import sys


def fail(msg):
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(2)


class OneLineParser(argparse.ArgumentParser):
    def error(self, message):
        fail(f"{message} (usage: --model-dir DIR --movie-id ID --k K [--metric inner_product|cosine])")


def external(movie_id):
    """MovieLens ids are integers; keep them as JSON numbers when they look like one."""
    return int(movie_id) if movie_id.lstrip("-").isdigit() else movie_id


def main():
    p = OneLineParser(description=__doc__.splitlines()[0])
    p.add_argument("--model-dir", required=True)
    p.add_argument("--movie-id", required=True)
    p.add_argument("--k", required=True, type=int)
    p.add_argument("--metric", default="inner_product", choices=["inner_product", "cosine"])
    args = p.parse_args()
    if args.k < 1:
        fail(f"--k must be >= 1, got {args.k}")

    try:
        import faiss
        import numpy as np
    except ImportError as e:
        fail(f"{e}: run with /usr/bin/python3 (Debian packages python3-faiss python3-numpy)")

    paths = {name: os.path.join(args.model_dir, name)
             for name in ("item_embeddings.npy", "item_index.faiss", "item_mapping.json")}
    for path in paths.values():
        if not os.path.isfile(path):
            fail(f"missing {path}")

    try:
        with open(paths["item_mapping.json"], encoding="utf-8") as f:
            mapping = json.load(f)
        emb = np.load(paths["item_embeddings.npy"])
        index = faiss.read_index(paths["item_index.faiss"])
    except (ValueError, OSError, RuntimeError) as e:
        fail(f"cannot read model in {args.model_dir}: {str(e).splitlines()[-1] if str(e) else e!r}")

    if not isinstance(mapping, dict):
        fail(f"{paths['item_mapping.json']}: expected an object {{external id: row}}")
    if emb.ndim != 2 or emb.dtype != np.float32:
        fail(f"{paths['item_embeddings.npy']}: expected float32 (n_items, f), got {emb.dtype} {emb.shape}")
    if index.d != emb.shape[1] or index.ntotal != emb.shape[0]:
        fail(f"index (ntotal={index.ntotal}, d={index.d}) does not match embeddings {emb.shape}")
    row = mapping.get(str(args.movie_id))
    if row is None:
        fail(f"movie id {args.movie_id} not in {paths['item_mapping.json']}")
    if not isinstance(row, int) or not 0 <= row < emb.shape[0]:
        fail(f"movie id {args.movie_id} maps to row {row!r}, outside 0..{emb.shape[0] - 1}")

    row_to_id = {r: external(m) for m, r in mapping.items()}
    if args.metric == "cosine":
        emb = np.array(emb, dtype=np.float32, copy=True)
        norms = np.sqrt(np.sum(emb.astype(np.float64) ** 2, axis=1))
        cold_file = os.path.join(args.model_dir, "cold_start_items.json")
        if os.path.isfile(cold_file):
            # Vectors of the content mapping count with their expected norm sqrt(|xW|^2 + r), as the
            # server's cosine does (docs/API.md, cold_start_items.json): they are conditional means.
            with open(cold_file, encoding="utf-8") as f:
                cold = json.load(f)
            r = cold.get("mean_squared_residual")
            if r is not None and r == r:
                rows = [mapping[str(m)] for m in cold.get("movie_ids", []) if str(m) in mapping]
                norms[rows] = np.sqrt(norms[rows] ** 2 + r)
        norms[norms == 0] = 1
        emb = np.ascontiguousarray((emb / norms[:, None]).astype(np.float32))
        index = faiss.IndexFlatIP(emb.shape[1])
        index.add(emb)
    query = np.ascontiguousarray(emb[row:row + 1])
    scores, labels = index.search(query, min(args.k + 1, index.ntotal))
    neighbors, kept = [], []
    for label, score in zip(labels[0].tolist(), scores[0].tolist()):
        if label < 0 or label == row:
            continue
        neighbors.append(row_to_id.get(label, label))
        kept.append(score)
    print(json.dumps({"movie_id": external(str(args.movie_id)),
                      "neighbors": neighbors[:args.k], "scores": kept[:args.k]}))


if __name__ == "__main__":
    main()
