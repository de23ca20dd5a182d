package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.cuda.driver.GpuFailure;
import dev.jgan.cuda.driver.JCudaDriver;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.runtime.cudaStream_t;

import java.util.Optional;

import static jcuda.jcublas.JCublas2.cublasCreate;
import static jcuda.jcublas.JCublas2.cublasDgemmStridedBatched;
import static jcuda.jcublas.JCublas2.cublasSetStream;
import static jcuda.jcublas.JCublas2.cublasSgemmStridedBatched;

/**
 * Matmul by cuBLAS on a real GPU, with the row-major trick of {@link BlasLayout}: cuBLAS computes
 * C^T = B^T A^T in column-major, which is C = A B in row-major. Operands that BLAS cannot read in
 * place (both strides above 1, broadcast rows) are first copied contiguous; a batch whose
 * matrices are evenly spaced (including broadcast, spacing 0) is one strided-batched call,
 * other batches one call per matrix.
 */
final class CublasMatmul implements MatmulEngine {
    private final JCudaDriver driver;
    private final cublasHandle handle = new cublasHandle();

    /** Fails with one line of advice when cuBLAS cannot be loaded (JCublas 12 needs libcublas.so.12). */
    CublasMatmul(JCudaDriver driver) {
        this.driver = driver;
        try {
            JCublas2.setExceptionsEnabled(true);
            driver.makeCurrent();
            cublasCreate(handle);
            cublasSetStream(handle, new cudaStream_t(driver.stream()));
        } catch (LinkageError | CudaException e) {
            throw new IllegalStateException(GpuFailure.describe(driver.description(), e), e);
        }
    }

    @Override
    public String description() {
        return "cuBLAS";
    }

    @Override
    public synchronized void matmul(CudaBackend backend, Tensor a, Tensor b, Tensor out) {
        MatmulProblem p = MatmulProblem.of(a, b, out);
        if (p.isEmpty()) {
            return;
        }
        if (p.k() == 0) {
            backend.fill(out, 0.0);
            return;
        }
        int rank = out.dim();
        Tensor aReady = readable(backend, a, rank);
        Tensor bReady = readable(backend, b, rank);
        boolean outDirect = layout(out, rank).map(BlasLayout::rowMajor).orElse(false);
        Tensor c = outDirect ? out : Tensor.empty(backend, out.dtype(), out.shape());
        MatmulProblem q = MatmulProblem.of(aReady, bReady, c);
        BlasLayout la = layout(aReady, rank).orElseThrow();
        BlasLayout lb = layout(bReady, rank).orElseThrow();
        BlasLayout lc = layout(c, rank).orElseThrow();
        int[] aPos = q.batch().positions(MatmulProblem.A);
        int[] bPos = q.batch().positions(MatmulProblem.B);
        int[] cPos = q.batch().positions(MatmulProblem.OUT);
        driver.makeCurrent();
        long aStep = evenStep(aPos);
        long bStep = evenStep(bPos);
        long cStep = evenStep(cPos);
        if (aStep >= 0 && bStep >= 0 && cStep >= 0) {
            gemm(backend, q, lb, la, lc, bReady, aReady, c, bPos[0], aPos[0], cPos[0], bStep, aStep, cStep, cPos.length);
        } else {
            for (int i = 0; i < cPos.length; i++) {
                gemm(backend, q, lb, la, lc, bReady, aReady, c, bPos[i], aPos[i], cPos[i], 0, 0, 0, 1);
            }
        }
        if (!outDirect) {
            backend.copy(c, out);
        }
    }

    /** One (strided-batched) call computing C^T = B^T A^T; element offsets and steps are in elements. */
    private void gemm(CudaBackend backend, MatmulProblem q, BlasLayout lb, BlasLayout la, BlasLayout lc,
                      Tensor b, Tensor a, Tensor c, int bOffset, int aOffset, int cOffset,
                      long bStep, long aStep, long cStep, int batches) {
        int bytes = c.dtype().bytes();
        Pointer bPtr = driver.pointer(backend.memory(b), (long) bOffset * bytes);
        Pointer aPtr = driver.pointer(backend.memory(a), (long) aOffset * bytes);
        Pointer cPtr = driver.pointer(backend.memory(c), (long) cOffset * bytes);
        int opB = lb.rowMajor() ? cublasOperation.CUBLAS_OP_N : cublasOperation.CUBLAS_OP_T;
        int opA = la.rowMajor() ? cublasOperation.CUBLAS_OP_N : cublasOperation.CUBLAS_OP_T;
        if (c.dtype() == DType.FLOAT32) {
            Pointer one = Pointer.to(new float[]{1f});
            Pointer zero = Pointer.to(new float[]{0f});
            cublasSgemmStridedBatched(handle, opB, opA, q.n(), q.m(), q.k(), one, bPtr, lb.ld(), bStep,
                    aPtr, la.ld(), aStep, zero, cPtr, lc.ld(), cStep, batches);
        } else {
            Pointer one = Pointer.to(new double[]{1.0});
            Pointer zero = Pointer.to(new double[]{0.0});
            cublasDgemmStridedBatched(handle, opB, opA, q.n(), q.m(), q.k(), one, bPtr, lb.ld(), bStep,
                    aPtr, la.ld(), aStep, zero, cPtr, lc.ld(), cStep, batches);
        }
    }

    /** The operand itself if BLAS can read it in place, else a contiguous copy. */
    private static Tensor readable(CudaBackend backend, Tensor t, int rank) {
        if (layout(t, rank).isPresent()) {
            return t;
        }
        Tensor copy = Tensor.empty(backend, t.dtype(), t.shape());
        backend.copy(t, copy);
        return copy;
    }

    private static Optional<BlasLayout> layout(Tensor t, int rank) {
        return BlasLayout.of(t.size(rank - 2), t.size(rank - 1), t.stride(rank - 2), t.stride(rank - 1));
    }

    /** The common difference of increasing, evenly spaced positions (0 for one or a broadcast), else -1. */
    private static long evenStep(int[] positions) {
        if (positions.length < 2) {
            return 0;
        }
        long step = (long) positions[1] - positions[0];
        for (int i = 2; i < positions.length; i++) {
            if ((long) positions[i] - positions[i - 1] != step) {
                return -1;
            }
        }
        return step < 0 ? -1 : step;
    }
}
