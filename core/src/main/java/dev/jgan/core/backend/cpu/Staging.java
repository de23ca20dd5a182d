package dev.jgan.core.backend.cpu;

/**
 * Why every fast loop indexes all its arrays with one and the same variable, and what the fast
 * paths do when the data do not line up that way.
 *
 * <p>HotSpot's C2 compiler (Java 17) turns {@code o[i] = a[i] + b[i]} into SIMD instructions,
 * but not {@code o[oo + i] = a[ao + i] + b[bo + i]}: with different offsets it cannot prove that
 * the arrays do not overlap, so it keeps the scalar loop, 3 to 7 times slower (measured on
 * add and leakyRelu). So the fast paths run their loops over an index range that all arrays
 * share. When an operand starts elsewhere (a view with an offset, a bias row repeated over a
 * batch, one row of a reduction), they copy it piece by piece into small scratch arrays that
 * start at index 0, run the loop there, and copy the result back: {@code System.arraycopy} is
 * itself vectorized, and the pieces stay in L1. Where the Vector API is there, which loads and
 * stores at any index, the arithmetic of {@link FastBinary} and the middle-dim sums of
 * {@link FastReduce} read such operands in place instead ({@link VectorArithmetic}).
 */
final class Staging {
    /** Floats per staged piece: a few arrays of 4 KiB fit in L1 together. */
    static final int PIECE = 1024;

    private Staging() {
    }
}
