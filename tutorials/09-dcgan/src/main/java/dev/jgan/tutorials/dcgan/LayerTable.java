package dev.jgan.tutorials.dcgan;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.nn.Module;
import dev.jgan.nn.Sequential;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints a network as a table: one image goes through the layers one at a time, and each row
 * shows the layer, the shape of one image after it (without the batch dim) and its parameter
 * count. The shapes are computed, not typed in, so the table cannot disagree with the code.
 */
final class LayerTable {
    private LayerTable() {
    }

    /** Traces {@code x}, a batch of one, through {@code layers} (in eval mode); returns the output. */
    static Tensor print(PrintStream out, Sequential layers, Tensor x) {
        boolean wasTraining = layers.isTraining();
        layers.eval();
        try (GradMode.Scope scope = GradMode.noGrad()) {
            out.printf(Locale.ROOT, "  %-16s %10s  %s%n", "output", "parameters", "layer");
            Tensor y = x;
            for (int i = 0; i < layers.size(); i++) {
                Module layer = layers.get(i);
                y = layer.forward(y);
                long params = parameters(layer);
                out.printf(Locale.ROOT, "  %-16s %10s  (%d) %s%n", perImage(y), params == 0 ? "" : count(params), i, layer);
            }
            return y;
        } finally {
            layers.train(wasTraining);
        }
    }

    static String perImage(Tensor batchOfOne) {
        int[] s = batchOfOne.shape();
        return Shape.format(Arrays.copyOfRange(s, 1, s.length));
    }

    static long parameters(Module m) {
        return m.parameters().stream().mapToLong(Tensor::numel).sum();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
