package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.Operand;

import java.util.Arrays;

/**
 * The float32 fast path of the binary kernels, for operands laid out as {@link DenseOperand}
 * describes (contiguous, scalar, repeated row, repeated column; anything else is packed first).
 *
 * <p>The output is walked in segments that lie inside one block of the broadcast pattern; along
 * a segment each operand is either a run of consecutive floats or one fixed float, so every
 * segment is one of three plain loops: vector-vector, vector-scalar, scalar-vector, each with
 * the op chosen outside it. When the runs start where the output's segment starts (contiguous
 * operands of the same offset, the usual case) the loop runs on the arrays themselves; else
 * (a bias row, a view with an offset) +, -, *, / and the comparisons read the runs in place with
 * the Vector API ({@link VectorArithmetic}), and the other ops run on staged copies, see
 * {@link Staging}. The comparisons take the Vector API's loops even where the runs line up: C2
 * keeps their loop scalar, with a branch. Float
 * arithmetic gives exactly the reference's result here: the double result of +, -, *, / on two
 * floats rounds to the same float.
 */
final class FastBinary {
    /** pow goes through Math.pow in double, element by element. */
    private static final long POW_COST = 16;

    private FastBinary() {
    }

    /** out = op(a, b); false (nothing done) unless all three are float32. */
    static boolean tryRun(BinaryOp op, Operand a, Operand b, Operand out) {
        if (!(a.storage() instanceof CpuStorage.Floats) || !(b.storage() instanceof CpuStorage.Floats)
                || !(out.storage() instanceof CpuStorage.Floats)) {
            return false;
        }
        DenseOperand x = DenseOperand.of(a).widened();
        DenseOperand asIs = DenseOperand.of(b).widened();
        // Two different block patterns cannot share segments: then b is made plain.
        DenseOperand y = x.period() != 0 && asIs.period() != 0 && x.period() != asIs.period()
                ? DenseOperand.packed(b) : asIs;
        int n = out.numel();
        int period = Math.max(x.period(), y.period());
        int block = period == 0 ? Math.max(n, 1) : period;
        Destination dst = Destination.of(out);
        Parallel.forRange(n, op == BinaryOp.POW ? POW_COST : 1, (start, end) -> {
            float[][] scratch = null;
            for (int i = start; i < end; ) {
                int blockIndex = i / block;
                int place = i - blockIndex * block;
                int len = Math.min(block - place, end - i);
                int xi = x.start(blockIndex, place, i);
                int yi = y.start(blockIndex, place, i);
                int oi = dst.offset() + i;
                if ((!x.varies() || xi == oi) && (!y.varies() || yi == oi)) {
                    segment(op, x, xi, y, yi, dst.data(), oi, oi + len);
                } else {
                    if (scratch == null && !readsInPlace(op)) {
                        scratch = new float[3][Math.min(Staging.PIECE, end - start)];
                    }
                    staged(op, x, xi, y, yi, dst.data(), oi, len, scratch);
                }
                i += len;
            }
        });
        dst.finish();
        return true;
    }

    /**
     * o[i] = op(x, y) for i in [from, to), where each operand is the array itself read at i (if
     * it varies along the segment) or its one element at xi or yi.
     */
    private static void segment(BinaryOp op, DenseOperand x, int xi, DenseOperand y, int yi, float[] o, int from, int to) {
        if (MicroKernels.VECTOR_API && VectorArithmetic.isComparison(op) && (x.varies() || y.varies())) {
            // C2 keeps a comparison loop scalar, with a branch; the Vector API's is branch-free.
            readInPlace(op, x, xi, y, yi, o, from, to - from);
            return;
        }
        if (x.varies() && y.varies()) {
            vectorVector(op, x.data(), y.data(), o, from, to);
        } else if (x.varies()) {
            vectorScalar(op, x.data(), y.data()[yi], o, from, to);
        } else if (y.varies()) {
            scalarVector(op, x.data()[xi], y.data(), o, from, to);
        } else {
            Arrays.fill(o, from, to, (float) ReferenceKernels.function(op).applyAsDouble(x.data()[xi], y.data()[yi]));
        }
    }

    /**
     * A segment whose runs start elsewhere than the output's: the runs are copied in pieces to
     * index 0 of scratch[0] and scratch[1], the result made in scratch[2] and copied out. A
     * segment where neither operand varies is never staged: it lines up trivially.
     */
    private static void staged(BinaryOp op, DenseOperand x, int xi, DenseOperand y, int yi, float[] o, int oi, int len,
                               float[][] scratch) {
        if (readsInPlace(op)) {
            // The Vector API reads each run where it lies: no copies (a bias row, a view's offset).
            readInPlace(op, x, xi, y, yi, o, oi, len);
            return;
        }
        float[] a = scratch[0];
        float[] b = scratch[1];
        float[] r = scratch[2];
        for (int p = 0; p < len; p += r.length) {
            int n = Math.min(r.length, len - p);
            if (x.varies()) {
                System.arraycopy(x.data(), xi + p, a, 0, n);
            }
            if (y.varies()) {
                System.arraycopy(y.data(), yi + p, b, 0, n);
            }
            if (x.varies() && y.varies()) {
                vectorVector(op, a, b, r, 0, n);
            } else if (x.varies()) {
                vectorScalar(op, a, y.data()[yi], r, 0, n);
            } else {
                scalarVector(op, x.data()[xi], b, r, 0, n);
            }
            System.arraycopy(r, 0, o, oi + p, n);
        }
    }

    /** A segment on {@link VectorArithmetic}, each varying run read where it starts (xi, yi), o from oi. */
    private static void readInPlace(BinaryOp op, DenseOperand x, int xi, DenseOperand y, int yi, float[] o, int oi,
                                    int len) {
        if (x.varies() && y.varies()) {
            VectorArithmetic.vectorVector(op, x.data(), xi, y.data(), yi, o, oi, len);
        } else if (x.varies()) {
            VectorArithmetic.vectorScalar(op, x.data(), xi, y.data()[yi], false, o, oi, len);
        } else {
            VectorArithmetic.vectorScalar(op, y.data(), yi, x.data()[xi], true, o, oi, len);
        }
    }

    /** Whether a segment that does not line up runs on {@link VectorArithmetic} rather than staged copies. */
    private static boolean readsInPlace(BinaryOp op) {
        return MicroKernels.VECTOR_API && VectorArithmetic.handles(op);
    }

    private static void vectorVector(BinaryOp op, float[] a, float[] b, float[] o, int from, int to) {
        switch (op) {
            case ADD -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] + b[i];
                }
            }
            case SUB -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] - b[i];
                }
            }
            case MUL -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] * b[i];
                }
            }
            case DIV -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] / b[i];
                }
            }
            case POW -> {
                for (int i = from; i < to; i++) {
                    o[i] = (float) Math.pow(a[i], b[i]);
                }
            }
            case MAXIMUM -> {
                for (int i = from; i < to; i++) {
                    o[i] = Math.max(a[i], b[i]);
                }
            }
            case MINIMUM -> {
                for (int i = from; i < to; i++) {
                    o[i] = Math.min(a[i], b[i]);
                }
            }
            case GT -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] > b[i] ? 1f : 0f;
                }
            }
            case GE -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] >= b[i] ? 1f : 0f;
                }
            }
            case LT -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] < b[i] ? 1f : 0f;
                }
            }
            case LE -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] <= b[i] ? 1f : 0f;
                }
            }
            case EQ -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] == b[i] ? 1f : 0f;
                }
            }
        }
    }

    private static void vectorScalar(BinaryOp op, float[] a, float b, float[] o, int from, int to) {
        switch (op) {
            case ADD -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] + b;
                }
            }
            case SUB -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] - b;
                }
            }
            case MUL -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] * b;
                }
            }
            case DIV -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] / b;
                }
            }
            case POW -> {
                for (int i = from; i < to; i++) {
                    o[i] = (float) Math.pow(a[i], b);
                }
            }
            case MAXIMUM -> {
                for (int i = from; i < to; i++) {
                    o[i] = Math.max(a[i], b);
                }
            }
            case MINIMUM -> {
                for (int i = from; i < to; i++) {
                    o[i] = Math.min(a[i], b);
                }
            }
            case GT -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] > b ? 1f : 0f;
                }
            }
            case GE -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] >= b ? 1f : 0f;
                }
            }
            case LT -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] < b ? 1f : 0f;
                }
            }
            case LE -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] <= b ? 1f : 0f;
                }
            }
            case EQ -> {
                for (int i = from; i < to; i++) {
                    o[i] = a[i] == b ? 1f : 0f;
                }
            }
        }
    }

    /**
     * A scalar on the left: the ops that do not care about order (including a comparison read
     * the other way round, a > b[i] being b[i] < a) reuse {@link #vectorScalar}; only sub, div
     * and pow need loops of their own.
     */
    private static void scalarVector(BinaryOp op, float a, float[] b, float[] o, int from, int to) {
        switch (op) {
            case ADD, MUL, MAXIMUM, MINIMUM, EQ -> vectorScalar(op, b, a, o, from, to);
            case GT -> vectorScalar(BinaryOp.LT, b, a, o, from, to);
            case GE -> vectorScalar(BinaryOp.LE, b, a, o, from, to);
            case LT -> vectorScalar(BinaryOp.GT, b, a, o, from, to);
            case LE -> vectorScalar(BinaryOp.GE, b, a, o, from, to);
            case SUB -> {
                for (int i = from; i < to; i++) {
                    o[i] = a - b[i];
                }
            }
            case DIV -> {
                for (int i = from; i < to; i++) {
                    o[i] = a / b[i];
                }
            }
            case POW -> {
                for (int i = from; i < to; i++) {
                    o[i] = (float) Math.pow(a, b[i]);
                }
            }
        }
    }
}
