package dev.jgan.nn.optim;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.nn.Module;

import java.util.List;
import java.util.Map;

/**
 * An exponential moving average of a module's weights, kept in a second module of the same
 * architecture: after each optimizer step, every parameter and buffer of {@code average} becomes
 * {@code d * average + (1 - d) * live}. GANs sample from such an average of G (Karras et al. 2018,
 * Yazıcı et al. 2019): G's weights circle around a point as G and D chase each other, and their
 * average sits nearer that point than any one of them.
 *
 * <p>Buffers are averaged like parameters, so a BatchNorm's running statistics in the average are
 * an average of the live ones, over the same steps as its weights.
 *
 * <p>The first updates use a smaller decay, {@code min(decay, (1 + t) / (10 + t))} at update t
 * (counting from 0, as TensorFlow's ExponentialMovingAverage does with its step count): the average
 * starts as a copy of the initial weights, and with 0.995 from the start those random weights
 * would still weigh e^-1 after 200 steps. The count is the caller's (a training run's step), so a
 * resumed run continues with the decay it would have had.
 */
public final class ExponentialMovingAverage {
    private final Module live;
    private final Module average;
    private final double decay;

    /**
     * Averages {@code live} into {@code average}, a module of the same architecture whose weights are
     * set to {@code live}'s now.
     */
    public ExponentialMovingAverage(Module live, Module average, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("ExponentialMovingAverage: decay must be in [0, 1), got " + decay);
        }
        requireSameTensors("parameter", live.namedParameters(), average.namedParameters());
        requireSameTensors("buffer", live.namedBuffers(), average.namedBuffers());
        this.live = live;
        this.average = average;
        this.decay = decay;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            copy(live.parameters(), average.parameters());
            copy(live.buffers(), average.buffers());
        }
    }

    /** Folds the live weights into the average; {@code t} counts the updates before this one. */
    public void update(long t) {
        if (t < 0) {
            throw new IllegalArgumentException("ExponentialMovingAverage: update count must be >= 0, got " + t);
        }
        double d = decayAt(t);
        try (GradMode.Scope scope = GradMode.noGrad()) {
            blend(live.parameters(), average.parameters(), d);
            blend(live.buffers(), average.buffers(), d);
        }
    }

    /** The decay of update {@code t}: {@code min(decay, (1 + t) / (10 + t))}. */
    public double decayAt(long t) {
        return Math.min(decay, (1.0 + t) / (10.0 + t));
    }

    public Module average() {
        return average;
    }

    public double decay() {
        return decay;
    }

    private static void blend(List<Tensor> from, List<Tensor> into, double d) {
        for (int i = 0; i < from.size(); i++) {
            into.get(i).mul_(d).add_(from.get(i), 1 - d);
        }
    }

    private static void copy(List<Tensor> from, List<Tensor> into) {
        for (int i = 0; i < from.size(); i++) {
            into.get(i).copy_(from.get(i));
        }
    }

    private static void requireSameTensors(String kind, Map<String, Tensor> live, Map<String, Tensor> average) {
        if (!live.keySet().equals(average.keySet())) {
            throw new IllegalArgumentException("ExponentialMovingAverage: the average's " + kind + "s " + average.keySet()
                    + " are not the live module's " + live.keySet());
        }
        live.forEach((name, t) -> {
            if (!java.util.Arrays.equals(t.shape(), average.get(name).shape())) {
                throw new IllegalArgumentException("ExponentialMovingAverage: " + kind + " '" + name + "' has shape "
                        + Shape.format(t.shape()) + " in the live module and " + Shape.format(average.get(name).shape())
                        + " in the average");
            }
        });
    }
}
