package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.random.Generator;

import java.util.List;
import java.util.function.Function;

/**
 * One way of calling an op under gradcheck (PyTorch's SampleInput): contiguous leaves drawn from
 * their domains, and a function that builds whatever views the sample is about (broadcast,
 * transposed, narrowed, expanded) inside itself, so that their backward is checked too.
 */
record OpSample(String name, Function<List<Tensor>, Tensor> fn, List<Arg> args, GradCheck tolerances) {

    /** The leaves for this sample, the same on every call: the seed is derived from the names. */
    Tensor[] inputs(String opName) {
        Generator gen = new Generator(seed(opName));
        return args.stream().map(a -> a.make(gen)).toArray(Tensor[]::new);
    }

    long seed(String opName) {
        return (opName + "/" + name).hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
