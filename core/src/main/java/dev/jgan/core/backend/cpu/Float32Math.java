package dev.jgan.core.backend.cpu;

/**
 * The engine's float32 exp, log, tanh and sigmoid: the reference definition that every CPU
 * path returns bit for bit. Each is a range reduction and a short polynomial (the forms of
 * Moshier's Cephes library), written only with operations that IEEE 754 and Java specify
 * exactly: float adds, multiplies, divides, {@code Math.fma}, comparisons and bit moves. So the
 * result is the same on every CPU, and {@link VectorFloat32Math}, which does the same
 * operations in the same order on whole SIMD registers, returns the same bits as these scalar
 * functions. Both are tested against {@code Math}'s double functions rounded to float: within 2
 * units in the last place over a dense sweep of the floats, and exact on the special values.
 *
 * <p>Why not {@code (float) Math.exp(x)}: it is correctly rounded more often, but it is a
 * scalar call into double code, about 30 times slower than the vector form of these.
 */
final class Float32Math {
    /** log2(e). */
    static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split in two (Cody and Waite): HI has 9 significant bits, so n * HI is exact for |n| < 2^15. */
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** exp's input is clamped to [EXP_LOW, EXP_HIGH]: beyond them the result is 0 or infinity anyway. */
    static final float EXP_HIGH = 89f;
    static final float EXP_LOW = -104f;
    /** 1.5 * 2^23: adding and subtracting it rounds a float of magnitude below 2^22 to an integer, ties to even. */
    static final float ROUNDER = 12582912f;
    /** exp's polynomial, from the x^5 term down to x^0 of (e^r - 1 - r) / r^2 (Cephes expf). */
    static final float E5 = 1.9875691500e-4f, E4 = 1.3981999507e-3f, E3 = 8.3334519073e-3f,
            E2 = 4.1665795894e-2f, E1 = 1.6666665459e-1f, E0 = 5.0000001201e-1f;
    /** log's polynomial in m, highest power first (Cephes logf). */
    static final float L8 = 7.0376836292e-2f, L7 = -1.1514610310e-1f, L6 = 1.1676998740e-1f,
            L5 = -1.2420140846e-1f, L4 = 1.4249322787e-1f, L3 = -1.6668057665e-1f,
            L2 = 2.0000714765e-1f, L1 = -2.4999993993e-1f, L0 = 3.3333331174e-1f;
    /** sqrt(1/2): log's mantissa is kept in [sqrt(1/2), sqrt(2)). */
    static final float SQRT_HALF = 0.707106781186547524f;
    /** 2^-126, the smallest normal float; and 2^23, which lifts a subnormal into the normals. */
    static final float MIN_NORMAL = 0x1p-126f;
    static final float TWO_TO_23 = 0x1p23f;
    /** Below this |x|, tanh is x + x^3 P(x^2); above, 1 - 2 / (e^(2|x|) + 1). */
    static final float TANH_SMALL = 0.625f;
    /** tanh's odd polynomial in x^2 (Cephes tanhf), highest power first. */
    static final float T4 = -5.70498872745e-3f, T3 = 2.06390887954e-2f, T2 = -5.37397155531e-2f,
            T1 = 1.33314422036e-1f, T0 = -3.33332819422e-1f;

    /** The polynomials' coefficients, highest power first, as {@link #horner} takes them. */
    private static final float[] EXP_POLYNOMIAL = {E5, E4, E3, E2, E1, E0};
    private static final float[] LOG_POLYNOMIAL = {L8, L7, L6, L5, L4, L3, L2, L1, L0};
    private static final float[] TANH_POLYNOMIAL = {T4, T3, T2, T1, T0};

    private Float32Math() {
    }

    /** c[0] x^(n-1) + ... + c[n-1] by Horner's rule, one FMA per step: the order the vector form follows. */
    static float horner(float x, float[] c) {
        float p = c[0];
        for (int i = 1; i < c.length; i++) {
            p = Math.fma(p, x, c[i]);
        }
        return p;
    }

    /** e^x: x = n ln 2 + r with |r| <= ln 2 / 2, e^r from a polynomial, times 2^n in two steps (so subnormal results round once). */
    static float exp(float x) {
        if (x != x) {
            return x;
        }
        float c = Math.min(Math.max(x, EXP_LOW), EXP_HIGH);
        float shifted = c * LOG2E + ROUNDER;
        float n = shifted - ROUNDER;
        float r = Math.fma(n, -LN2_HI, c);
        r = Math.fma(n, -LN2_LO, r);
        float p = horner(r, EXP_POLYNOMIAL);
        float y = Math.fma(p, r * r, r) + 1f;
        // n is an integer of magnitude below 2^22, so shifted's low bits hold it: the same k as (int) n.
        int k = Float.floatToRawIntBits(shifted) - Float.floatToRawIntBits(ROUNDER);
        int half = k >> 1;
        return y * powerOfTwo(half) * powerOfTwo(k - half);
    }

    /** 2^k for -127 < k < 128, from its bits. */
    static float powerOfTwo(int k) {
        return Float.intBitsToFloat((k + 127) << 23);
    }

    /**
     * ln x: x = 2^e m with m in [sqrt(1/2), sqrt(2)), ln m = f - f^2/2 + f^3 P(f) with f = m - 1,
     * plus e ln 2 in two pieces. Subnormals are first lifted by 2^23.
     */
    static float log(float x) {
        if (!(x > 0) || x == Float.POSITIVE_INFINITY) {
            // NaN and -x give NaN, +-0 gives -infinity, +infinity itself: Math.log's rules.
            return x == 0 ? Float.NEGATIVE_INFINITY : x == Float.POSITIVE_INFINITY ? x : Float.NaN;
        }
        boolean subnormal = x < MIN_NORMAL;
        float lifted = subnormal ? x * TWO_TO_23 : x;
        int bits = Float.floatToRawIntBits(lifted);
        // m in [0.5, 1): the exponent field of 0.5 over x's mantissa.
        float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f000000);
        float e = (float) ((bits >>> 23) - 126 - (subnormal ? 23 : 0));
        boolean low = m < SQRT_HALF;
        float f = low ? (m + m) - 1f : m - 1f;
        e = low ? e - 1f : e;
        float z = f * f;
        float p = horner(f, LOG_POLYNOMIAL);
        float y = f * z * p;
        y = Math.fma(e, LN2_LO, y);
        y = Math.fma(-0.5f, z, y);
        return Math.fma(e, LN2_HI, f + y);
    }

    /**
     * tanh x: an odd polynomial near 0, else 1 - 2 / (e^(2|x|) + 1); either way given x's sign
     * at the end, which also keeps tanh(-0) = -0 (the polynomial's sum would make it +0).
     */
    static float tanh(float x) {
        float a = Math.abs(x);
        float t;
        if (a < TANH_SMALL) {
            float z = x * x;
            float p = horner(z, TANH_POLYNOMIAL);
            t = Math.fma(x * z, p, x);
        } else {
            t = 1f - 2f / (exp(a + a) + 1f);
        }
        return Math.copySign(t, x);
    }

    /**
     * 1 / (1 + e^-x), written with e = e^-|x| so that e never overflows: 1 / (1 + e) for x >= 0,
     * e / (1 + e) for x < 0 (where 1 / (1 + e^-x) would make e^-x infinite and the result 0
     * already at x = -88.8, while the true value is a normal float down to -87 and a subnormal to
     * -103). The rounding error of 1 + e is carried into the quotient (q + (num - q d - q err) / d),
     * which takes the worst case from 2.3 to under 2 units in the last place.
     */
    static float sigmoid(float x) {
        float e = exp(-Math.abs(x));
        float d = 1f + e;
        // 1 + e = d + err exactly, since 1 >= e (Dekker's Fast2Sum).
        float err = (1f - d) + e;
        float num = x < 0 ? e : 1f;
        float q = num / d;
        float residual = Math.fma(-q, d, num);
        return q + Math.fma(-q, err, residual) / d;
    }

    /** Softmax sums the exponentials of a row in this many float partial sums, element j into sum j mod 8. */
    static final int SOFTMAX_PARTIAL_SUMS = 8;

    /**
     * Softmax (log: log-softmax) of one row of len floats: m = max x, e_j = exp(x_j - m), the
     * e_j summed into {@link #SOFTMAX_PARTIAL_SUMS} float partial sums (j mod 8) that are then added
     * pairwise; out_j = e_j / sum, or (x_j - m) - log(sum). Eight partial sums are what one 256-bit
     * register adds in a step, so {@link VectorFloat32Math#softmaxRow} sums in exactly this order on
     * every CPU; a float sum of a row of a thousand is good to about 1e-6 relative. {@code exps}
     * is scratch of at least len floats.
     */
    static void softmaxRow(float[] x, int xo, float[] o, int oo, int len, boolean log, float[] exps) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            max = Math.max(max, x[xo + j]);
        }
        float[] partial = new float[SOFTMAX_PARTIAL_SUMS];
        for (int j = 0; j < len; j++) {
            exps[j] = exp(x[xo + j] - max);
            partial[j % SOFTMAX_PARTIAL_SUMS] += exps[j];
        }
        float sum = pairwiseSum(partial);
        float logSum = log ? log(sum) : 0f;
        for (int j = 0; j < len; j++) {
            o[oo + j] = log ? (x[xo + j] - max) - logSum : exps[j] / sum;
        }
    }

    /** ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)). */
    static float pairwiseSum(float[] s) {
        return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    }
}
