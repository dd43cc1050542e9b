/**
 * The local model registry: immutable version directories and an atomically swapped {@code production}
 * symlink ({@link ModelRegistry}), the promote-if-better rule ({@link PromotionPolicy}), the decision log
 * {@code models/decisions.jsonl} ({@link PromotionDecision}, {@link ProductionHistory}) and the
 * {@code POST /admin/reload} call to a running server ({@link ServerReload}). {@code scripts/registry.sh}
 * runs {@link RegistryMain} (list, show, promote, rollback); {@code com.marquee.trainer.Trainer} writes and
 * promotes versions, and beam-pipelines {@code com.marquee.pipelines.retrain.RetrainMain} reloads the server
 * after a promotion. The serving side of the swap is helidon-service {@code com.marquee.service.model}
 * ({@code ModelHolder} and {@code ModelWatcher} follow the symlink).
 */
package com.marquee.trainer.registry;
