// C ABI over the FAISS 1.7.3 C++ API (Debian ships only a static libfaiss.a, no C API), called
// from Java through java.lang.foreign (com.marquee.common.index.FaissNative).
//
// Contract for every function that can fail:
//   - returns MQ_OK (0) on success, a non-zero MQ_ERR_* code on failure;
//   - on failure writes a NUL-terminated message (truncated to errlen) into the caller's err buffer;
//   - never lets a C++ exception escape (it would abort the JVM).
// Index handles are opaque faiss::Index pointers owned by the caller; release them with mq_free.
// Searching one index from several threads at once is safe (FAISS search is const); adding,
// training, setting parameters and freeing are not, and the Java side serializes them.

#include <faiss/AutoTune.h>
#include <faiss/Index.h>
#include <faiss/impl/FaissException.h>
#include <faiss/index_factory.h>
#include <faiss/index_io.h>
#include <omp.h>

#include <cstdint>
#include <cstdio>
#include <exception>

#define MQ_API extern "C" __attribute__((visibility("default")))

enum {
  MQ_OK = 0,
  MQ_ERR_FAISS = 1,    // faiss::FaissException
  MQ_ERR_STD = 2,      // any other std::exception (bad_alloc, ...)
  MQ_ERR_UNKNOWN = 3,  // anything else thrown
  MQ_ERR_ARG = 4,      // invalid argument detected by the shim itself
};

namespace {

void set_err(char* err, int errlen, const char* msg) {
  if (err != nullptr && errlen > 0) {
    std::snprintf(err, static_cast<size_t>(errlen), "%s", msg);
  }
}

// Runs body(), translating any exception into an error code plus message.
template <typename F>
int guarded(char* err, int errlen, F body) {
  try {
    body();
    return MQ_OK;
  } catch (const faiss::FaissException& e) {
    set_err(err, errlen, e.what());
    return MQ_ERR_FAISS;
  } catch (const std::exception& e) {
    set_err(err, errlen, e.what());
    return MQ_ERR_STD;
  } catch (...) {
    set_err(err, errlen, "unknown C++ exception");
    return MQ_ERR_UNKNOWN;
  }
}

faiss::Index* as_index(void* p) { return static_cast<faiss::Index*>(p); }

}  // namespace

#define MQ_REQUIRE(cond, msg)          \
  do {                                 \
    if (!(cond)) {                     \
      set_err(err, errlen, msg);       \
      return MQ_ERR_ARG;               \
    }                                  \
  } while (0)

// Creates an index with metric inner product from a FAISS factory string ("Flat", "HNSW32",
// "IVF256,Flat", ...). *out receives the handle.
MQ_API int mq_index_factory(int d, const char* description, void** out, char* err, int errlen) {
  MQ_REQUIRE(d > 0, "dimension must be > 0");
  MQ_REQUIRE(description != nullptr && out != nullptr, "null argument");
  *out = nullptr;
  return guarded(err, errlen, [&] {
    *out = faiss::index_factory(d, description, faiss::METRIC_INNER_PRODUCT);
  });
}

// 1 if the index is trained (ready for add), else 0; -1 for a null handle.
MQ_API int mq_is_trained(void* idx) { return idx == nullptr ? -1 : (as_index(idx)->is_trained ? 1 : 0); }

// Trains on x: float[n * d], row-major.
MQ_API int mq_train(void* idx, int64_t n, const float* x, char* err, int errlen) {
  MQ_REQUIRE(idx != nullptr && x != nullptr, "null argument");
  MQ_REQUIRE(n > 0, "n must be > 0");
  return guarded(err, errlen, [&] { as_index(idx)->train(n, x); });
}

// Appends x: float[n * d], row-major; rows get ids ntotal .. ntotal + n - 1.
MQ_API int mq_add(void* idx, int64_t n, const float* x, char* err, int errlen) {
  MQ_REQUIRE(idx != nullptr && x != nullptr, "null argument");
  MQ_REQUIRE(n >= 0, "n must be >= 0");
  return guarded(err, errlen, [&] { as_index(idx)->add(n, x); });
}

// k nearest rows for each of the n queries x: float[n * d]. Fills distances: float[n * k]
// (inner products, best first) and labels: int64[n * k] (row ids, -1 where fewer than k found).
MQ_API int mq_search(void* idx, int64_t n, const float* x, int64_t k, float* distances,
                     int64_t* labels, char* err, int errlen) {
  MQ_REQUIRE(idx != nullptr && x != nullptr && distances != nullptr && labels != nullptr,
             "null argument");
  MQ_REQUIRE(n >= 0 && k > 0, "need n >= 0 and k > 0");
  return guarded(err, errlen, [&] { as_index(idx)->search(n, x, k, distances, labels); });
}

MQ_API int mq_write_index(void* idx, const char* path, char* err, int errlen) {
  MQ_REQUIRE(idx != nullptr && path != nullptr, "null argument");
  return guarded(err, errlen, [&] { faiss::write_index(as_index(idx), path); });
}

MQ_API int mq_read_index(const char* path, void** out, char* err, int errlen) {
  MQ_REQUIRE(path != nullptr && out != nullptr, "null argument");
  *out = nullptr;
  return guarded(err, errlen, [&] { *out = faiss::read_index(path); });
}

// Sets a search-time parameter through faiss::ParameterSpace, e.g. "efSearch" (HNSW), "nprobe" (IVF).
MQ_API int mq_set_param(void* idx, const char* name, double value, char* err, int errlen) {
  MQ_REQUIRE(idx != nullptr && name != nullptr, "null argument");
  return guarded(err, errlen, [&] {
    faiss::ParameterSpace().set_index_parameter(as_index(idx), name, value);
  });
}

MQ_API int64_t mq_ntotal(void* idx) { return idx == nullptr ? -1 : as_index(idx)->ntotal; }

MQ_API int mq_d(void* idx) { return idx == nullptr ? -1 : as_index(idx)->d; }

// faiss::MetricType: 0 = inner product, 1 = L2, ...; -1 for a null handle.
MQ_API int mq_metric_type(void* idx) {
  return idx == nullptr ? -1 : static_cast<int>(as_index(idx)->metric_type);
}

MQ_API void mq_free(void* idx) {
  try {
    delete as_index(idx);
  } catch (...) {
    // destructors do not throw in FAISS; never let anything reach the JVM
  }
}

// OpenMP threads for FAISS calls made by the calling thread (OpenMP settings are per thread).
MQ_API void mq_set_num_threads(int n) {
  if (n > 0) {
    omp_set_num_threads(n);
  }
}

MQ_API int mq_get_max_threads(void) { return omp_get_max_threads(); }

// "1.7.3" for Debian 12's libfaiss-dev.
MQ_API const char* mq_faiss_version(void) {
#define MQ_STR2(x) #x
#define MQ_STR(x) MQ_STR2(x)
  return MQ_STR(FAISS_VERSION_MAJOR) "." MQ_STR(FAISS_VERSION_MINOR) "." MQ_STR(FAISS_VERSION_PATCH);
}
