/**
 * Typo-tolerant title search over a model's catalog for {@code GET /movies} ({@link MovieSearch}: an
 * in-memory Apache Lucene index built once per loaded model, with exact, prefix and fuzzy word matches
 * and genre and year filters), and how genre names compare everywhere in the server ({@link Genres}).
 * The catalog is the model's {@code item_features.json} (common {@code com.marquee.common.artifact});
 * the index is built with each {@code com.marquee.service.model.ModelSnapshot}, and the endpoint is
 * {@code com.marquee.service.api.MoviesService}. Also the catalog changes of {@code PUT}/{@code DELETE
 * /admin/items} as data ({@link CatalogChange}, folded into a {@link CatalogState}; the content record is
 * common {@code com.marquee.common.domain.CatalogItem}); storing and applying them is {@code
 * com.marquee.service.realtime.CatalogUpdates}.
 */
package com.marquee.service.catalog;
