package dev.jgan.gan.run;

import dev.jgan.core.random.Generator;
import dev.jgan.core.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a few random 28x28 images as MNIST IDX files, so that a test can train a DCGAN on
 * "--data DIR" for a handful of steps: the embedded digits are 1797 images, too many steps for
 * a test at any batch size a 32x32 convolutional GAN runs quickly with.
 */
public final class TinyMnist {
    private TinyMnist() {
    }

    /** {@code count} random training images. */
    public static Path write(Path dir, int count, long seed) throws IOException {
        float[] values = Tensor.rand(new Generator(seed), count * 28 * 28).toFloatArray();
        byte[] pixels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            pixels[i] = (byte) (values[i] * 255);
        }
        return write(dir, "train", count, 28, pixels);
    }

    /** A test split (t10k files) of {@code count} images of {@code side} x {@code side}, every pixel black. */
    public static Path writeBlackTest(Path dir, int count, int side) throws IOException {
        return write(dir, "t10k", count, side, new byte[count * side * side]);
    }

    private static Path write(Path dir, String prefix, int count, int side, byte[] pixels) throws IOException {
        Files.createDirectories(dir);
        ByteBuffer images = ByteBuffer.allocate(16 + pixels.length).putInt(0x803).putInt(count).putInt(side).putInt(side)
                .put(pixels);
        byte[] classes = new byte[count];
        for (int i = 0; i < count; i++) {
            classes[i] = (byte) (i % 10);
        }
        ByteBuffer labels = ByteBuffer.allocate(8 + count).putInt(0x801).putInt(count).put(classes);
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
        return dir;
    }
}
