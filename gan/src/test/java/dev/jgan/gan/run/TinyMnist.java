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

    public static Path write(Path dir, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        float[] values = Tensor.rand(new Generator(seed), count * 28 * 28).toFloatArray();
        ByteBuffer images = ByteBuffer.allocate(16 + values.length).putInt(0x803).putInt(count).putInt(28).putInt(28);
        for (float v : values) {
            images.put((byte) (v * 255));
        }
        ByteBuffer labels = ByteBuffer.allocate(8 + count).putInt(0x801).putInt(count);
        for (int i = 0; i < count; i++) {
            labels.put((byte) (i % 10));
        }
        Files.write(dir.resolve("train-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels.array());
        return dir;
    }
}
