package dev.jgan.gan.train;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.nn.Module;
import dev.jgan.nn.Sequential;

import java.util.Map;
import java.util.Optional;

/**
 * Finds where a NaN or infinity first appears in a network: first a parameter that is already
 * non-finite (a bad update), otherwise the first layer of a {@link Sequential} whose output is
 * non-finite for the given input.
 */
final class NonFiniteDiagnosis {
    private NonFiniteDiagnosis() {
    }

    static Optional<String> locate(String name, Module model, Tensor input) {
        for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
            if (!isFinite(p.getValue())) {
                return Optional.of("parameter " + name + "." + p.getKey() + " is not finite");
            }
        }
        if (!isFinite(input)) {
            return Optional.of("the input of " + name + " is not finite");
        }
        if (model instanceof Sequential seq) {
            try (GradMode.Scope scope = GradMode.noGrad()) {
                Tensor x = input;
                for (int i = 0; i < seq.size(); i++) {
                    x = seq.get(i).forward(x);
                    if (!isFinite(x)) {
                        return Optional.of("the output of layer " + name + "." + i + " (" + seq.get(i) + ") is not finite");
                    }
                }
            }
        }
        return Optional.empty();
    }

    static boolean isFinite(Tensor t) {
        for (double v : t.toDoubleArray()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
