package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.gradcheck.GradCheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One user-facing op in the gradient-check registry, organised like PyTorch's OpInfo: the graph
 * nodes it records, the samples gradcheck and gradgradcheck run it on, and hand-computed forward
 * examples.
 *
 * @param nodes              the node kinds every sample's graph records for this op itself (the
 *                           views a sample builds around it come on top)
 * @param gradGradExemption  why this op's second derivatives are not checked, or null if they are
 */
record OpInfo(String name, Set<Op> nodes, List<OpSample> samples, List<ForwardExample> examples,
              String gradGradExemption) {

    static Builder op(String name, Op... nodes) {
        return new Builder(name, nodes);
    }

    boolean checksSecondOrder() {
        return gradGradExemption == null;
    }

    @Override
    public String toString() {
        return name;
    }

    static final class Builder {
        private final String name;
        private final Set<Op> nodes = EnumSet.noneOf(Op.class);
        private final List<OpSample> samples = new ArrayList<>();
        private final List<ForwardExample> examples = new ArrayList<>();
        private String gradGradExemption;

        private Builder(String name, Op[] nodes) {
            this.name = name;
            this.nodes.addAll(Arrays.asList(nodes));
        }

        /** A sample checked with PyTorch's default tolerances. */
        Builder sample(String sampleName, Function<List<Tensor>, Tensor> fn, Arg... args) {
            return sample(sampleName, GradCheck.defaults(), fn, args);
        }

        Builder sample(String sampleName, GradCheck tolerances, Function<List<Tensor>, Tensor> fn, Arg... args) {
            samples.add(new OpSample(sampleName, fn, List.of(args), tolerances));
            return this;
        }

        /** A forward value worked out by hand; inputs are float64. */
        Builder example(String description, Function<List<Tensor>, Tensor> fn, Tensor expected, Tensor... inputs) {
            examples.add(new ForwardExample(description, fn, List.of(inputs), expected.shape(), expected.toDoubleArray()));
            return this;
        }

        /** Leaves this op out of gradgradcheck; the reason appears in docs/ops.md. */
        Builder noGradGrad(String reason) {
            gradGradExemption = reason;
            return this;
        }

        OpInfo build() {
            return new OpInfo(name, Collections.unmodifiableSet(EnumSet.copyOf(nodes)), List.copyOf(samples),
                    List.copyOf(examples), gradGradExemption);
        }
    }
}
