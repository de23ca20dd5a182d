package dev.jgan.gan.run;

import dev.jgan.nn.data.Cifar10;
import dev.jgan.nn.data.Dataset;
import dev.jgan.nn.data.Digits;
import dev.jgan.nn.data.FashionMnist;
import dev.jgan.nn.data.Mnist;
import dev.jgan.nn.data.Normalize;
import dev.jgan.nn.data.TensorDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code --data} names: {@code digits} (the embedded 8x8 digits), {@code fashion-mnist}
 * (Debian's dataset-fashion-mnist), or a directory holding MNIST-style IDX files or CIFAR-10
 * binary batches. Every choice yields training images scaled to [-1, 1], the range of G's Tanh.
 */
public final class DataChoice {
    private DataChoice() {
    }

    public static TensorDataset load(String name) throws IOException {
        Dataset raw = switch (name) {
            case "digits" -> Digits.load();
            case "fashion-mnist" -> FashionMnist.load(true);
            default -> fromDirectory(Path.of(name));
        };
        return TensorDataset.copyOf(raw.map(Normalize.toTanhRange(1.0)));
    }

    private static Dataset fromDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--data: '" + dir + "' is neither digits, fashion-mnist nor a directory");
        }
        if (Files.exists(dir.resolve("data_batch_1.bin"))) {
            return Cifar10.load(dir, true);
        }
        return Mnist.load(dir, true);
    }
}
