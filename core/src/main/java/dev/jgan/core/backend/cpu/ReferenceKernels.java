package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.Operand;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.backend.UnaryOp;
import dev.jgan.core.ops.ConvGeometry;
import dev.jgan.core.random.Philox;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The CPU's reference loops, every kernel of the backend written the plain way and nothing
 * else: one pass over the logical elements through {@link StridedIndex}, arithmetic in double,
 * except where float32 has a definition of its own: exp, log, tanh, sigmoid and softmax
 * ({@link Float32Math}) and the multiply-adds of matmul ({@link Math#fma}). These loops define
 * what every fast path (the Fast* classes, {@link PackedMatmul}, {@link FastOptimizerLoops}) and
 * every other backend must compute; {@link CpuBackend#reference()} runs them alone. The fused
 * optimizer updates' reference loops are {@link FusedOptimizerLoops}.
 */
final class ReferenceKernels {
    private ReferenceKernels() {
    }

    /** Every element of out set to value. */
    static void fill(Operand out, double value) {
        CpuStorage o = storage(out);
        for (int p : StridedIndex.of(out)) {
            o.set(p, value);
        }
    }

    /** dst = src elementwise, converting the dtype. */
    static void copy(Operand src, Operand dst) {
        CpuStorage s = storage(src);
        CpuStorage d = storage(dst);
        int[] sp = StridedIndex.of(src);
        int[] dp = StridedIndex.of(dst);
        for (int i = 0; i < sp.length; i++) {
            d.set(dp[i], s.get(sp[i]));
        }
    }

    /** out = op(x), in double, rounded to out's dtype when stored (float32: {@link #float32Function}). */
    static void unary(UnaryOp op, Operand x, Operand out, double p1, double p2) {
        DoubleUnaryOperator f = out.dtype() == DType.FLOAT32 ? float32Function(op, p1, p2) : function(op, p1, p2);
        CpuStorage xs = storage(x);
        CpuStorage os = storage(out);
        int[] xp = StridedIndex.of(x);
        int[] op_ = StridedIndex.of(out);
        for (int i = 0; i < xp.length; i++) {
            os.set(op_[i], f.applyAsDouble(xs.get(xp[i])));
        }
    }

    /**
     * The float32 definition: exp, log, tanh and sigmoid are the engine's own float functions
     * ({@link Float32Math}, the same bits on every CPU and in the vectorized fast path); the
     * rest are the double functions below, rounded to float when stored.
     */
    static DoubleUnaryOperator float32Function(UnaryOp op, double p1, double p2) {
        return switch (op) {
            case EXP -> v -> Float32Math.exp((float) v);
            case LOG -> v -> Float32Math.log((float) v);
            case TANH -> v -> Float32Math.tanh((float) v);
            case SIGMOID -> v -> Float32Math.sigmoid((float) v);
            default -> function(op, p1, p2);
        };
    }

    static DoubleUnaryOperator function(UnaryOp op, double p1, double p2) {
        return switch (op) {
            case NEG -> v -> -v;
            case EXP -> Math::exp;
            case LOG -> Math::log;
            case LOG1P -> Math::log1p;
            case SQRT -> Math::sqrt;
            case ABS -> Math::abs;
            case SIGN -> Math::signum;
            case TANH -> Math::tanh;
            // Written so that exp never overflows: for v < 0 use e^v / (1 + e^v).
            case SIGMOID -> v -> v >= 0 ? 1.0 / (1.0 + Math.exp(-v)) : Math.exp(v) / (1.0 + Math.exp(v));
            // Math.max propagates NaN, as torch.relu does.
            case RELU -> v -> Math.max(v, 0.0);
            case LEAKY_RELU -> v -> v > 0 ? v : p1 * v;
            case CLAMP -> v -> Math.min(Math.max(v, p1), p2);
            case POW -> v -> Math.pow(v, p1);
        };
    }

    /** out = op(a, b) over out's shape; a and b are already broadcast views. */
    static void binary(BinaryOp op, Operand a, Operand b, Operand out) {
        DoubleBinaryOperator f = function(op);
        CpuStorage as = storage(a);
        CpuStorage bs = storage(b);
        CpuStorage os = storage(out);
        int[] ap = StridedIndex.of(a);
        int[] bp = StridedIndex.of(b);
        int[] op_ = StridedIndex.of(out);
        for (int i = 0; i < op_.length; i++) {
            os.set(op_[i], f.applyAsDouble(as.get(ap[i]), bs.get(bp[i])));
        }
    }

    static DoubleBinaryOperator function(BinaryOp op) {
        return switch (op) {
            case ADD -> Double::sum;
            case SUB -> (x, y) -> x - y;
            case MUL -> (x, y) -> x * y;
            case DIV -> (x, y) -> x / y;
            case POW -> Math::pow;
            // Math.max/min propagate NaN, as torch.maximum/minimum do.
            case MAXIMUM -> Math::max;
            case MINIMUM -> Math::min;
            case GT -> (x, y) -> x > y ? 1 : 0;
            case GE -> (x, y) -> x >= y ? 1 : 0;
            case LT -> (x, y) -> x < y ? 1 : 0;
            case LE -> (x, y) -> x <= y ? 1 : 0;
            case EQ -> (x, y) -> x == y ? 1 : 0;
        };
    }

    /** out = cond != 0 ? a : b. */
    static void where(Operand cond, Operand a, Operand b, Operand out) {
        CpuStorage cs = storage(cond);
        CpuStorage as = storage(a);
        CpuStorage bs = storage(b);
        CpuStorage os = storage(out);
        int[] cp = StridedIndex.of(cond);
        int[] ap = StridedIndex.of(a);
        int[] bp = StridedIndex.of(b);
        int[] op_ = StridedIndex.of(out);
        for (int i = 0; i < op_.length; i++) {
            os.set(op_[i], cs.get(cp[i]) != 0 ? as.get(ap[i]) : bs.get(bp[i]));
        }
    }

    /** out = op over the dims of x where reduced is true, accumulated in double. */
    static void reduce(ReduceOp op, Operand x, boolean[] reduced, Operand out) {
        CpuStorage xs = storage(x);
        CpuStorage os = storage(out);
        // Walk the input; the matching output position uses out's strides with 0 on reduced dims.
        int[] outStrides = out.strides().clone();
        for (int d = 0; d < reduced.length; d++) {
            if (reduced[d]) {
                outStrides[d] = 0;
            }
        }
        int[] xp = StridedIndex.of(x);
        int[] target = StridedIndex.walk(x.shape(), outStrides, out.offset());
        double[] acc = new double[os.size()];
        double start = switch (op) {
            case SUM -> 0.0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
        Arrays.fill(acc, start);
        for (int i = 0; i < xp.length; i++) {
            double v = xs.get(xp[i]);
            int t = target[i];
            acc[t] = switch (op) {
                case SUM -> acc[t] + v;
                // NaN wins, as in torch.amax.
                case MAX -> (v > acc[t] || Double.isNaN(v)) ? v : acc[t];
                case MIN -> (v < acc[t] || Double.isNaN(v)) ? v : acc[t];
            };
        }
        for (int p : StridedIndex.of(out)) {
            os.set(p, acc[p]);
        }
    }

    /**
     * The reference matmul: operands packed into row-major double arrays, then the textbook
     * i-k-j triple loop. Every dtype can take this path; tests compare the fast path with it.
     */
    static void matmul(Operand a, Operand b, Operand out) {
        int rank = a.dim();
        int m = a.size(rank - 2);
        int k = a.size(rank - 1);
        int n = b.size(rank - 1);
        int[] batchShape = Arrays.copyOf(out.shape(), rank - 2);
        int[] aBase = StridedIndex.matrixStarts(a, batchShape);
        int[] bBase = StridedIndex.matrixStarts(b, batchShape);
        int[] oBase = StridedIndex.matrixStarts(out, batchShape);
        int ars = a.stride(rank - 2), acs = a.stride(rank - 1);
        int brs = b.stride(rank - 2), bcs = b.stride(rank - 1);
        int ors = out.stride(rank - 2), ocs = out.stride(rank - 1);
        CpuStorage as = storage(a), bs = storage(b), os = storage(out);
        double[] pa = new double[m * k];
        double[] pb = new double[k * n];
        double[] pc = new double[m * n];
        for (int batch = 0; batch < aBase.length; batch++) {
            // Pack both operands into row-major arrays so the inner loop runs over contiguous memory.
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    pa[i * k + p] = as.get(aBase[batch] + i * ars + p * acs);
                }
            }
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    pb[p * n + j] = bs.get(bBase[batch] + p * brs + j * bcs);
                }
            }
            Arrays.fill(pc, 0.0);
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    double aip = pa[i * k + p];
                    for (int j = 0; j < n; j++) {
                        pc[i * n + j] = Math.fma(aip, pb[p * n + j], pc[i * n + j]);
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    os.set(oBase[batch] + i * ors + j * ocs, pc[i * n + j]);
                }
            }
        }
    }

    /** float32 rows follow {@link Float32Math#softmaxRow}, the fast path's definition; float64 rows are summed in double. */
    static void softmax(Operand x, int dim, boolean log, Operand out) {
        CpuStorage xs = storage(x);
        CpuStorage os = storage(out);
        int len = x.size(dim);
        int[] rowShape = x.shape().clone();
        rowShape[dim] = 1;
        int[] xBase = StridedIndex.walk(rowShape, x.strides(), x.offset());
        int[] oBase = StridedIndex.walk(rowShape, out.strides(), out.offset());
        int xs_ = x.stride(dim);
        int os_ = out.stride(dim);
        if (out.dtype() == DType.FLOAT32) {
            float[] row = new float[len];
            float[] result = new float[len];
            float[] exps = new float[len];
            for (int r = 0; r < xBase.length; r++) {
                for (int j = 0; j < len; j++) {
                    row[j] = (float) xs.get(xBase[r] + j * xs_);
                }
                Float32Math.softmaxRow(row, 0, result, 0, len, log, exps);
                for (int j = 0; j < len; j++) {
                    os.set(oBase[r] + j * os_, result[j]);
                }
            }
            return;
        }
        for (int r = 0; r < xBase.length; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < len; j++) {
                max = Math.max(max, xs.get(xBase[r] + j * xs_));
            }
            double sum = 0;
            for (int j = 0; j < len; j++) {
                sum += Math.exp(xs.get(xBase[r] + j * xs_) - max);
            }
            double logSum = Math.log(sum);
            for (int j = 0; j < len; j++) {
                double shifted = xs.get(xBase[r] + j * xs_) - max;
                os.set(oBase[r] + j * os_, log ? shifted - logSum : Math.exp(shifted) / sum);
            }
        }
    }

    /** Element i of out (row-major) from Philox block offset + i, uniform in [low, high). */
    static void philoxUniform(Operand out, long seed, long offset, double low, double high) {
        CpuStorage os = storage(out);
        boolean single = out.dtype() == DType.FLOAT32;
        int[] block = new int[4];
        int[] pos = StridedIndex.of(out);
        // Rounding low + (high - low) * u can land on high itself (low = 1, high = 2 and
        // u = 1 - 2^-24 give 2.0f; in float64, u = 1 - 2^-53 gives 2.0); such values become the
        // largest number below high in the output's precision, keeping the range [low, high).
        double belowHigh = single ? ((float) high < high ? (float) high : Math.nextDown((float) high))
                : Math.nextDown(high);
        for (int i = 0; i < pos.length; i++) {
            Philox.block(seed, offset + i, block);
            double u = single ? Philox.uniformFloat(block[0]) : Philox.uniformDouble(block[0], block[1]);
            double v = low + (high - low) * u;
            boolean reachesHigh = (single ? (float) v : v) >= high;
            os.set(pos[i], reachesHigh && low < high ? belowHigh : v);
        }
    }

    /** Element i of out (row-major) from Philox block offset + i, Box-Muller. */
    static void philoxNormal(Operand out, long seed, long offset, double mean, double std) {
        CpuStorage os = storage(out);
        int[] block = new int[4];
        int[] pos = StridedIndex.of(out);
        for (int i = 0; i < pos.length; i++) {
            os.set(pos[i], normalAt(seed, offset + i, mean, std, block));
        }
    }

    /** mean + std * the Box-Muller normal of the Philox block at {@code counter}; {@code block} is scratch. */
    static double normalAt(long seed, long counter, double mean, double std, int[] block) {
        Philox.block(seed, counter, block);
        return mean + std * Philox.boxMuller(block);
    }

    /** Every window of x, one column per output position, zeros where the window reaches into the padding. */
    static void im2col(Operand x, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, Operand out) {
        int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        int oh = ConvGeometry.outputSize("im2col", h, kh, sh, ph, dh);
        int ow = ConvGeometry.outputSize("im2col", w, kw, sw, pw, dw);
        CpuStorage xs = storage(x), os = storage(out);
        int[] xst = x.strides(), ost = out.strides();
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int row = (ch * kh + i) * kw + j;
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * sh - ph + i * dh;
                            for (int ox = 0; ox < ow; ox++) {
                                int ix = ox * sw - pw + j * dw;
                                boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                                double v = inside
                                        ? xs.get(x.offset() + b * xst[0] + ch * xst[1] + iy * xst[2] + ix * xst[3]) : 0.0;
                                os.set(out.offset() + b * ost[0] + row * ost[1] + (oy * ow + ox) * ost[2], v);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of im2col: each pixel is the sum, in kernel-row then kernel-column order, of its copies. */
    static void col2im(Operand cols, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh,
                       int dw, Operand out) {
        int n = cols.size(0);
        int oh = ConvGeometry.outputSize("col2im", h, kh, sh, ph, dh);
        int ow = ConvGeometry.outputSize("col2im", w, kw, sw, pw, dw);
        CpuStorage cs = storage(cols), os = storage(out);
        int[] cst = cols.strides(), ost = out.strides();
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        // Pixel (y, x) was copied by im2col into window (oy, ox) at kernel tap (i, j)
                        // wherever y = oy*sh - ph + i*dh and x = ox*sw - pw + j*dw.
                        double sum = 0.0;
                        for (int i = 0; i < kh; i++) {
                            int ty = y + ph - i * dh;
                            if (ty < 0 || ty % sh != 0 || ty / sh >= oh) {
                                continue;
                            }
                            int oy = ty / sh;
                            for (int j = 0; j < kw; j++) {
                                int tx = x + pw - j * dw;
                                if (tx < 0 || tx % sw != 0 || tx / sw >= ow) {
                                    continue;
                                }
                                int ox = tx / sw;
                                int row = (ch * kh + i) * kw + j;
                                sum += cs.get(cols.offset() + b * cst[0] + row * cst[1] + (oy * ow + ox) * cst[2]);
                            }
                        }
                        os.set(out.offset() + b * ost[0] + ch * ost[1] + y * ost[2] + x * ost[3], sum);
                    }
                }
            }
        }
    }

    private static CpuStorage storage(Operand t) {
        return (CpuStorage) t.storage();
    }
}
