/**
 * Real-time user updates without retraining ({@link RealtimeUsers}): after each positive
 * {@code POST /feedback} event the user's vector is solved again by fold-in over the training items plus the
 * new positives ({@code com.marquee.service.model.ModelSnapshot#foldIn}, the iALS row solver of common
 * {@code com.marquee.common.als}), and a negative event hides the movie from the user's answers. The overlay
 * lasts until the next model swap; the events are stored by {@code com.marquee.service.log.FeedbackStore} and
 * reach the next model through beam-pipelines {@code com.marquee.pipelines.retrain}. Catalog updates without
 * retraining ({@link CatalogUpdates}): the {@code PUT}/{@code DELETE /admin/items} changes, stored in the same
 * database, applied over every served model ({@code com.marquee.service.model.ModelSnapshot#withCatalog}) and
 * re-applied at start-up and reload; positive feedback on a cold item refines its vector by item fold-in.
 */
package com.marquee.service.realtime;
