#!/usr/bin/env bash
# Writes a raw MovieLens directory as a fixed train/test split in the two formats that
# scripts/evaluate.sh --train FILE --test FILE reads (docs/EVALUATION.md "Fixed splits"):
#   <out>/train.csv, <out>/test.csv   pairs: user_id,item_id,rating,timestamp with a header
#   <out>/train.txt, <out>/test.txt   lists: 'user_id item_id item_id ...' per user (LightGCN/BARS)
# The raw ratings go through the preprocess rules of configs/data.yaml (positives = rating >=
# implicit.min_rating, latest rating per user and movie, minimum-count filter), then each user's
# positives are split at random, --ratio of them to test (the Microsoft Recommenders protocol uses
# 0.25), seeded per user (--seed). Real benchmark files (BARS, LightGCN) are not shipped.
# Usage: scripts/export-split.sh --out DIR [--data DIR] [--ratio 0.25] [--seed 42] [--data-config FILE] [--help]
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
ensure_built
run_java trainer com.marquee.trainer.evaluate.ExportSplitMain "$@"
