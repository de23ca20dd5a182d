package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.BinaryOp;

import java.util.Arrays;

/**
 * The float32 fast path of the binary kernels, for operands laid out as {@link DenseOperand}
 * describes (contiguous, scalar, repeated row, repeated column; anything else is packed first).
 *
 * <p>The output is walked in segments that lie inside one block of the broadcast pattern; along
 * a segment each operand is either a run of consecutive floats or one fixed float, so every
 * segment is one of three plain loops: vector-vector, vector-scalar, scalar-vector. Each loop
 * has the op chosen outside it, which lets C2 vectorize it. Float arithmetic gives exactly the
 * reference's result here: the double result of +, -, *, / on two floats rounds to the same float.
 */
final class FastBinary {
    /** pow goes through Math.pow in double, element by element. */
    private static final long POW_COST = 16;

    private FastBinary() {
    }

    /** out = op(a, b); false (nothing done) unless all three are float32. */
    static boolean tryRun(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        if (!(a.storage() instanceof CpuStorage.Floats) || !(b.storage() instanceof CpuStorage.Floats)
                || !(out.storage() instanceof CpuStorage.Floats)) {
            return false;
        }
        DenseOperand x = DenseOperand.of(a);
        DenseOperand asIs = DenseOperand.of(b);
        // Two different block patterns cannot share segments: then b is made plain.
        DenseOperand y = x.period() != 0 && asIs.period() != 0 && x.period() != asIs.period()
                ? DenseOperand.packed(b) : asIs;
        int n = out.numel();
        int period = Math.max(x.period(), y.period());
        int block = period == 0 ? Math.max(n, 1) : period;
        Destination dst = Destination.of(out);
        Parallel.forRange(n, op == BinaryOp.POW ? POW_COST : 1, (start, end) -> {
            for (int i = start; i < end; ) {
                int blockIndex = i / block;
                int place = i - blockIndex * block;
                int len = Math.min(block - place, end - i);
                segment(op, x, x.start(blockIndex, place, i), y, y.start(blockIndex, place, i),
                        dst.data(), dst.offset() + i, len);
                i += len;
            }
        });
        dst.finish();
        return true;
    }

    private static void segment(BinaryOp op, DenseOperand x, int xi, DenseOperand y, int yi, float[] o, int oo, int n) {
        if (x.varies() && y.varies()) {
            vectorVector(op, x.data(), xi, y.data(), yi, o, oo, n);
        } else if (x.varies()) {
            vectorScalar(op, x.data(), xi, y.data()[yi], o, oo, n);
        } else if (y.varies()) {
            scalarVector(op, x.data()[xi], y.data(), yi, o, oo, n);
        } else {
            Arrays.fill(o, oo, oo + n, (float) CpuBackend.function(op).applyAsDouble(x.data()[xi], y.data()[yi]));
        }
    }

    private static void vectorVector(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] + b[bo + i];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] - b[bo + i];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] * b[bo + i];
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] / b[bo + i];
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (float) Math.pow(a[ao + i], b[bo + i]);
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.max(a[ao + i], b[bo + i]);
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.min(a[ao + i], b[bo + i]);
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] > b[bo + i] ? 1f : 0f;
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] >= b[bo + i] ? 1f : 0f;
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] < b[bo + i] ? 1f : 0f;
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] <= b[bo + i] ? 1f : 0f;
                }
            }
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] == b[bo + i] ? 1f : 0f;
                }
            }
        }
    }

    private static void vectorScalar(BinaryOp op, float[] a, int ao, float b, float[] o, int oo, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] + b;
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] - b;
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] * b;
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] / b;
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (float) Math.pow(a[ao + i], b);
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.max(a[ao + i], b);
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.min(a[ao + i], b);
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] > b ? 1f : 0f;
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] >= b ? 1f : 0f;
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] < b ? 1f : 0f;
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] <= b ? 1f : 0f;
                }
            }
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a[ao + i] == b ? 1f : 0f;
                }
            }
        }
    }

    /**
     * A scalar on the left: the ops that do not care about order (including a comparison read
     * the other way round, a > b[i] being b[i] < a) reuse {@link #vectorScalar}; only sub, div
     * and pow need loops of their own.
     */
    private static void scalarVector(BinaryOp op, float a, float[] b, int bo, float[] o, int oo, int n) {
        switch (op) {
            case ADD, MUL, MAXIMUM, MINIMUM, EQ -> vectorScalar(op, b, bo, a, o, oo, n);
            case GT -> vectorScalar(BinaryOp.LT, b, bo, a, o, oo, n);
            case GE -> vectorScalar(BinaryOp.LE, b, bo, a, o, oo, n);
            case LT -> vectorScalar(BinaryOp.GT, b, bo, a, o, oo, n);
            case LE -> vectorScalar(BinaryOp.GE, b, bo, a, o, oo, n);
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a - b[bo + i];
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = a / b[bo + i];
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (float) Math.pow(a, b[bo + i]);
                }
            }
        }
    }
}
