package dev.jgan.cuda;

import dev.jgan.core.backend.Operand;

import java.util.Optional;

/**
 * Matmul by cuBLAS ({@link Cublas}: JCublas or our shim), with the row-major trick of
 * {@link BlasLayout}: cuBLAS computes C^T = B^T A^T in column-major, which is C = A B in
 * row-major. Operands that BLAS cannot read in place (both strides above 1, broadcast rows) are
 * first copied contiguous; a batch whose matrices are evenly spaced (including broadcast,
 * spacing 0) is one strided-batched call, other batches one call per matrix.
 */
final class CublasMatmul implements MatmulEngine {
    private final Cublas cublas;

    CublasMatmul(Cublas cublas) {
        this.cublas = cublas;
    }

    @Override
    public String description() {
        return cublas.description();
    }

    @Override
    public synchronized void matmul(CudaBackend backend, Operand a, Operand b, Operand out) {
        MatmulProblem p = MatmulProblem.of(a, b, out);
        if (p.isEmpty()) {
            return;
        }
        if (p.k() == 0) {
            backend.fill(out, 0.0);
            return;
        }
        int rank = out.dim();
        Operand aReady = readable(backend, a, rank);
        Operand bReady = readable(backend, b, rank);
        boolean outDirect = layout(out, rank).map(BlasLayout::rowMajor).orElse(false);
        Operand c = outDirect ? out : Operand.empty(backend, out.dtype(), out.shape());
        MatmulProblem q = MatmulProblem.of(aReady, bReady, c);
        BlasLayout la = layout(aReady, rank).orElseThrow();
        BlasLayout lb = layout(bReady, rank).orElseThrow();
        BlasLayout lc = layout(c, rank).orElseThrow();
        int[] aPos = q.batch().positions(MatmulProblem.A);
        int[] bPos = q.batch().positions(MatmulProblem.B);
        int[] cPos = q.batch().positions(MatmulProblem.OUT);
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

    /**
     * One (strided-batched) call computing C^T = B^T A^T: B's row-major matrix is cuBLAS's
     * column-major B^T, so it comes first, with n and m swapped. Offsets and steps are in elements.
     */
    private void gemm(CudaBackend backend, MatmulProblem q, BlasLayout lb, BlasLayout la, BlasLayout lc,
                      Operand b, Operand a, Operand c, int bOffset, int aOffset, int cOffset,
                      long bStep, long aStep, long cStep, int batches) {
        long bytes = c.dtype().bytes();
        cublas.gemm(c.dtype(), !lb.rowMajor(), !la.rowMajor(), q.n(), q.m(), q.k(),
                new Cublas.Operand(backend.memory(b), bOffset * bytes, lb.ld(), bStep),
                new Cublas.Operand(backend.memory(a), aOffset * bytes, la.ld(), aStep),
                new Cublas.Operand(backend.memory(c), cOffset * bytes, lc.ld(), cStep), batches);
    }

    /** The operand itself if BLAS can read it in place, else a contiguous copy. */
    private static Operand readable(CudaBackend backend, Operand t, int rank) {
        if (layout(t, rank).isPresent()) {
            return t;
        }
        Operand copy = Operand.empty(backend, t.dtype(), t.shape());
        backend.copy(t, copy);
        return copy;
    }

    private static Optional<BlasLayout> layout(Operand t, int rank) {
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
