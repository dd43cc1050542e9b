/**
 * Content-based item embeddings for items without interactions (issue #15): {@link ContentFeatures}
 * turns a movie's genres, year, title and MovieLens tags into a feature row, and {@link ContentMapping}
 * maps such a row to the latent factors of the iALS model (ridge regression of item factors on
 * features, Gantner et al., ICDM 2010). The trainer fits both and stores them in the model version
 * ({@code content_features.json}, {@code content_mapping.npy}, {@code cold_start_items.json}); the server
 * reads them to embed movies added by {@code PUT /admin/items/{id}}, so training and serving share one
 * featurizer.
 */
package com.marquee.common.content;
