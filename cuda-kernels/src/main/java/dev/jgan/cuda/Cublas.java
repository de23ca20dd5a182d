package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.cuda.driver.DeviceMemory;
import dev.jgan.cuda.driver.GpuFailure;
import dev.jgan.cuda.driver.JCudaDriver;

/**
 * The one cuBLAS call {@link CublasMatmul} makes, by either of two paths: {@link JCublas}
 * (JCuda's bindings, which need cuBLAS 12) or {@link CublasShim} (our JNI library that
 * dlopen()s cuBLAS 13 or 12). Both compute, in cuBLAS's column-major terms,
 * C = op(A) op(B) for {@code batches} matrices spaced by their steps (in elements).
 */
interface Cublas {
    /** One matrix operand: a device block, a byte offset into it, the leading dimension, the step between batches. */
    record Operand(DeviceMemory memory, long byteOffset, int ld, long step) {
    }

    /** For people: which cuBLAS, reached how. */
    String description();

    /** C = op(A) op(B), column-major, {@code op} transposing when asked; float32 or float64. */
    void gemm(DType dtype, boolean transA, boolean transB, int m, int n, int k, Operand a, Operand b, Operand c,
              int batches);

    /**
     * cuBLAS for a GPU: JCublas where libcublas.so.12 loads, else our shim (libcublas.so.13, or
     * .12, or the library named by {@link CublasShim#LIBRARY_PROPERTY}); fails with one line naming
     * both reasons when neither works.
     */
    static Cublas open(JCudaDriver driver) {
        String jcublasFailure;
        try {
            return JCublas.open(driver);
        } catch (IllegalStateException | LinkageError e) {
            jcublasFailure = e.getMessage();
        }
        try {
            return CublasShim.open(driver);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(GpuFailure.noCublas(driver.description(), jcublasFailure, e.getMessage()), e);
        }
    }

}
