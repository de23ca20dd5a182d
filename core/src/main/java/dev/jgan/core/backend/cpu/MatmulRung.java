package dev.jgan.core.backend.cpu;

/**
 * The float32 matmul at each rung of the ladder from the textbook loop to the default fast path,
 * so that benchmarks and chapter 12 time exactly the code the engine runs. Every rung computes
 * {@code c = a b} on row-major {@code [m, k] @ [k, n]} arrays. Every rung adds the products of
 * each element of C in increasing k with fused multiply-adds ({@code Math.fma} in the loops,
 * {@code FloatVector.fma} in the SIMD tile), so they all return identical bits; tests check that.
 */
public enum MatmulRung {
    /** One dot product per element of C: the row of A is read in order, the column of B with stride n. */
    NAIVE("naive i-j-k loop, 1 thread"),
    /** The previous fast path ({@link BlockedMatmul}) on one thread: cache blocks, four rows of C per pass. */
    BLOCKED("cache-blocked i-k-j, 4 rows per pass, 1 thread"),
    /** The previous fast path as the engine ran it: rows split across the cores. */
    BLOCKED_THREADED("cache-blocked i-k-j, 4 rows per pass, threaded (the previous default)"),
    /** Packed panels and a 4 x 4 register tile in plain Java, 1 thread. */
    REGISTER_TILE(null),
    /** Packed panels and the Vector API register tile, 1 thread (the scalar tile without the module). */
    SIMD(null),
    /** The default fast path: SIMD on every core. */
    SIMD_THREADED(null);

    private final String fixedDescription;

    MatmulRung(String fixedDescription) {
        this.fixedDescription = fixedDescription;
    }

    /** Floats per SIMD register in the vector kernels (16 with AVX-512, 8 with AVX2); 1 without the Vector API. */
    public static int vectorLanes() {
        return MicroKernels.lanes();
    }

    /** What this rung runs in this JVM, e.g. "packed, vector FMA 8x32 (512-bit), threaded". */
    public String describe() {
        return fixedDescription != null ? fixedDescription : "packed, " + packed().describe();
    }

    /** {@code c[i*n + j] = sum_p a[i*k + p] * b[p*n + j]}; c is overwritten. */
    public void multiply(float[] a, float[] b, float[] c, int m, int k, int n) {
        if (a.length < m * k || b.length < k * n || c.length < m * n) {
            throw new IllegalArgumentException("matmul " + this + ": [" + m + ", " + k + "] @ [" + k + ", " + n
                    + "] needs arrays of " + m * k + ", " + k * n + " and " + m * n + " floats, got "
                    + a.length + ", " + b.length + " and " + c.length);
        }
        switch (this) {
            case NAIVE -> naive(a, b, c, m, k, n);
            case BLOCKED -> BlockedMatmul.multiplyOnOneThread(a, 0, b, 0, c, 0, m, k, n);
            case BLOCKED_THREADED -> BlockedMatmul.multiply(a, 0, b, 0, c, 0, m, k, n);
            default -> packed().multiply(a, 0, k, 1, b, 0, n, 1, c, 0, m, k, n);
        }
    }

    private PackedMatmul packed() {
        return switch (this) {
            case REGISTER_TILE -> new PackedMatmul(ScalarMicroKernel.INSTANCE, false);
            case SIMD -> new PackedMatmul(MicroKernels.best(), false);
            case SIMD_THREADED -> PackedMatmul.DEFAULT;
            default -> throw new IllegalStateException(this + " is not a packed rung");
        };
    }

    private static void naive(float[] a, float[] b, float[] c, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma(a[i * k + p], b[p * n + j], sum);
                }
                c[i * n + j] = sum;
            }
        }
    }
}
