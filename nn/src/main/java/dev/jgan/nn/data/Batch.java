package dev.jgan.nn.data;

import dev.jgan.core.Tensor;

/**
 * A mini-batch: {@code images} is float32 of shape {@code [B, ...imageShape]} (for example
 * {@code [B, C, H, W]}), {@code labels[b]} is the class of {@code images[b]}. Labels stay a plain
 * {@code int[]} because tensors hold only floating-point values.
 */
public record Batch(Tensor images, int[] labels) {

    /** Number of examples in this batch (the last batch of an epoch may be short). */
    public int size() {
        return labels.length;
    }
}
