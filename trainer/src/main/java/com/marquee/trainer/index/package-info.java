/**
 * Maximum-inner-product search over item embeddings ({@link VectorIndex}): exact brute force in pure Java
 * ({@link ExactVectorIndex}) or FAISS through a native shim bound with the FFM API ({@link FaissVectorIndex},
 * {@link FaissNative}; shim sources in {@code trainer/src/main/native}, Linux x86_64 only).
 * {@code com.marquee.trainer.Trainer} and benchmarks {@code ServeModelBuilder} use it to write
 * {@code item_index.faiss} into every model version, a file Python's {@code faiss.read_index} reads
 * ({@code tests/e2e/faiss_interop_check.py}). The server does not load that file: helidon-service retrieves
 * with its own {@code com.marquee.service.model.Retriever} implementations (exact or IVF).
 */
package com.marquee.trainer.index;
