package dev.jgan.nn.init;

/** The activations {@link Init#calculateGain} knows, with PyTorch's names. */
public enum Nonlinearity {
    LINEAR, CONV1D, CONV2D, CONV3D, CONV_TRANSPOSE1D, CONV_TRANSPOSE2D, CONV_TRANSPOSE3D,
    SIGMOID, TANH, RELU, LEAKY_RELU, SELU
}
