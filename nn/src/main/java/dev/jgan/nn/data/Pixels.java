package dev.jgan.nn.data;

/** Byte pixels 0..255 to floats in [0, 1], dividing as torchvision's {@code ToTensor} does. */
final class Pixels {
    private Pixels() {
    }

    static float unit(byte pixel) {
        return (pixel & 0xFF) / 255f;
    }
}
