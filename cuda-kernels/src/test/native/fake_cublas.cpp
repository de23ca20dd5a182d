// fake_cublas.cpp: a stand-in for libcublas, for testing the cuBLAS path without a GPU.
//
// It exports the entry points cublas_shim.cpp resolves, with cuBLAS's argument order and
// column-major meaning, and computes on the host: under the emulator driver, device pointers
// are host pointers, so CudaBackend -> CublasMatmul -> CublasShim -> this file checks the
// dispatch, the argument order and the row-major trick against the CPU reference. Like cuBLAS
// it refuses leading dimensions that are too small (CUBLAS_STATUS_INVALID_VALUE) and does not
// read C when beta is 0 (the emulator fills fresh memory with NaN, which would show).
//
// Every call appends one line to "<this library's path>.calls", so a test can see that cuBLAS,
// not a kernel, computed its product, and with which arguments.
//
// Build: g++ -std=c++17 -O1 -fPIC -shared -o libcublas.so.13 fake_cublas.cpp
#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <string>

namespace {

struct FakeHandle {
    void *stream;
};

const int SUCCESS = 0;
const int NOT_INITIALIZED = 1;
const int INVALID_VALUE = 7;

void log(const char *format, ...) __attribute__((format(printf, 1, 2)));

void log(const char *format, ...) {
    Dl_info info;
    if (dladdr(reinterpret_cast<void *>(&log), &info) == 0 || info.dli_fname == nullptr) {
        return;
    }
    std::string path = std::string(info.dli_fname) + ".calls";
    FILE *file = std::fopen(path.c_str(), "a");
    if (file == nullptr) {
        return;
    }
    va_list args;
    va_start(args, format);
    std::vfprintf(file, format, args);
    va_end(args);
    std::fputc('\n', file);
    std::fclose(file);
}

char opName(int op) {
    return op == 0 ? 'N' : op == 1 ? 'T' : '?';
}

// C = alpha op(A) op(B) + beta C for one column-major matrix, as cuBLAS defines it.
template <typename T>
int gemm(void *handle, int transa, int transb, int m, int n, int k, const T *alpha, const T *a, int lda,
         const T *b, int ldb, const T *beta, T *c, int ldc) {
    if (handle == nullptr) {
        return NOT_INITIALIZED;
    }
    if ((transa != 0 && transa != 1) || (transb != 0 && transb != 1) || m < 0 || n < 0 || k < 0 ||
        lda < std::max(1, transa == 0 ? m : k) || ldb < std::max(1, transb == 0 ? k : n) || ldc < std::max(1, m)) {
        return INVALID_VALUE;
    }
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) {
            T sum = 0;
            for (int p = 0; p < k; p++) {
                T x = transa == 0 ? a[i + (long) p * lda] : a[p + (long) i * lda];
                T y = transb == 0 ? b[p + (long) j * ldb] : b[j + (long) p * ldb];
                sum = std::fma(x, y, sum);
            }
            T &out = c[i + (long) j * ldc];
            out = *beta == T(0) ? *alpha * sum : *alpha * sum + *beta * out;
        }
    }
    return SUCCESS;
}

template <typename T>
int stridedBatched(const char *name, void *handle, int transa, int transb, int m, int n, int k, const T *alpha,
                   const T *a, int lda, long long strideA, const T *b, int ldb, long long strideB, const T *beta,
                   T *c, int ldc, long long strideC, int batches) {
    log("%s %c %c m=%d n=%d k=%d lda=%d strideA=%lld ldb=%d strideB=%lld ldc=%d strideC=%lld batches=%d", name,
        opName(transa), opName(transb), m, n, k, lda, strideA, ldb, strideB, ldc, strideC, batches);
    if (batches < 0) {
        return INVALID_VALUE;
    }
    for (int i = 0; i < batches; i++) {
        int status = gemm(handle, transa, transb, m, n, k, alpha, a + i * strideA, lda, b + i * strideB, ldb, beta,
                          c + i * strideC, ldc);
        if (status != SUCCESS) {
            return status;
        }
    }
    return SUCCESS;
}

}  // namespace

extern "C" {

int cublasCreate_v2(void **handle) {
    *handle = new FakeHandle{nullptr};
    log("cublasCreate_v2");
    return SUCCESS;
}

int cublasDestroy_v2(void *handle) {
    delete static_cast<FakeHandle *>(handle);
    log("cublasDestroy_v2");
    return SUCCESS;
}

int cublasSetStream_v2(void *handle, void *stream) {
    static_cast<FakeHandle *>(handle)->stream = stream;
    log("cublasSetStream_v2");
    return SUCCESS;
}

int cublasGetVersion_v2(void *, int *version) {
    *version = 130000;
    return SUCCESS;
}

int cublasSgemm_v2(void *handle, int transa, int transb, int m, int n, int k, const float *alpha, const float *a,
                   int lda, const float *b, int ldb, const float *beta, float *c, int ldc) {
    log("cublasSgemm_v2 %c %c m=%d n=%d k=%d lda=%d ldb=%d ldc=%d", opName(transa), opName(transb), m, n, k, lda,
        ldb, ldc);
    return gemm(handle, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

int cublasDgemm_v2(void *handle, int transa, int transb, int m, int n, int k, const double *alpha, const double *a,
                   int lda, const double *b, int ldb, const double *beta, double *c, int ldc) {
    log("cublasDgemm_v2 %c %c m=%d n=%d k=%d lda=%d ldb=%d ldc=%d", opName(transa), opName(transb), m, n, k, lda,
        ldb, ldc);
    return gemm(handle, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

int cublasSgemmStridedBatched(void *handle, int transa, int transb, int m, int n, int k, const float *alpha,
                              const float *a, int lda, long long strideA, const float *b, int ldb, long long strideB,
                              const float *beta, float *c, int ldc, long long strideC, int batches) {
    return stridedBatched("cublasSgemmStridedBatched", handle, transa, transb, m, n, k, alpha, a, lda, strideA, b,
                          ldb, strideB, beta, c, ldc, strideC, batches);
}

int cublasDgemmStridedBatched(void *handle, int transa, int transb, int m, int n, int k, const double *alpha,
                              const double *a, int lda, long long strideA, const double *b, int ldb,
                              long long strideB, const double *beta, double *c, int ldc, long long strideC,
                              int batches) {
    return stridedBatched("cublasDgemmStridedBatched", handle, transa, transb, m, n, k, alpha, a, lda, strideA, b,
                          ldb, strideB, beta, c, ldc, strideC, batches);
}

}  // extern "C"
