package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.UnaryOp;

import java.util.function.Supplier;

/**
 * Elementwise ops and their derivatives. Each backward formula is written with tensor ops on
 * the saved inputs or output, so it runs on any backend and can be differentiated again.
 */
public final class Pointwise {
    private Pointwise() {
    }

    // ---- forward helpers: allocate, run one kernel, no graph ----

    /** Applies a unary kernel into a fresh tensor. */
    static Tensor map(UnaryOp kernel, Tensor x, double p1, double p2) {
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.shape());
        x.backend().unary(kernel, x.operand(), out.operand(), p1, p2);
        return out;
    }

    /** Applies a binary kernel with broadcasting into a fresh tensor. */
    static Tensor zip(String name, BinaryOp kernel, Tensor a, Tensor b) {
        Checks.compatible(name, a, b);
        int[] shape = Shape.broadcast(name, a.shape(), b.shape());
        Tensor out = Tensor.empty(a.backend(), a.dtype(), shape);
        a.backend().binary(kernel, Views.broadcastLayout(a, shape), Views.broadcastLayout(b, shape), out.operand());
        return out;
    }

    /** The gradient for an input, computed only if that input wants one. */
    static Tensor ifNeeded(Tensor input, Supplier<Tensor> gradient) {
        return input.requiresGrad() ? gradient.get() : null;
    }

    // ---- binary arithmetic ----

    public static Tensor add(Tensor a, Tensor b) {
        Tensor out = zip("add", BinaryOp.ADD, a, b);
        return Autograd.record(Op.ADD, out, g -> new Tensor[]{
                ifNeeded(a, () -> Reductions.sumTo(g, a.shape())),
                ifNeeded(b, () -> Reductions.sumTo(g, b.shape()))}, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        Tensor out = zip("sub", BinaryOp.SUB, a, b);
        return Autograd.record(Op.SUB, out, g -> new Tensor[]{
                ifNeeded(a, () -> Reductions.sumTo(g, a.shape())),
                ifNeeded(b, () -> Reductions.sumTo(g.neg(), b.shape()))}, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        Tensor out = zip("mul", BinaryOp.MUL, a, b);
        return Autograd.record(Op.MUL, out, g -> new Tensor[]{
                ifNeeded(a, () -> Reductions.sumTo(g.mul(b), a.shape())),
                ifNeeded(b, () -> Reductions.sumTo(g.mul(a), b.shape()))}, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        Tensor out = zip("div", BinaryOp.DIV, a, b);
        return Autograd.record(Op.DIV, out, g -> new Tensor[]{
                ifNeeded(a, () -> Reductions.sumTo(g.div(b), a.shape())),
                // d(a/b)/db = -a / b^2
                ifNeeded(b, () -> Reductions.sumTo(g.mul(a).div(b.mul(b)).neg(), b.shape()))}, a, b);
    }

    /** a ^ b elementwise, both tensors. */
    public static Tensor pow(Tensor a, Tensor b) {
        Tensor out = zip("pow", BinaryOp.POW, a, b);
        return Autograd.record(Op.POW, out, g -> new Tensor[]{
                // Where b = 0, a^b is constant 1: its derivative is 0 even at a = 0, where b a^(b-1) is NaN.
                ifNeeded(a, () -> Reductions.sumTo(Tensor.where(b.eq(0.0), Tensor.scalarLike(g, 0.0),
                        g.mul(b).mul(a.pow(b.sub(1.0)))), a.shape())),
                // d(a^b)/db = a^b log a. At a = ±0 with b >= 0, a^b is 0 or 1 and the product is
                // 0 * -inf or 1 * -inf; PyTorch (pow_backward_exponent) defines it as 0 there. With
                // b < 0 it keeps g * (a^b log a): a^b is ±inf and log(±0) is -inf, so the gradient is
                // -inf at +0 and ±inf at -0 (+inf where a^b = -inf, an odd negative b), NaN if g = 0.
                ifNeeded(b, () -> {
                    Tensor full = g.mul(out.mul(a.log()));
                    Tensor zeroBase = a.eq(0.0).mul(b.ge(0.0));
                    return Reductions.sumTo(Tensor.where(zeroBase, Tensor.scalarLike(full, 0.0), full), b.shape());
                })}, a, b);
    }

    /**
     * The larger of a and b. Where they tie, each gets half the gradient, as in PyTorch: the
     * function has no derivative there, and the even split keeps the sum right.
     */
    public static Tensor maximum(Tensor a, Tensor b) {
        return extremum("maximum", BinaryOp.MAXIMUM, Op.MAXIMUM, a, b);
    }

    public static Tensor minimum(Tensor a, Tensor b) {
        return extremum("minimum", BinaryOp.MINIMUM, Op.MINIMUM, a, b);
    }

    private static Tensor extremum(String name, BinaryOp kernel, Op op, Tensor a, Tensor b) {
        Tensor out = zip(name, kernel, a, b);
        return Autograd.record(op, out, g -> {
            Tensor aWins = kernel == BinaryOp.MAXIMUM ? a.gt(b) : a.lt(b);
            Tensor share = aWins.add(a.eq(b).mul(0.5));
            return new Tensor[]{
                    ifNeeded(a, () -> Reductions.sumTo(g.mul(share), a.shape())),
                    ifNeeded(b, () -> Reductions.sumTo(g.mul(share.neg().add(1.0)), b.shape()))};
        }, a, b);
    }

    /** cond != 0 ? a : b, broadcasting all three. cond is a mask and gets no gradient. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Checks.compatible("where", a, b);
        Checks.compatible("where", cond, a);
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
        Tensor out = Tensor.empty(a.backend(), a.dtype(), shape);
        a.backend().where(Views.broadcastLayout(cond, shape), Views.broadcastLayout(a, shape),
                Views.broadcastLayout(b, shape), out.operand());
        return Autograd.record(Op.WHERE, out, g -> {
            Tensor zero = Tensor.scalarLike(g, 0.0);
            return new Tensor[]{
                    ifNeeded(a, () -> Reductions.sumTo(where(cond, g, zero), a.shape())),
                    ifNeeded(b, () -> Reductions.sumTo(where(cond, zero, g), b.shape()))};
        }, a, b);
    }

    /** A comparison mask (1 where true, 0 elsewhere); it has no gradient and records nothing. */
    public static Tensor compare(String name, BinaryOp kernel, Tensor a, Tensor b) {
        return zip(name, kernel, a, b);
    }

    // ---- unary ----

    public static Tensor neg(Tensor x) {
        Tensor out = map(UnaryOp.NEG, x, 0, 0);
        return Autograd.record(Op.NEG, out, g -> new Tensor[]{g.neg()}, x);
    }

    /** x ^ p for a constant exponent p. */
    public static Tensor pow(Tensor x, double p) {
        Tensor out = map(UnaryOp.POW, x, p, 0);
        return Autograd.record(Op.POW_SCALAR, out, g -> new Tensor[]{
                // p = 0 is constant 1: its derivative is 0 even at x = 0, where p * x^(p-1) would be NaN.
                p == 0.0 ? Tensor.zerosLike(x) : g.mul(x.pow(p - 1.0)).mul(p)}, x);
    }

    public static Tensor exp(Tensor x) {
        Tensor out = map(UnaryOp.EXP, x, 0, 0);
        return Autograd.record(Op.EXP, out, g -> new Tensor[]{g.mul(out)}, x);
    }

    public static Tensor log(Tensor x) {
        Tensor out = map(UnaryOp.LOG, x, 0, 0);
        return Autograd.record(Op.LOG, out, g -> new Tensor[]{g.div(x)}, x);
    }

    public static Tensor sqrt(Tensor x) {
        Tensor out = map(UnaryOp.SQRT, x, 0, 0);
        return Autograd.record(Op.SQRT, out, g -> new Tensor[]{g.div(out.mul(2.0))}, x);
    }

    /** |x|; its gradient at 0 is taken as 0 (the sign), as PyTorch does. */
    public static Tensor abs(Tensor x) {
        Tensor out = map(UnaryOp.ABS, x, 0, 0);
        return Autograd.record(Op.ABS, out, g -> new Tensor[]{g.mul(map(UnaryOp.SIGN, x, 0, 0))}, x);
    }

    public static Tensor tanh(Tensor x) {
        Tensor out = map(UnaryOp.TANH, x, 0, 0);
        return Autograd.record(Op.TANH, out, g -> new Tensor[]{g.mul(out.mul(out).neg().add(1.0))}, x);
    }

    public static Tensor sigmoid(Tensor x) {
        Tensor out = map(UnaryOp.SIGMOID, x, 0, 0);
        return Autograd.record(Op.SIGMOID, out, g -> new Tensor[]{g.mul(out).mul(out.neg().add(1.0))}, x);
    }

    /** max(x, 0); the gradient at exactly 0 is 0, as in PyTorch. */
    public static Tensor relu(Tensor x) {
        Tensor out = map(UnaryOp.RELU, x, 0, 0);
        return Autograd.record(Op.RELU, out, g -> new Tensor[]{g.mul(x.gt(0.0))}, x);
    }

    public static Tensor leakyRelu(Tensor x, double slope) {
        Tensor out = map(UnaryOp.LEAKY_RELU, x, slope, 0);
        return Autograd.record(Op.LEAKY_RELU, out, g -> {
            // 1 where x > 0, slope elsewhere; built in place in one fresh tensor (same bits as
            // out-of-place ops, two allocations and passes fewer per backward)
            Tensor factor = x.gt(0.0).mul_(1.0 - slope).add_(slope);
            return new Tensor[]{g.mul(factor)};
        }, x);
    }

    /**
     * Clamps into [min, max] (either may be infinite). The gradient passes where
     * min <= x <= max, boundaries included, as in PyTorch.
     */
    public static Tensor clamp(Tensor x, double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        Tensor out = map(UnaryOp.CLAMP, x, min, max);
        return Autograd.record(Op.CLAMP, out, g -> new Tensor[]{g.mul(x.ge(min).mul(x.le(max)))}, x);
    }
}
