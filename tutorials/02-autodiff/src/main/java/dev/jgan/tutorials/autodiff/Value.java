package dev.jgan.tutorials.autodiff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A micrograd-sized autodiff engine for single numbers, the chapter's first engine. Each value
 * remembers the values it was computed from and a closure that pushes its gradient back to
 * them; {@link #backward()} runs those closures from the output to the inputs.
 *
 * <p>It is deliberately tiny: the tensor engine in core does the same thing for arrays.
 */
public final class Value {
    private static final Runnable NOTHING = () -> { };

    private final double data;
    private final List<Value> children;
    private double grad;
    private Runnable backwardStep = NOTHING;

    /** A leaf: a number we may want the derivative with respect to. */
    public Value(double data) {
        this(data, List.of());
    }

    private Value(double data, List<Value> children) {
        this.data = data;
        this.children = children;
    }

    public double data() {
        return data;
    }

    /** d(output)/d(this) after {@link #backward()} has run on the output; 0 before. */
    public double grad() {
        return grad;
    }

    public Value add(Value other) {
        Value out = new Value(data + other.data, List.of(this, other));
        // d(a+b)/da = 1 and d(a+b)/db = 1: the gradient passes through unchanged.
        out.backwardStep = () -> {
            this.grad += out.grad;
            other.grad += out.grad;
        };
        return out;
    }

    public Value mul(Value other) {
        Value out = new Value(data * other.data, List.of(this, other));
        // d(ab)/da = b and d(ab)/db = a: each side gets the other side's value.
        out.backwardStep = () -> {
            this.grad += other.data * out.grad;
            other.grad += this.data * out.grad;
        };
        return out;
    }

    public Value tanh() {
        double t = Math.tanh(data);
        Value out = new Value(t, List.of(this));
        // d tanh(x)/dx = 1 - tanh(x)^2, and tanh(x) is already at hand.
        out.backwardStep = () -> this.grad += (1 - t * t) * out.grad;
        return out;
    }

    /**
     * A new op of one input, for code outside this class (the chapter's exercise writes
     * {@code exp} with it): {@code result} is the op's value here and {@code slope} its local
     * derivative d(result)/d(this), which the backward step multiplies by the result's gradient.
     */
    Value unary(double result, double slope) {
        Value out = new Value(result, List.of(this));
        out.backwardStep = () -> this.grad += slope * out.grad;
        return out;
    }

    /**
     * Fills {@link #grad()} of every value this one depends on. The gradients are summed
     * (+=), so a value used twice receives both contributions; the order guarantees that a
     * value's gradient is complete before it is passed on.
     */
    public void backward() {
        List<Value> order = new ArrayList<>();
        visit(this, Collections.newSetFromMap(new IdentityHashMap<>()), order);
        grad = 1.0;
        for (int i = order.size() - 1; i >= 0; i--) {
            order.get(i).backwardStep.run();
        }
    }

    /** Depth-first post-order: every value comes after all the values it was computed from. */
    private static void visit(Value v, Set<Value> seen, List<Value> order) {
        if (seen.add(v)) {
            for (Value child : v.children) {
                visit(child, seen, order);
            }
            order.add(v);
        }
    }

    @Override
    public String toString() {
        return "Value(data=" + data + ", grad=" + grad + ")";
    }
}
