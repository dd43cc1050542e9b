package com.marquee.trainer;

import com.marquee.common.artifact.ModelMetadata;
import com.marquee.trainer.registry.PromotionDecision;
import java.nio.file.Path;

/**
 * What a trainer run produced.
 *
 * @param versionDir the new registry directory
 * @param metadata its {@code model_metadata.json}
 * @param decision the promotion decision taken for it
 */
public record TrainingResult(Path versionDir, ModelMetadata metadata, PromotionDecision decision) {}
