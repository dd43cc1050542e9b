#!/usr/bin/env bash
# Offline evaluation of one model under one protocol, full ranking (docs/EVALUATION.md):
# raw MovieLens (any layout) -> preprocess rules -> protocol split -> tune on validation carved from
# the training part -> refit on the training part -> Precision/Recall/nRecall/NDCG/MAP/HitRate/
# novelty/coverage @ 10, 20, 50, 100 on the test part. Prints a table and, as the last line, the JSON
# object, also written to reports/evaluation/<protocol>_<model>.json (or --output FILE).
# Usage: scripts/evaluate.sh --protocol global-time|leave-last-out|random-per-user|user-holdout
#          [--data DIR] [--ratio R] [--seed S] [--min-rating R] [--model ials|ease|rp3beta|itemknn|popularity|best]
#          [--k 10] [--tune] [--factors N --alpha A --regularization L --iterations N --neighbors N --lambda L]
#          [--rp3-alpha A --rp3-beta B]
#          [--heldout-users N] [--config FILE] [--data-config FILE] [--output FILE] [--help]
#        scripts/evaluate.sh --train FILE --test FILE [--split-format pairs|lists] [--ratio R] [--seed S] ...
#          (a fixed, published split; scripts/export-split.sh writes ml-latest-small in both formats)
# Relative paths given as arguments are relative to the current directory; defaults live in the
# repository. Heap: JAVA_OPTS (EASE needs ~28 bytes x items^2, see --help).
# Exit codes: 0 ok, 2 bad arguments or input, 1 other failure.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
ensure_native_packages
ensure_built
run_java trainer com.marquee.trainer.evaluate.EvaluateMain "$@"
