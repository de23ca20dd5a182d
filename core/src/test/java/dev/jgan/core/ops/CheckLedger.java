package dev.jgan.core.ops;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.random.Generator;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs each (op, sample, order) check at most once per JVM and remembers what it exercised: the
 * {@link Op} of every node in the graphs the check differentiated, and whether it passed. The
 * parameterized checks and the coverage test share these results, so the coverage test means
 * the same whether it runs after the checks or alone (then it runs them itself).
 */
final class CheckLedger {
    /** First derivatives (gradcheck) or second derivatives (gradgradcheck). */
    enum Order { GRADCHECK, GRADGRADCHECK }

    /** What one check saw: the ops in its graphs, and the error if it failed (null if it passed). */
    record Outcome(Set<Op> exercised, Throwable failure) {
    }

    private static final Map<String, Outcome> OUTCOMES = new HashMap<>();

    private CheckLedger() {
    }

    static synchronized Outcome run(OpInfo info, OpSample sample, Order order) {
        return OUTCOMES.computeIfAbsent(info.name() + " / " + sample.name() + " / " + order,
                key -> execute(info, sample, order));
    }

    /**
     * The ops exercised by at least one passing check of this order, over the whole registry;
     * failed checks count for nothing.
     */
    static Set<Op> exercised(Order order) {
        Set<Op> ops = EnumSet.noneOf(Op.class);
        for (OpInfo info : OpInfos.all()) {
            if (order == Order.GRADGRADCHECK && !info.checksSecondOrder()) {
                continue;
            }
            for (OpSample sample : info.samples()) {
                Outcome outcome = run(info, sample, order);
                if (outcome.failure() == null) {
                    ops.addAll(outcome.exercised());
                }
            }
        }
        return ops;
    }

    private static Outcome execute(OpInfo info, OpSample sample, Order order) {
        Set<Op> seen = EnumSet.noneOf(Op.class);
        // Every evaluation the checker makes goes through here, so the graphs it differentiates
        // are exactly the ones recorded (evaluations without grad mode have no graph to add).
        Function<List<Tensor>, Tensor> recorded = in -> {
            Tensor out = sample.fn().apply(in);
            seen.addAll(GraphOps.of(out));
            return out;
        };
        Tensor[] inputs = sample.inputs(info.name());
        try {
            if (order == Order.GRADCHECK) {
                sample.tolerances().check(recorded, inputs);
            } else {
                tiltedSecondOrder(recorded, inputs, sample, sample.seed(info.name()) + 1);
            }
            return new Outcome(Collections.unmodifiableSet(seen), null);
        } catch (AssertionError | RuntimeException e) {
            return new Outcome(Collections.unmodifiableSet(seen), e);
        }
    }

    /**
     * gradgradcheck of f(x) * w, w a random variable leaf of f's output shape. GradCheck's
     * second-order check keeps its output weights fixed, so it would not notice a backward
     * formula that is right in x but wrong (say, detached) in the incoming gradient; here that
     * incoming gradient is v * w, and differentiating with respect to w checks exactly that.
     */
    private static void tiltedSecondOrder(Function<List<Tensor>, Tensor> f, Tensor[] inputs, OpSample sample,
                                          long seed) {
        int[] outShape;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            outShape = f.apply(Arrays.asList(inputs)).shape();
        }
        Tensor w = Tensor.uniform(new Generator(seed), DType.FLOAT64, 0.5, 1.5, outShape)
                .requiresGrad(true);
        Tensor[] withW = Arrays.copyOf(inputs, inputs.length + 1);
        withW[inputs.length] = w;
        int n = inputs.length;
        sample.tolerances().checkSecondOrder(in -> f.apply(in.subList(0, n)).mul(in.get(n)), withW);
    }
}
