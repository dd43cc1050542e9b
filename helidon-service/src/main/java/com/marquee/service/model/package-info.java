/**
 * The served model: {@link ModelHolder} loads a model version (common {@code com.marquee.common.artifact},
 * written by trainer {@code com.marquee.trainer.Trainer}) into an immutable {@link ModelSnapshot} and swaps
 * it atomically on {@code POST /admin/reload} or when {@link ModelWatcher} sees the directory change. A
 * snapshot precomputes what the endpoints need: the iALS fold-in solver and item Gramian (common
 * {@code com.marquee.common.als}) for anonymous and real-time users, top-k retrieval ({@link Retriever}:
 * exact, or an IVF index with {@link IvfRetriever}), the per-user list cache, pre-encoded item JSON, item
 * co-occurrence and the title index. The ranking on top of it is {@code com.marquee.service.recommend}.
 * Catalog changes ({@code PUT}/{@code DELETE /admin/items}) are applied by deriving a served snapshot from
 * the trained one ({@link ModelSnapshot#withCatalog}): new movies get rows with the content mapping's
 * vectors (common {@code com.marquee.common.content}), searched beside the index by {@link
 * OverlayRetriever}; hidden movies are left out of every answer. The changes themselves are kept by
 * {@code com.marquee.service.realtime.CatalogUpdates}.
 */
package com.marquee.service.model;
