package dev.jgan.core.backend.cpu;

/**
 * A 4 x 4 register tile in plain Java: sixteen float locals that the JIT keeps in registers, so
 * each step of p loads 4 elements of A and 4 of B (8 loads) for 16 multiply-adds, where the
 * plain loop loads 2 per multiply-add. It is the fallback when the Vector API module is absent,
 * and the "register tile" rung of the matmul ladder. {@code Math.fma} compiles to one FMA
 * instruction on every x86 core these machines have.
 */
final class ScalarMicroKernel implements MicroKernel {
    static final ScalarMicroKernel INSTANCE = new ScalarMicroKernel();

    private ScalarMicroKernel() {
    }

    @Override
    public int rows() {
        return 4;
    }

    @Override
    public int cols() {
        return 4;
    }

    @Override
    public String describe() {
        return "scalar 4x4";
    }

    /**
     * Packs the tile's four rows (a few kilobytes) and runs the packed tile on them: the same FMA
     * steps, so the same bits. This kernel is the fallback without the Vector API, where the
     * in-place reading's speed matters little, and one copy of the tile's loop stays the one
     * chapter 12 quotes.
     */
    @Override
    public void runOnRows(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                          boolean accumulate) {
        float[] sliver = PackingScratch.borrow(4 * kc);
        for (int p = 0; p < kc; p++) {
            for (int r = 0; r < 4; r++) {
                sliver[4 * p + r] = a[aOff + r * lda + p];
            }
        }
        run(kc, sliver, 0, bp, bpOff, c, cOff, ldc, accumulate);
        PackingScratch.giveBack(sliver);
    }

    @Override
    public void run(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc, boolean accumulate) {
        int c0 = cOff;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        if (accumulate) {
            c00 = c[c0]; c01 = c[c0 + 1]; c02 = c[c0 + 2]; c03 = c[c0 + 3];
            c10 = c[c1]; c11 = c[c1 + 1]; c12 = c[c1 + 2]; c13 = c[c1 + 3];
            c20 = c[c2]; c21 = c[c2 + 1]; c22 = c[c2 + 2]; c23 = c[c2 + 3];
            c30 = c[c3]; c31 = c[c3 + 1]; c32 = c[c3 + 2]; c33 = c[c3 + 3];
        }
        for (int p = 0; p < kc; p++) {
            int ai = apOff + 4 * p;
            int bi = bpOff + 4 * p;
            float a0 = ap[ai], a1 = ap[ai + 1], a2 = ap[ai + 2], a3 = ap[ai + 3];
            float b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
            c00 = Math.fma(a0, b0, c00); c01 = Math.fma(a0, b1, c01); c02 = Math.fma(a0, b2, c02); c03 = Math.fma(a0, b3, c03);
            c10 = Math.fma(a1, b0, c10); c11 = Math.fma(a1, b1, c11); c12 = Math.fma(a1, b2, c12); c13 = Math.fma(a1, b3, c13);
            c20 = Math.fma(a2, b0, c20); c21 = Math.fma(a2, b1, c21); c22 = Math.fma(a2, b2, c22); c23 = Math.fma(a2, b3, c23);
            c30 = Math.fma(a3, b0, c30); c31 = Math.fma(a3, b1, c31); c32 = Math.fma(a3, b2, c32); c33 = Math.fma(a3, b3, c33);
        }
        c[c0] = c00; c[c0 + 1] = c01; c[c0 + 2] = c02; c[c0 + 3] = c03;
        c[c1] = c10; c[c1 + 1] = c11; c[c1 + 2] = c12; c[c1 + 3] = c13;
        c[c2] = c20; c[c2 + 1] = c21; c[c2 + 2] = c22; c[c2 + 3] = c23;
        c[c3] = c30; c[c3 + 1] = c31; c[c3 + 2] = c32; c[c3 + 3] = c33;
    }
}
