package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Op;

import java.util.List;

import static dev.jgan.core.ops.Values.mat;
import static dev.jgan.core.ops.Values.of;
import static dev.jgan.core.ops.Values.scalar;
import static dev.jgan.core.ops.Values.shape;
import static dev.jgan.core.ops.Values.vec;

/** Registry entries for reductions ({@link Reductions}) and the normalizations along a dim ({@link Softmax}). */
final class ReductionOpInfos {
    private static final double LN2 = Math.log(2);
    private static final double LN3 = Math.log(3);
    private static final Tensor M23 = mat(2, 1, 2, 3, 4, 5, 6);

    private ReductionOpInfos() {
    }

    /** A reduction over {@code dims} (empty = all) that keeps them as size 1 or drops them. */
    @FunctionalInterface
    private interface Reduction {
        Tensor apply(Tensor x, int[] dims, boolean keepDim);
    }

    static List<OpInfo> all() {
        return List.of(
                reduction("sum", Op.SUM, Tensor::sum, Domain.standard())
                        .example("sum of [[1, 2, 3], [4, 5, 6]] = 21", in -> in.get(0).sum(), scalar(21), M23)
                        .example("sum over dim 0 = [5, 7, 9]", in -> in.get(0).sum(0), vec(5, 7, 9), M23)
                        .example("sum over dim -1, keepDim = [[6], [15]]", in -> in.get(0).sum(new int[]{-1}, true),
                                mat(2, 6, 15), M23)
                        .build(),
                reduction("mean", Op.MEAN, Tensor::mean, Domain.standard())
                        .example("mean of [[1, 2, 3], [4, 5, 6]] = 3.5", in -> in.get(0).mean(), scalar(3.5), M23)
                        .example("mean over dim 1 = [2, 5]", in -> in.get(0).mean(1), vec(2, 5), M23)
                        .example("mean over dims {0, 1}, keepDim = [[3.5]]", in -> in.get(0).mean(new int[]{0, 1}, true),
                                mat(1, 3.5), M23)
                        .build(),
                // Distinct values keep every reduction group free of ties; the expanded sample ties
                // on purpose, between copies of one element, where the shared gradient sums back to 1.
                reduction("max", Op.MAX, Tensor::max, Domain.shuffledGrid(-1, 0.2))
                        .example("max of [[1, 5], [4, 2]] = 5", in -> in.get(0).max(), scalar(5), mat(2, 1, 5, 4, 2))
                        .example("max over dim 0 of [[1, 5], [4, 2]] = [4, 5]", in -> in.get(0).max(new int[]{0}, false),
                                vec(4, 5), mat(2, 1, 5, 4, 2))
                        .example("max over dim -1, keepDim = [[5], [4]]", in -> in.get(0).max(new int[]{-1}, true),
                                mat(2, 5, 4), mat(2, 1, 5, 4, 2))
                        .build(),
                reduction("min", Op.MIN, Tensor::min, Domain.shuffledGrid(-1, 0.2))
                        .example("min of [[1, 5], [4, 2]] = 1", in -> in.get(0).min(), scalar(1), mat(2, 1, 5, 4, 2))
                        .example("min over dim 0 of [[1, 5], [4, 2]] = [1, 2]", in -> in.get(0).min(new int[]{0}, false),
                                vec(1, 2), mat(2, 1, 5, 4, 2))
                        .example("min over dim -1, keepDim = [[1], [2]]", in -> in.get(0).min(new int[]{-1}, true),
                                mat(2, 1, 2), mat(2, 1, 5, 4, 2))
                        .build(),
                var(),
                alongDim("softmax", Op.SOFTMAX, false)
                        .example("softmax([0, ln 3]) = [0.25, 0.75]", in -> in.get(0).softmax(0), vec(0.25, 0.75), vec(0, LN3))
                        .example("softmax([1000, 1000 + ln 3]) = [0.25, 0.75] without overflow", in -> in.get(0).softmax(-1),
                                vec(0.25, 0.75), vec(1000, 1000 + LN3))
                        .example("softmax over dim 0 of [[0, 0], [ln 3, 0]] = [[0.25, 0.5], [0.75, 0.5]]",
                                in -> in.get(0).softmax(0), mat(2, 0.25, 0.5, 0.75, 0.5), mat(2, 0, 0, LN3, 0))
                        .build(),
                alongDim("logSoftmax", Op.LOG_SOFTMAX, true)
                        .example("logSoftmax([0, ln 3]) = [ln 0.25, ln 0.75]", in -> in.get(0).logSoftmax(0),
                                vec(-2 * LN2, LN3 - 2 * LN2), vec(0, LN3))
                        .example("logSoftmax([-1000, -1000 + ln 3]) = [ln 0.25, ln 0.75] without underflow",
                                in -> in.get(0).logSoftmax(-1), vec(-2 * LN2, LN3 - 2 * LN2), vec(-1000, -1000 + LN3))
                        .build());
    }

    /** Several dims at once, negative dims, keepDim both ways, 0-dim input, and strided inputs. */
    private static OpInfo.Builder reduction(String name, Op node, Reduction op, Domain domain) {
        return OpInfo.op(name, node)
                .sample("all dims of [3, 4]", in -> op.apply(in.get(0), new int[0], false), Arg.of(domain, 3, 4))
                .sample("dim 0 of [3, 4]", in -> op.apply(in.get(0), new int[]{0}, false), Arg.of(domain, 3, 4))
                .sample("dim -1 of [3, 4], keepDim", in -> op.apply(in.get(0), new int[]{-1}, true), Arg.of(domain, 3, 4))
                .sample("dims {0, 2} of [2, 3, 2]", in -> op.apply(in.get(0), new int[]{0, 2}, false),
                        Arg.of(domain, 2, 3, 2))
                .sample("dims {-1, -3} of [2, 3, 2], keepDim", in -> op.apply(in.get(0), new int[]{-1, -3}, true),
                        Arg.of(domain, 2, 3, 2))
                .sample("0-dim []", in -> op.apply(in.get(0), new int[0], true), Arg.of(domain))
                .sample("dim 1 of transposed [4, 3].t()", in -> op.apply(in.get(0).t(), new int[]{1}, false),
                        Arg.of(domain, 4, 3))
                .sample("dims {0, 1} of narrowed [3, 6].narrow(1, 1, 4), keepDim",
                        in -> op.apply(in.get(0).narrow(1, 1, 4), new int[]{0, 1}, true), Arg.of(domain, 3, 6))
                .sample("dim -1 of expanded [3, 1] to [3, 4]", in -> op.apply(in.get(0).expand(3, 4), new int[]{-1}, false),
                        Arg.of(domain, 3, 1));
    }

    /** var is composed of mean, sub, mul, sum and div; these samples check that composition. */
    private static OpInfo var() {
        Domain d = Domain.standard();
        Tensor m = mat(2, 1, 3, 2, 6);
        return OpInfo.op("var", Op.MEAN, Op.SUB, Op.MUL, Op.SUM, Op.DIV)
                .sample("all dims of [3, 4], unbiased", in -> in.get(0).var(), Arg.of(d, 3, 4))
                .sample("dim 0 of [3, 4], correction 0", in -> in.get(0).var(new int[]{0}, 0, false), Arg.of(d, 3, 4))
                .sample("dims {-1, 0} of [2, 3, 2], keepDim", in -> in.get(0).var(new int[]{-1, 0}, true),
                        Arg.of(d, 2, 3, 2))
                .sample("dim 1 of transposed [4, 3].t()", in -> in.get(0).t().var(new int[]{1}, false), Arg.of(d, 4, 3))
                .sample("dim 0 of narrowed [3, 6].narrow(1, 2, 4), keepDim",
                        in -> in.get(0).narrow(1, 2, 4).var(new int[]{0}, true), Arg.of(d, 3, 6))
                .sample("dim 0 of [4] expanded to [3, 4] (zero variance)", in -> in.get(0).expand(3, 4).var(new int[]{0}, false),
                        Arg.of(d, 4))
                .example("var([1, 2, 3, 4]) = 5/3 (unbiased)", in -> in.get(0).var(), scalar(5.0 / 3), vec(1, 2, 3, 4))
                .example("var([1, 2, 3, 4], correction 0) = 1.25", in -> in.get(0).var(new int[0], 0, false),
                        scalar(1.25), vec(1, 2, 3, 4))
                .example("var over dim 1 of [[1, 3], [2, 6]] = [2, 8]", in -> in.get(0).var(new int[]{1}, false),
                        vec(2, 8), m)
                .example("var over dim 0, keepDim, of [[1, 3], [2, 6]] = [[0.5, 4.5]]",
                        in -> in.get(0).var(new int[]{0}, true), of(shape(1, 2), 0.5, 4.5), m)
                .build();
    }

    /** softmax / logSoftmax along first, middle, last and negative dims, on strided inputs. */
    private static OpInfo.Builder alongDim(String name, Op node, boolean log) {
        Domain d = Domain.uniform(-2, 2);
        return OpInfo.op(name, node)
                .sample("dim -1 of [3, 4]", in -> apply(in.get(0), -1, log), Arg.of(d, 3, 4))
                .sample("dim 0 of [3, 4]", in -> apply(in.get(0), 0, log), Arg.of(d, 3, 4))
                .sample("dim 1 of [2, 3, 2]", in -> apply(in.get(0), 1, log), Arg.of(d, 2, 3, 2))
                .sample("dim -1 of transposed [4, 3].t()", in -> apply(in.get(0).t(), -1, log), Arg.of(d, 4, 3))
                .sample("dim 0 of narrowed [3, 6].narrow(1, 1, 4)", in -> apply(in.get(0).narrow(1, 1, 4), 0, log),
                        Arg.of(d, 3, 6))
                .sample("dim 0 of expanded [4] to [3, 4]", in -> apply(in.get(0).expand(3, 4), 0, log), Arg.of(d, 4));
    }

    private static Tensor apply(Tensor x, int dim, boolean log) {
        return log ? x.logSoftmax(dim) : x.softmax(dim);
    }
}
