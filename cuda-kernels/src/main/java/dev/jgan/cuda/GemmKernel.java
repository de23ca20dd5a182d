package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.cuda.driver.Dim3;

/**
 * The rungs of the matrix-multiply ladder in sgemm.cu, with the launch shape each expects.
 * The shapes are fixed by the kernels' tile constants (GEMM_TILE, GEMM_BM, ...) and must move
 * with them.
 */
public enum GemmKernel {
    /** One thread per element of C, threadIdx.x down a column: uncoalesced. */
    NAIVE("naive", Dim3.of(32, 8)) {
        @Override
        Dim3 grid(int m, int n, int batches) {
            return Dim3.of(ceilDiv(m, 32), ceilDiv(n, 8), batches);
        }
    },
    /** One thread per element of C, threadIdx.x along a row: coalesced. */
    COALESCED("coalesced", Dim3.of(32, 8)) {
        @Override
        Dim3 grid(int m, int n, int batches) {
            return Dim3.of(ceilDiv(n, 32), ceilDiv(m, 8), batches);
        }
    },
    /** 16 x 16 tiles staged in shared memory. */
    SHARED("shared", Dim3.of(16, 16)) {
        @Override
        Dim3 grid(int m, int n, int batches) {
            return Dim3.of(ceilDiv(n, 16), ceilDiv(m, 16), batches);
        }
    },
    /** 64 x 64 tiles, 8 x 8 outputs per thread in registers. */
    BLOCKTILE_2D("blocktile_2d", Dim3.of(64)) {
        @Override
        Dim3 grid(int m, int n, int batches) {
            return Dim3.of(ceilDiv(n, 64), ceilDiv(m, 64), batches);
        }
    };

    /** gridDim.z is limited to 65535 on every GPU; larger batches are launched in chunks. */
    static final int MAX_BATCHES_PER_LAUNCH = 65535;

    private final String suffix;
    private final Dim3 block;

    GemmKernel(String suffix, Dim3 block) {
        this.suffix = suffix;
        this.block = block;
    }

    /** The rung named as in the property jgan.cuda.matmul: naive, coalesced, shared or blocktile_2d. */
    public static GemmKernel parse(String name) {
        for (GemmKernel kernel : values()) {
            if (kernel.suffix.equals(name)) {
                return kernel;
            }
        }
        throw new IllegalArgumentException("matmul kernel '" + name
                + "': expected naive, coalesced, shared or blocktile_2d");
    }

    /** sgemm_... for float32, dgemm_... for float64. */
    String kernelName(DType dtype) {
        return (dtype == DType.FLOAT32 ? "sgemm_" : "dgemm_") + suffix;
    }

    Dim3 block() {
        return block;
    }

    /** The grid for C of m x n and {@code batches} matrices (at most {@link #MAX_BATCHES_PER_LAUNCH}). */
    abstract Dim3 grid(int m, int n, int batches);

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
