package dev.jgan.nn.data;

import dev.jgan.core.Tensor;

/** One labelled image: a float32 tensor of the data set's image shape and its class. */
public record Example(Tensor image, int label) {
}
