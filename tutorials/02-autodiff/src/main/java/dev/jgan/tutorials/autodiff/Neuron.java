package dev.jgan.tutorials.autodiff;

import dev.jgan.core.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * One neuron, o = tanh(x1*w1 + x2*w2 + b), differentiated twice: by the scalar {@link Value}
 * engine and by core's tensor engine. The chapter prints both to show they agree.
 */
final class Neuron {
    /** The inputs, in the order every method here takes and returns them. */
    static final List<String> NAMES = List.of("x1", "w1", "x2", "w2", "b");

    /** The output o and d o / d input for each input, in {@link #NAMES} order. */
    record Result(double output, double[] grads) {
    }

    private Neuron() {
    }

    static Result withValues(double x1, double w1, double x2, double w2, double b) {
        List<Value> in = List.of(new Value(x1), new Value(w1), new Value(x2), new Value(w2), new Value(b));
        Value o = in.get(0).mul(in.get(1)).add(in.get(2).mul(in.get(3))).add(in.get(4)).tanh();
        o.backward();
        return new Result(o.data(), in.stream().mapToDouble(Value::grad).toArray());
    }

    static Result withTensors(double x1, double w1, double x2, double w2, double b) {
        List<Tensor> in = new ArrayList<>();
        for (double v : new double[]{x1, w1, x2, w2, b}) {
            // fromArray with no sizes gives a 0-dim tensor (shape []); float64, as in gradcheck.
            in.add(Tensor.fromArray(new double[]{v}).requiresGrad(true));
        }
        Tensor o = in.get(0).mul(in.get(1)).add(in.get(2).mul(in.get(3))).add(in.get(4)).tanh();
        o.backward();
        return new Result(o.item(), in.stream().mapToDouble(t -> t.grad().item()).toArray());
    }
}
