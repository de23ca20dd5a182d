package dev.jgan.nn.optim;

import dev.jgan.core.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer's state in the shape a safetensors file holds it: per-parameter tensors keyed
 * {@code state.<index>.<name>} (PyTorch's names: {@code exp_avg}, {@code momentum_buffer}, ...),
 * and text entries: {@code type}, {@code lr}, the optimizer's settings by PyTorch's names
 * ({@code momentum}, {@code beta1}, {@code weight_decay}, ...) and {@code state.<index>.step}.
 */
public record OptimizerState(Map<String, Tensor> tensors, Map<String, String> metadata) {
    public OptimizerState {
        // Copies that keep the order entries were added in, so files written from them are stable.
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
