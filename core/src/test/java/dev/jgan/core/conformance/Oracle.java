package dev.jgan.core.conformance;

import dev.jgan.core.Shape;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.backend.UnaryOp;

import java.util.Arrays;

/**
 * What each elementwise op means, written from its definition in double precision, separately
 * from every backend: the conformance tests hold the CPU backend to it as much as the GPU one.
 */
public final class Oracle {
    private Oracle() {
    }

    public static double unary(UnaryOp op, double x, double p1, double p2) {
        return switch (op) {
            case NEG -> -x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case SQRT -> Math.sqrt(x);
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
            // NaN passes through, as in torch.relu and the CPU backend (Math.max).
            case RELU -> Math.max(x, 0.0);
            case LEAKY_RELU -> x > 0 ? x : p1 * x;
            case CLAMP -> Math.min(Math.max(x, p1), p2);
            case POW -> Math.pow(x, p1);
        };
    }

    public static double binary(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case EQ -> a == b ? 1 : 0;
        };
    }

    /**
     * Whether the op is exact in IEEE arithmetic: correctly rounded or no rounding at all, so
     * every backend must give the very same bits. The others (exp, log, tanh, pow) are only
     * accurate to an ulp or so and differ between math libraries; LEAKY_RELU's slope is rounded
     * to float32 on the GPU before the product.
     */
    public static boolean exact(UnaryOp op) {
        return switch (op) {
            case NEG, SQRT, ABS, SIGN, RELU, CLAMP -> true;
            case EXP, LOG, LOG1P, TANH, SIGMOID, LEAKY_RELU, POW -> false;
        };
    }

    public static boolean exact(BinaryOp op) {
        return op != BinaryOp.POW;
    }

    /**
     * Reduction of row-major {@code x} of {@code shape} over the masked dims, in the keepdim
     * layout, accumulated in double; NaN wins max and min.
     */
    public static double[] reduce(ReduceOp op, double[] x, int[] shape, boolean[] mask) {
        int[] outShape = shape.clone();
        for (int d = 0; d < shape.length; d++) {
            if (mask[d]) {
                outShape[d] = 1;
            }
        }
        double[] out = new double[Shape.numel(outShape)];
        Arrays.fill(out, op == ReduceOp.SUM ? 0 : op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        int[] outStrides = Shape.contiguousStrides(outShape);
        for (int linear = 0; linear < x.length; linear++) {
            int target = 0;
            int rest = linear;
            for (int d = shape.length - 1; d >= 0; d--) {
                int index = rest % shape[d];
                rest /= shape[d];
                target += mask[d] ? 0 : index * outStrides[d];
            }
            double v = x[linear];
            out[target] = switch (op) {
                case SUM -> out[target] + v;
                case MAX -> Double.isNaN(v) || v > out[target] ? v : out[target];
                case MIN -> Double.isNaN(v) || v < out[target] ? v : out[target];
            };
        }
        return out;
    }

    /** Softmax or log-softmax of row-major {@code x} of {@code shape} along {@code dim}. */
    public static double[] softmax(double[] x, int[] shape, int dim, boolean log) {
        double[] out = new double[x.length];
        int stride = Shape.contiguousStrides(shape)[dim];
        int len = shape[dim];
        for (int start = 0; start < x.length; start++) {
            if ((start / stride) % len != 0) {
                continue; // not the first element of its row
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < len; j++) {
                max = Math.max(max, x[start + j * stride]);
            }
            double sum = 0;
            for (int j = 0; j < len; j++) {
                sum += Math.exp(x[start + j * stride] - max);
            }
            for (int j = 0; j < len; j++) {
                double shifted = x[start + j * stride] - max;
                out[start + j * stride] = log ? shifted - Math.log(sum) : Math.exp(shifted) / sum;
            }
        }
        return out;
    }

    /**
     * Row-major batched products of [batches, m, k] and [batches, k, n]; {@code magnitude}
     * receives sum_k |a_ik b_kj| per output, the scale of its rounding error.
     */
    public static double[] matmul(double[] a, double[] b, int batches, int m, int k, int n, double[] magnitude) {
        double[] out = new double[batches * m * n];
        for (int z = 0; z < batches; z++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    double scale = 0;
                    for (int p = 0; p < k; p++) {
                        double product = a[(z * m + i) * k + p] * b[(z * k + p) * n + j];
                        sum += product;
                        scale += Math.abs(product);
                    }
                    out[(z * m + i) * n + j] = sum;
                    magnitude[(z * m + i) * n + j] = scale;
                }
            }
        }
        return out;
    }

    /**
     * im2col of a row-major image, from the definition: entry (b, (ch*kh + i)*kw + j, oy*OW + ox)
     * is pixel (oy*sh - ph + i*dh, ox*sw - pw + j*dw) of image (b, ch), 0 in the padding.
     */
    public static double[] im2col(double[] x, Windows g) {
        int oh = g.oh(), ow = g.ow(), rows = g.c() * g.kh() * g.kw();
        double[] cols = new double[g.n() * rows * oh * ow];
        for (int b = 0; b < g.n(); b++) {
            for (int row = 0; row < rows; row++) {
                int ch = row / (g.kh() * g.kw()), i = row / g.kw() % g.kh(), j = row % g.kw();
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int y = oy * g.sh() - g.ph() + i * g.dh();
                        int xx = ox * g.sw() - g.pw() + j * g.dw();
                        boolean inside = y >= 0 && y < g.h() && xx >= 0 && xx < g.w();
                        cols[(b * rows + row) * oh * ow + oy * ow + ox] =
                                inside ? x[((b * g.c() + ch) * g.h() + y) * g.w() + xx] : 0;
                    }
                }
            }
        }
        return cols;
    }

    /**
     * col2im as the adjoint of {@link #im2col}, written the other way round from the kernels:
     * every column entry is added (scattered) into the pixel it was copied from.
     */
    public static double[] col2im(double[] cols, Windows g) {
        int oh = g.oh(), ow = g.ow(), rows = g.c() * g.kh() * g.kw();
        double[] image = new double[g.n() * g.c() * g.h() * g.w()];
        for (int b = 0; b < g.n(); b++) {
            for (int row = 0; row < rows; row++) {
                int ch = row / (g.kh() * g.kw()), i = row / g.kw() % g.kh(), j = row % g.kw();
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int y = oy * g.sh() - g.ph() + i * g.dh();
                        int xx = ox * g.sw() - g.pw() + j * g.dw();
                        if (y >= 0 && y < g.h() && xx >= 0 && xx < g.w()) {
                            image[((b * g.c() + ch) * g.h() + y) * g.w() + xx] +=
                                    cols[(b * rows + row) * oh * ow + oy * ow + ox];
                        }
                    }
                }
            }
        }
        return image;
    }
}
