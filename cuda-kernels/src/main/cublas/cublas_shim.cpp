// cublas_shim.cpp: the JNI library (libjgan_cublas_shim.so) through which CublasShim calls
// cuBLAS where JCublas cannot: JCublas 12.6 links against libcublas.so.12 with symbol versions
// tagged libcublas.so.12, so on a machine with only CUDA 13 (libcublas.so.13) it does not load,
// and no JCuda for CUDA 13 exists. This file dlopen()s whichever cuBLAS it is given
// (libcublas.so.13, .so.12, a full path, or a fake for tests) and resolves the few entry points
// it needs by name, so it has no link-time dependency on CUDA and builds with g++ alone.
//
// JNI rather than Java's FFM API: the project targets Java 17, where FFM is not final (it is
// final from Java 22), and the emulator already shows how a small g++-built JNI library is
// built, loaded from the class path and tested here.
//
// No CUDA headers: the types below are declared here, as cublas_api.h (CUDA 12 and 13 agree)
// declares them, so that this builds on machines without the CUDA toolkit (CI builds it and
// tests it against a fake libcublas). Only the 32-bit-int entry points are used (not the _64
// ILP64 ones); alpha and beta are host pointers (the default CUBLAS_POINTER_MODE_HOST).
#include <jni.h>
#include <dlfcn.h>

#include <cstdint>
#include <string>

namespace {

typedef int cublasStatus_t;                        // enum; 0 is CUBLAS_STATUS_SUCCESS
typedef int cublasOperation_t;                     // enum; CUBLAS_OP_N = 0, CUBLAS_OP_T = 1
typedef struct cublasContext *cublasHandle_t;      // opaque
typedef struct CUstream_st *cudaStream_t;          // opaque; the same object as the driver API's CUstream

typedef cublasStatus_t (*CreateFn)(cublasHandle_t *);
typedef cublasStatus_t (*SetStreamFn)(cublasHandle_t, cudaStream_t);
typedef cublasStatus_t (*GetVersionFn)(cublasHandle_t, int *);
template <typename T>
using GemmFn = cublasStatus_t (*)(cublasHandle_t, cublasOperation_t, cublasOperation_t, int, int, int,
                                  const T *, const T *, int, const T *, int, const T *, T *, int);
template <typename T>
using GemmStridedBatchedFn = cublasStatus_t (*)(cublasHandle_t, cublasOperation_t, cublasOperation_t, int, int,
                                                int, const T *, const T *, int, long long, const T *, int,
                                                long long, const T *, T *, int, long long, int);

struct Library {
    void *handle;
    CreateFn create;
    SetStreamFn setStream;
    GetVersionFn getVersion;  // may be null: only for the description
    GemmFn<float> sgemm;
    GemmFn<double> dgemm;
    GemmStridedBatchedFn<float> sgemmStridedBatched;
    GemmStridedBatchedFn<double> dgemmStridedBatched;
};

const char *statusName(cublasStatus_t status) {
    switch (status) {
        case 0: return "CUBLAS_STATUS_SUCCESS";
        case 1: return "CUBLAS_STATUS_NOT_INITIALIZED";
        case 3: return "CUBLAS_STATUS_ALLOC_FAILED";
        case 7: return "CUBLAS_STATUS_INVALID_VALUE";
        case 8: return "CUBLAS_STATUS_ARCH_MISMATCH";
        case 11: return "CUBLAS_STATUS_MAPPING_ERROR";
        case 13: return "CUBLAS_STATUS_EXECUTION_FAILED";
        case 14: return "CUBLAS_STATUS_INTERNAL_ERROR";
        case 15: return "CUBLAS_STATUS_NOT_SUPPORTED";
        case 16: return "CUBLAS_STATUS_LICENSE_ERROR";
        default: return "an unknown cuBLAS status";
    }
}

void throwIllegalState(JNIEnv *env, const std::string &message) {
    jclass type = env->FindClass("java/lang/IllegalStateException");
    if (type != nullptr) {
        env->ThrowNew(type, message.c_str());
    }
}

// Throws and returns false unless the call succeeded.
bool check(JNIEnv *env, const char *function, cublasStatus_t status) {
    if (status == 0) {
        return true;
    }
    throwIllegalState(env, std::string(function) + " returned " + statusName(status) + " (" +
                               std::to_string(status) + ")");
    return false;
}

template <typename Fn>
bool resolve(void *handle, const char *name, Fn &target, std::string &missing) {
    target = reinterpret_cast<Fn>(dlsym(handle, name));
    if (target == nullptr) {
        missing += missing.empty() ? name : std::string(", ") + name;
        return false;
    }
    return true;
}

Library *library(jlong address) {
    return reinterpret_cast<Library *>(static_cast<intptr_t>(address));
}

template <typename T>
void gemm(JNIEnv *env, cublasHandle_t handle, jint transa, jint transb, jint m, jint n, jint k,
          jdouble alpha, jlong a, jint lda, jlong strideA, jlong b, jint ldb, jlong strideB, jdouble beta, jlong c,
          jint ldc, jlong strideC, jint batches, GemmFn<T> one, GemmStridedBatchedFn<T> strided,
          const char *oneName, const char *stridedName) {
    const T alphaT = static_cast<T>(alpha);
    const T betaT = static_cast<T>(beta);
    const T *aPtr = reinterpret_cast<const T *>(static_cast<intptr_t>(a));
    const T *bPtr = reinterpret_cast<const T *>(static_cast<intptr_t>(b));
    T *cPtr = reinterpret_cast<T *>(static_cast<intptr_t>(c));
    if (batches == 1) {
        check(env, oneName, one(handle, transa, transb, m, n, k, &alphaT, aPtr, lda, bPtr, ldb, &betaT, cPtr, ldc));
    } else {
        check(env, stridedName, strided(handle, transa, transb, m, n, k, &alphaT, aPtr, lda, strideA, bPtr, ldb,
                                        strideB, &betaT, cPtr, ldc, strideC, batches));
    }
}

}  // namespace

extern "C" {

// Opens the cuBLAS library (a soname searched as dlopen searches, or a path) and resolves the
// entry points; returns the handle for the other calls, or throws with dlerror's text.
JNIEXPORT jlong JNICALL Java_dev_jgan_cuda_CublasShim_open(JNIEnv *env, jclass, jstring name) {
    const char *chars = env->GetStringUTFChars(name, nullptr);
    std::string file(chars);
    env->ReleaseStringUTFChars(name, chars);
    void *handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char *error = dlerror();
        throwIllegalState(env, error != nullptr ? error : (file + ": dlopen failed").c_str());
        return 0;
    }
    Library *lib = new Library{};
    lib->handle = handle;
    std::string missing;
    resolve(handle, "cublasCreate_v2", lib->create, missing);
    resolve(handle, "cublasSetStream_v2", lib->setStream, missing);
    resolve(handle, "cublasSgemm_v2", lib->sgemm, missing);
    resolve(handle, "cublasDgemm_v2", lib->dgemm, missing);
    resolve(handle, "cublasSgemmStridedBatched", lib->sgemmStridedBatched, missing);
    resolve(handle, "cublasDgemmStridedBatched", lib->dgemmStridedBatched, missing);
    std::string optional;
    resolve(handle, "cublasGetVersion_v2", lib->getVersion, optional);
    if (!missing.empty()) {
        dlclose(handle);
        delete lib;
        throwIllegalState(env, file + " lacks the cuBLAS entry points " + missing);
        return 0;
    }
    return static_cast<jlong>(reinterpret_cast<intptr_t>(lib));
}

JNIEXPORT jlong JNICALL Java_dev_jgan_cuda_CublasShim_create(JNIEnv *env, jclass, jlong lib) {
    cublasHandle_t handle = nullptr;
    if (!check(env, "cublasCreate_v2", library(lib)->create(&handle))) {
        return 0;
    }
    return static_cast<jlong>(reinterpret_cast<intptr_t>(handle));
}

JNIEXPORT void JNICALL Java_dev_jgan_cuda_CublasShim_setStream(JNIEnv *env, jclass, jlong lib, jlong handle,
                                                                jlong stream) {
    check(env, "cublasSetStream_v2",
          library(lib)->setStream(reinterpret_cast<cublasHandle_t>(static_cast<intptr_t>(handle)),
                                  reinterpret_cast<cudaStream_t>(static_cast<intptr_t>(stream))));
}

// cuBLAS's version (e.g. 130100 for 13.1.0), or -1 when the library does not say.
JNIEXPORT jint JNICALL Java_dev_jgan_cuda_CublasShim_version(JNIEnv *env, jclass, jlong lib, jlong handle) {
    Library *l = library(lib);
    int version = -1;
    if (l->getVersion != nullptr &&
        !check(env, "cublasGetVersion_v2",
               l->getVersion(reinterpret_cast<cublasHandle_t>(static_cast<intptr_t>(handle)), &version))) {
        return -1;
    }
    return version;
}

// C = alpha op(A) op(B) + beta C in cuBLAS's column-major terms; one matrix calls cublas?gemm_v2,
// several cublas?gemmStridedBatched. Addresses are device pointers.
JNIEXPORT void JNICALL Java_dev_jgan_cuda_CublasShim_gemm(JNIEnv *env, jclass, jlong lib, jlong handle,
                                                           jboolean doublePrecision, jint transa, jint transb,
                                                           jint m, jint n, jint k, jdouble alpha, jlong a,
                                                           jint lda, jlong strideA, jlong b, jint ldb,
                                                           jlong strideB, jdouble beta, jlong c, jint ldc,
                                                           jlong strideC, jint batches) {
    Library *l = library(lib);
    cublasHandle_t h = reinterpret_cast<cublasHandle_t>(static_cast<intptr_t>(handle));
    if (doublePrecision) {
        gemm<double>(env, h, transa, transb, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc,
                     strideC, batches, l->dgemm, l->dgemmStridedBatched, "cublasDgemm_v2",
                     "cublasDgemmStridedBatched");
    } else {
        gemm<float>(env, h, transa, transb, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc,
                    strideC, batches, l->sgemm, l->sgemmStridedBatched, "cublasSgemm_v2",
                    "cublasSgemmStridedBatched");
    }
}

}  // extern "C"
