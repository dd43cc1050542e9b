/**
 * The served model: {@link ModelHolder} loads a model version (common {@code com.marquee.common.artifact},
 * written by trainer {@code com.marquee.trainer.Trainer}) into an immutable {@link ModelSnapshot} and swaps
 * it atomically on {@code POST /admin/reload} or when {@link ModelWatcher} sees the directory change. A
 * snapshot precomputes what the endpoints need: the iALS fold-in solver and item Gramian (common
 * {@code com.marquee.common.als}) for anonymous and real-time users, top-k retrieval ({@link Retriever}:
 * exact, or an IVF index with {@link IvfRetriever}), the per-user list cache, pre-encoded item JSON, item
 * co-occurrence and the title index. The ranking on top of it is {@code com.marquee.service.recommend}.
 */
package com.marquee.service.model;
