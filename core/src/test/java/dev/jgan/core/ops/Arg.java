package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;

/** One input of a sample: its shape, where its values come from, and whether it is a variable. */
record Arg(Domain domain, int[] shape, boolean requiresGrad) {

    /** A float64 variable that gradcheck differentiates with respect to. */
    static Arg of(Domain domain, int... shape) {
        return new Arg(domain, shape, true);
    }

    /** A float64 input held constant (a mask, a target): gradcheck skips it. */
    static Arg constant(Domain domain, int... shape) {
        return new Arg(domain, shape, false);
    }

    /** A fresh contiguous leaf that owns its storage, as gradcheck requires. */
    Tensor make(Generator gen) {
        double[] values = domain.draw(gen, Shape.numel(shape));
        return Tensor.fromArray(values, shape).requiresGrad(requiresGrad);
    }
}
