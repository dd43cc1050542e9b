package com.marquee.trainer;

import java.nio.file.Path;

/**
 * Where the trainer reads and writes.
 *
 * @param rawDir the raw MovieLens directory (hashed into the model's dataset identity)
 * @param processedDir {@code train.csv}, {@code val.csv}, {@code test.csv}
 * @param featuresDir {@code item_features.csv}, {@code popularity.csv}
 * @param registryDir every trained version
 * @param production the production link
 */
public record TrainerPaths(Path rawDir, Path processedDir, Path featuresDir, Path registryDir, Path production) {}
