package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Op;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

import static dev.jgan.core.ops.Values.mat;
import static dev.jgan.core.ops.Values.scalar;
import static dev.jgan.core.ops.Values.vec;

/** Registry entries for the elementwise ops ({@link Pointwise}). */
final class PointwiseOpInfos {
    private static final double LN2 = Math.log(2);
    private static final double LN3 = Math.log(3);

    private PointwiseOpInfos() {
    }

    static List<OpInfo> all() {
        return List.of(
                binary("add", Op.ADD, Tensor::add, Domain.standard(), Domain.standard())
                        .example("[1, 2, 3] + [10] = [11, 12, 13]", in -> in.get(0).add(in.get(1)),
                                vec(11, 12, 13), vec(1, 2, 3), vec(10))
                        .example("[[1], [2]] + [10, 20] = [[11, 21], [12, 22]]", in -> in.get(0).add(in.get(1)),
                                mat(2, 11, 21, 12, 22), mat(2, 1, 2), vec(10, 20))
                        .build(),
                binary("sub", Op.SUB, Tensor::sub, Domain.standard(), Domain.standard())
                        .example("[5, 7] - [1, 2] = [4, 5]", in -> in.get(0).sub(in.get(1)),
                                vec(4, 5), vec(5, 7), vec(1, 2))
                        .example("[[1], [2]] - [10, 20] = [[-9, -19], [-8, -18]]", in -> in.get(0).sub(in.get(1)),
                                mat(2, -9, -19, -8, -18), mat(2, 1, 2), vec(10, 20))
                        .build(),
                binary("mul", Op.MUL, Tensor::mul, Domain.standard(), Domain.standard())
                        .example("[2, 3] * [4, -5] = [8, -15]", in -> in.get(0).mul(in.get(1)),
                                vec(8, -15), vec(2, 3), vec(4, -5))
                        .example("[[1], [2]] * [3, 4] = [[3, 4], [6, 8]]", in -> in.get(0).mul(in.get(1)),
                                mat(2, 3, 4, 6, 8), mat(2, 1, 2), vec(3, 4))
                        .build(),
                binary("div", Op.DIV, Tensor::div, Domain.standard(), Domain.awayFromZero())
                        .example("[1, 3] / [4, -2] = [0.25, -1.5]", in -> in.get(0).div(in.get(1)),
                                vec(0.25, -1.5), vec(1, 3), vec(4, -2))
                        .example("[[6], [3]] / [2, 3] = [[3, 2], [1.5, 1]]", in -> in.get(0).div(in.get(1)),
                                mat(2, 3, 2, 1.5, 1), mat(2, 6, 3), vec(2, 3))
                        .build(),
                powScalar(),
                binary("pow (tensor exponent)", Op.POW, Tensor::pow, Domain.positive(), Domain.uniform(-1.5, 1.5))
                        .example("[2, 9, 4] ^ [3, 0.5, -1] = [8, 3, 0.25]", in -> in.get(0).pow(in.get(1)),
                                vec(8, 3, 0.25), vec(2, 9, 4), vec(3, 0.5, -1))
                        .example("[[2], [3]] ^ [0, 2] = [[1, 4], [1, 9]]", in -> in.get(0).pow(in.get(1)),
                                mat(2, 1, 4, 1, 9), mat(2, 2, 3), vec(0, 2))
                        .build(),
                unary("neg", Op.NEG, Tensor::neg, Domain.standard())
                        .example("-[1, -2, 0.5] = [-1, 2, -0.5]", in -> in.get(0).neg(),
                                vec(-1, 2, -0.5), vec(1, -2, 0.5))
                        .build(),
                unary("exp", Op.EXP, Tensor::exp, Domain.uniform(-2, 2))
                        .example("exp([0, ln 2, -ln 4]) = [1, 2, 0.25]", in -> in.get(0).exp(),
                                vec(1, 2, 0.25), vec(0, LN2, -2 * LN2))
                        .build(),
                unary("log", Op.LOG, Tensor::log, Domain.positive())
                        .example("log([1, e, 0.5]) = [0, 1, -ln 2]", in -> in.get(0).log(),
                                vec(0, 1, -LN2), vec(1, Math.E, 0.5))
                        .build(),
                unary("sqrt", Op.SQRT, Tensor::sqrt, Domain.positive())
                        .example("sqrt([4, 0.25, 0]) = [2, 0.5, 0]", in -> in.get(0).sqrt(),
                                vec(2, 0.5, 0), vec(4, 0.25, 0))
                        .build(),
                unary("abs", Op.ABS, Tensor::abs, Domain.standard().avoiding(0))
                        .example("abs([-3, 2, 0]) = [3, 2, 0]", in -> in.get(0).abs(),
                                vec(3, 2, 0), vec(-3, 2, 0))
                        .build(),
                unary("tanh", Op.TANH, Tensor::tanh, Domain.uniform(-2, 2))
                        .example("tanh([0, ln 3, -ln 3]) = [0, 0.8, -0.8]", in -> in.get(0).tanh(),
                                vec(0, 0.8, -0.8), vec(0, LN3, -LN3))
                        .build(),
                unary("sigmoid", Op.SIGMOID, Tensor::sigmoid, Domain.uniform(-3, 3))
                        .example("sigmoid([0, ln 3, -ln 3]) = [0.5, 0.75, 0.25]", in -> in.get(0).sigmoid(),
                                vec(0.5, 0.75, 0.25), vec(0, LN3, -LN3))
                        .build(),
                unary("relu", Op.RELU, Tensor::relu, Domain.standard().avoiding(0))
                        .example("relu([-1, 0, 2]) = [0, 0, 2]", in -> in.get(0).relu(),
                                vec(0, 0, 2), vec(-1, 0, 2))
                        .build(),
                unary("leakyRelu", Op.LEAKY_RELU, x -> x.leakyRelu(0.2), Domain.standard().avoiding(0))
                        .example("leakyRelu([-2, 0, 3], 0.1) = [-0.2, 0, 3]", in -> in.get(0).leakyRelu(0.1),
                                vec(-0.2, 0, 3), vec(-2, 0, 3))
                        .build(),
                clamp(),
                binary("maximum", Op.MAXIMUM, Tensor::maximum, Domain.shuffledGrid(-1, 0.2), Domain.shuffledGrid(-0.9, 0.2))
                        .example("maximum([1, 5, -2], [3, 2, -1]) = [3, 5, -1]", in -> in.get(0).maximum(in.get(1)),
                                vec(3, 5, -1), vec(1, 5, -2), vec(3, 2, -1))
                        .example("maximum([[1], [4]], [2, 3]) = [[2, 3], [4, 4]]", in -> in.get(0).maximum(in.get(1)),
                                mat(2, 2, 3, 4, 4), mat(2, 1, 4), vec(2, 3))
                        .build(),
                binary("minimum", Op.MINIMUM, Tensor::minimum, Domain.shuffledGrid(-1, 0.2), Domain.shuffledGrid(-0.9, 0.2))
                        .example("minimum([1, 5, -2], [3, 2, -1]) = [1, 2, -2]", in -> in.get(0).minimum(in.get(1)),
                                vec(1, 2, -2), vec(1, 5, -2), vec(3, 2, -1))
                        .example("minimum([[1], [4]], [2, 3]) = [[1, 1], [2, 3]]", in -> in.get(0).minimum(in.get(1)),
                                mat(2, 1, 1, 2, 3), mat(2, 1, 4), vec(2, 3))
                        .build(),
                where());
    }

    /**
     * The samples every one-input elementwise op runs on: contiguous, 0-dim, and the three ways a
     * strided input reaches a kernel (transposed, narrowed with an offset, expanded with stride 0).
     */
    private static OpInfo.Builder unary(String name, Op node, UnaryOperator<Tensor> op, Domain domain) {
        return OpInfo.op(name, node)
                .sample("plain [3, 4]", in -> op.apply(in.get(0)), Arg.of(domain, 3, 4))
                .sample("0-dim []", in -> op.apply(in.get(0)), Arg.of(domain))
                .sample("transposed [4, 3].t()", in -> op.apply(in.get(0).t()), Arg.of(domain, 4, 3))
                .sample("narrowed [3, 6].narrow(1, 2, 3)", in -> op.apply(in.get(0).narrow(1, 2, 3)), Arg.of(domain, 3, 6))
                .sample("expanded [3, 1] to [3, 4]", in -> op.apply(in.get(0).expand(3, 4)), Arg.of(domain, 3, 1))
                .sample("permuted [2, 3, 2].permute(2, 0, 1)", in -> op.apply(in.get(0).permute(2, 0, 1)),
                        Arg.of(domain, 2, 3, 2));
    }

    /**
     * Broadcasting in both directions and across ranks, strided operands, constant operands, and
     * one leaf in both places (its two gradients must be added up).
     */
    private static OpInfo.Builder binary(String name, Op node, BinaryOperator<Tensor> op, Domain a, Domain b) {
        return OpInfo.op(name, node)
                .sample("plain [3, 4] and [3, 4]", in -> op.apply(in.get(0), in.get(1)), Arg.of(a, 3, 4), Arg.of(b, 3, 4))
                .sample("broadcast [3, 1] and [4]", in -> op.apply(in.get(0), in.get(1)), Arg.of(a, 3, 1), Arg.of(b, 4))
                .sample("broadcast [] and [2, 3]", in -> op.apply(in.get(0), in.get(1)), Arg.of(a), Arg.of(b, 2, 3))
                .sample("transposed [4, 3].t() and narrowed [3, 6].narrow(1, 1, 4)",
                        in -> op.apply(in.get(0).t(), in.get(1).narrow(1, 1, 4)), Arg.of(a, 4, 3), Arg.of(b, 3, 6))
                .sample("expanded [4] to [3, 4] and permuted [4, 3].permute(1, 0)",
                        in -> op.apply(in.get(0).expand(3, 4), in.get(1).permute(1, 0)), Arg.of(a, 4), Arg.of(b, 4, 3))
                .sample("second operand constant, [2, 3] and [3]", in -> op.apply(in.get(0), in.get(1)),
                        Arg.of(a, 2, 3), Arg.constant(b, 3))
                .sample("first operand constant, [2, 1] and [2, 3]", in -> op.apply(in.get(0), in.get(1)),
                        Arg.constant(a, 2, 1), Arg.of(b, 2, 3))
                .sample("one leaf as both operands, [3, 4]", in -> op.apply(in.get(0), in.get(0)), Arg.of(a, 3, 4));
    }

    /** x ^ p over the exponents whose backward takes different paths: integer, fractional, negative, zero. */
    private static OpInfo powScalar() {
        Domain any = Domain.standard();
        Domain positive = Domain.positive();
        return OpInfo.op("pow (scalar exponent)", Op.POW_SCALAR)
                .sample("x^2, plain [3, 4]", in -> in.get(0).pow(2), Arg.of(any, 3, 4))
                .sample("x^3, 0-dim []", in -> in.get(0).pow(3), Arg.of(any))
                .sample("x^0.5, transposed [4, 3].t()", in -> in.get(0).t().pow(0.5), Arg.of(positive, 4, 3))
                .sample("x^-1.5, narrowed [3, 6].narrow(1, 2, 3)", in -> in.get(0).narrow(1, 2, 3).pow(-1.5),
                        Arg.of(positive, 3, 6))
                .sample("x^0, expanded [3, 1] to [3, 4]", in -> in.get(0).expand(3, 4).pow(0), Arg.of(any, 3, 1))
                .sample("x^2.5, permuted [2, 3, 2].permute(2, 0, 1)", in -> in.get(0).permute(2, 0, 1).pow(2.5),
                        Arg.of(positive, 2, 3, 2))
                .example("[2, -3] ^ 2 = [4, 9]", in -> in.get(0).pow(2), vec(4, 9), vec(2, -3))
                .example("[4, 0.25] ^ 0.5 = [2, 0.5]", in -> in.get(0).pow(0.5), vec(2, 0.5), vec(4, 0.25))
                .example("[2, 4] ^ -1 = [0.5, 0.25]", in -> in.get(0).pow(-1), vec(0.5, 0.25), vec(2, 4))
                .example("[0, 5] ^ 0 = [1, 1]", in -> in.get(0).pow(0), vec(1, 1), vec(0, 5))
                .build();
    }

    /** Both bounds, and each one alone (the other infinite), with samples kept off the bounds. */
    private static OpInfo clamp() {
        return unary("clamp", Op.CLAMP, x -> x.clamp(-0.5, 0.5), Domain.standard().avoiding(-0.5, 0.5))
                .sample("clampMin(0.3), plain [3, 4]", in -> in.get(0).clampMin(0.3), Arg.of(Domain.standard().avoiding(0.3), 3, 4))
                .sample("clampMax(-0.2), transposed [4, 3].t()", in -> in.get(0).t().clampMax(-0.2),
                        Arg.of(Domain.standard().avoiding(-0.2), 4, 3))
                .example("clamp([-3, 0.5, 5], -1, 2) = [-1, 0.5, 2]", in -> in.get(0).clamp(-1, 2),
                        vec(-1, 0.5, 2), vec(-3, 0.5, 5))
                .example("clampMin([-1, 1], 0) = [0, 1]", in -> in.get(0).clampMin(0), vec(0, 1), vec(-1, 1))
                .example("clampMax([-1, 1], 0) = [-1, 0]", in -> in.get(0).clampMax(0), vec(-1, 0), vec(-1, 1))
                .build();
    }

    /** where(cond, a, b): cond is a constant 0/1 mask, broadcast with a and b. */
    private static OpInfo where() {
        Domain v = Domain.standard();
        Domain m = Domain.mask();
        return OpInfo.op("where", Op.WHERE)
                .sample("plain [3, 4] mask, [3, 4], [3, 4]", in -> Tensor.where(in.get(0), in.get(1), in.get(2)),
                        Arg.constant(m, 3, 4), Arg.of(v, 3, 4), Arg.of(v, 3, 4))
                .sample("broadcast [4] mask, [3, 1], [3, 4]", in -> Tensor.where(in.get(0), in.get(1), in.get(2)),
                        Arg.constant(m, 4), Arg.of(v, 3, 1), Arg.of(v, 3, 4))
                .sample("broadcast [3, 1] mask, [4], []", in -> Tensor.where(in.get(0), in.get(1), in.get(2)),
                        Arg.constant(m, 3, 1), Arg.of(v, 4), Arg.of(v))
                .sample("transposed [4, 3].t() and narrowed [3, 6].narrow(1, 2, 4)",
                        in -> Tensor.where(in.get(0), in.get(1).t(), in.get(2).narrow(1, 2, 4)),
                        Arg.constant(m, 3, 4), Arg.of(v, 4, 3), Arg.of(v, 3, 6))
                .sample("expanded [3, 1] to [3, 4], b constant", in -> Tensor.where(in.get(0), in.get(1).expand(3, 4), in.get(2)),
                        Arg.constant(m, 3, 4), Arg.of(v, 3, 1), Arg.constant(v, 3, 4))
                .example("where([1, 0, 1], [1, 2, 3], [10, 20, 30]) = [1, 20, 3]",
                        in -> Tensor.where(in.get(0), in.get(1), in.get(2)), vec(1, 20, 3),
                        vec(1, 0, 1), vec(1, 2, 3), vec(10, 20, 30))
                .example("where([[1], [0]], [1, 2], 9) = [[1, 2], [9, 9]]",
                        in -> Tensor.where(in.get(0), in.get(1), in.get(2)), mat(2, 1, 2, 9, 9),
                        mat(2, 1, 0), vec(1, 2), scalar(9))
                .build();
    }
}
