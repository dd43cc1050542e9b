package com.marquee.pipelines.retrain;

import com.marquee.common.artifact.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code <retrain_dir>/state.json}: what the last successful retrain consumed. Written (temporary
 * file, then atomic rename) only after the pipeline finished, so a failed or interrupted run leaves
 * the previous state and the next run retries the same feedback.
 *
 * @param lastFeedbackRowid feedback high-water mark: rows with a larger rowid are new
 * @param lastFeedbackId {@code feedback_id} of the row at that mark, to recognise a table whose rowids
 *     restarted ({@link FeedbackRatings}); null in a state written before it was kept
 * @param lastRunId run id of the last successful retrain
 * @param lastModelVersion model version it trained
 * @param promoted whether that version was promoted
 * @param finishedAt ISO-8601 UTC
 * @param lastCatalogChangeId {@code catalog_changes} high-water mark: changes with a larger {@code
 *     change_id} are new (0 in a state written before catalog changes existed)
 */
public record RetrainState(long lastFeedbackRowid, String lastFeedbackId, String lastRunId, String lastModelVersion,
    boolean promoted, String finishedAt, long lastCatalogChangeId) {

  /** The state before any retrain. */
  public static final RetrainState NONE = new RetrainState(0, null, null, null, false, null, 0);

  /** Reads {@code file}, or {@link #NONE} when absent. @throws IOException if unreadable */
  public static RetrainState read(Path file) throws IOException {
    return Files.isRegularFile(file) ? Json.MAPPER.readValue(file.toFile(), RetrainState.class) : NONE;
  }

  /** Replaces {@code file} atomically. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Json.MAPPER.writeValue(tmp.toFile(), this);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
