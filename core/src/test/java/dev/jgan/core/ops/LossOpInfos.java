package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.ops.Losses.Reduction;

import java.util.List;

import static dev.jgan.core.ops.Values.scalar;
import static dev.jgan.core.ops.Values.vec;

/**
 * Registry entries for the losses ({@link Losses}). Each is checked with every reduction; the
 * mean and sum on top of the elementwise loss are the sum / mean nodes.
 */
final class LossOpInfos {
    private static final double LN2 = Math.log(2);
    private static final double LN3 = Math.log(3);
    /** Probabilities well inside (0, 1): BCE's log terms and its clamped denominator stay smooth. */
    private static final Domain PROBABILITY = Domain.uniform(0.05, 0.95);
    private static final Domain SOFT_TARGET = Domain.uniform(0, 1);
    private static final Domain HARD_TARGET = Domain.mask();

    private LossOpInfos() {
    }

    static List<OpInfo> all() {
        return List.of(bce(), bceWithLogits(), mse());
    }

    private static OpInfo bce() {
        return OpInfo.op("binaryCrossEntropy", Op.BCE)
                .sample("mean over [3, 4], constant 0/1 target", in -> in.get(0).binaryCrossEntropy(in.get(1)),
                        Arg.of(PROBABILITY, 3, 4), Arg.constant(HARD_TARGET, 3, 4))
                .sample("mean over [3, 4], soft target with gradient", in -> in.get(0).binaryCrossEntropy(in.get(1)),
                        Arg.of(PROBABILITY, 3, 4), Arg.of(SOFT_TARGET, 3, 4))
                .sample("reduction NONE, [2, 3]", in -> Losses.binaryCrossEntropy(in.get(0), in.get(1), Reduction.NONE),
                        Arg.of(PROBABILITY, 2, 3), Arg.of(SOFT_TARGET, 2, 3))
                .sample("reduction SUM, transposed [4, 3].t()",
                        in -> Losses.binaryCrossEntropy(in.get(0).t(), in.get(1), Reduction.SUM),
                        Arg.of(PROBABILITY, 4, 3), Arg.of(SOFT_TARGET, 3, 4))
                .sample("0-dim []", in -> in.get(0).binaryCrossEntropy(in.get(1)), Arg.of(PROBABILITY), Arg.of(SOFT_TARGET))
                .sample("expanded [3, 1] to [3, 4], narrowed target [3, 6].narrow(1, 2, 4)",
                        in -> in.get(0).expand(3, 4).binaryCrossEntropy(in.get(1).narrow(1, 2, 4)),
                        Arg.of(PROBABILITY, 3, 1), Arg.of(SOFT_TARGET, 3, 6))
                .example("mean of BCE(p = [0.5, 0.8], t = [1, 0]) = (ln 2 + ln 5) / 2 = ln(10) / 2",
                        in -> in.get(0).binaryCrossEntropy(in.get(1)), scalar(Math.log(10) / 2), vec(0.5, 0.8), vec(1, 0))
                .example("BCE(p = [0, 1], t = [1, 1]) = [100, 0]: log clamped at -100, 0 * log 0 = 0",
                        in -> Losses.binaryCrossEntropy(in.get(0), in.get(1), Reduction.NONE), vec(100, 0),
                        vec(0, 1), vec(1, 1))
                .build();
    }

    private static OpInfo bceWithLogits() {
        Domain logits = Domain.uniform(-3, 3);
        Domain large = Domain.uniform(10, 30);
        return OpInfo.op("binaryCrossEntropyWithLogits", Op.BCE_WITH_LOGITS)
                .sample("mean over [3, 4], constant 0/1 target", in -> in.get(0).binaryCrossEntropyWithLogits(in.get(1)),
                        Arg.of(logits, 3, 4), Arg.constant(HARD_TARGET, 3, 4))
                .sample("mean over [3, 4], soft target with gradient",
                        in -> in.get(0).binaryCrossEntropyWithLogits(in.get(1)), Arg.of(logits, 3, 4), Arg.of(SOFT_TARGET, 3, 4))
                .sample("reduction NONE, large logits of both signs",
                        in -> Losses.binaryCrossEntropyWithLogits(Tensor.concat(List.of(in.get(0), in.get(0).neg()), 0),
                                in.get(1), Reduction.NONE),
                        Arg.of(large, 3), Arg.of(SOFT_TARGET, 6))
                .sample("reduction SUM, transposed [4, 3].t()",
                        in -> Losses.binaryCrossEntropyWithLogits(in.get(0).t(), in.get(1), Reduction.SUM),
                        Arg.of(logits, 4, 3), Arg.of(SOFT_TARGET, 3, 4))
                .sample("0-dim []", in -> in.get(0).binaryCrossEntropyWithLogits(in.get(1)), Arg.of(logits), Arg.of(SOFT_TARGET))
                .sample("expanded [3, 1] to [3, 4], narrowed target [3, 6].narrow(1, 2, 4)",
                        in -> in.get(0).expand(3, 4).binaryCrossEntropyWithLogits(in.get(1).narrow(1, 2, 4)),
                        Arg.of(logits, 3, 1), Arg.of(SOFT_TARGET, 3, 6))
                .example("x = [0, ln 3, ln 3], t = [0.3, 1, 0]: [ln 2, ln(4/3), ln 4]",
                        in -> Losses.binaryCrossEntropyWithLogits(in.get(0), in.get(1), Reduction.NONE),
                        vec(LN2, Math.log(4.0 / 3), 2 * LN2), vec(0, LN3, LN3), vec(0.3, 1, 0))
                .example("x = [100, -100], t = [0, 1]: [100, 100] without overflow",
                        in -> Losses.binaryCrossEntropyWithLogits(in.get(0), in.get(1), Reduction.NONE), vec(100, 100),
                        vec(100, -100), vec(0, 1))
                .example("mean of x = [0, 0], t = [0, 1] is ln 2", in -> in.get(0).binaryCrossEntropyWithLogits(in.get(1)),
                        scalar(LN2), vec(0, 0), vec(0, 1))
                .build();
    }

    /** mse is composed of sub and mul (then mean or sum); these samples check that composition. */
    private static OpInfo mse() {
        Domain d = Domain.standard();
        return OpInfo.op("mse", Op.SUB, Op.MUL)
                .sample("mean over [3, 4], both with gradient", in -> in.get(0).mseLoss(in.get(1)),
                        Arg.of(d, 3, 4), Arg.of(d, 3, 4))
                .sample("mean over [3, 4], constant target", in -> in.get(0).mseLoss(in.get(1)),
                        Arg.of(d, 3, 4), Arg.constant(d, 3, 4))
                .sample("reduction NONE, [2, 3]", in -> Losses.mse(in.get(0), in.get(1), Reduction.NONE),
                        Arg.of(d, 2, 3), Arg.of(d, 2, 3))
                .sample("reduction SUM, transposed [4, 3].t()", in -> Losses.mse(in.get(0).t(), in.get(1), Reduction.SUM),
                        Arg.of(d, 4, 3), Arg.of(d, 3, 4))
                .sample("0-dim []", in -> in.get(0).mseLoss(in.get(1)), Arg.of(d), Arg.of(d))
                .sample("expanded [4] to [3, 4], narrowed target [3, 6].narrow(1, 1, 4)",
                        in -> in.get(0).expand(3, 4).mseLoss(in.get(1).narrow(1, 1, 4)), Arg.of(d, 4), Arg.of(d, 3, 6))
                .example("mse([1, 2, 3], [1, 0, 6]) = (0 + 4 + 9) / 3", in -> in.get(0).mseLoss(in.get(1)),
                        scalar(13.0 / 3), vec(1, 2, 3), vec(1, 0, 6))
                .example("reduction SUM of the same = 13", in -> Losses.mse(in.get(0), in.get(1), Reduction.SUM),
                        scalar(13), vec(1, 2, 3), vec(1, 0, 6))
                .example("reduction NONE of the same = [0, 4, 9]", in -> Losses.mse(in.get(0), in.get(1), Reduction.NONE),
                        vec(0, 4, 9), vec(1, 2, 3), vec(1, 0, 6))
                .build();
    }
}
