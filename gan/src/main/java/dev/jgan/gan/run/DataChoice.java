package dev.jgan.gan.run;

import dev.jgan.core.Shape;
import dev.jgan.nn.data.Cifar10;
import dev.jgan.nn.data.Dataset;
import dev.jgan.nn.data.Digits;
import dev.jgan.nn.data.FashionMnist;
import dev.jgan.nn.data.Mnist;
import dev.jgan.nn.data.Normalize;
import dev.jgan.nn.data.Pad;
import dev.jgan.nn.data.Resize;
import dev.jgan.nn.data.TensorDataset;
import dev.jgan.nn.data.Transform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code --data} names: {@code digits} (the embedded 8x8 digits), {@code fashion-mnist}
 * (Debian's dataset-fashion-mnist), or a directory holding MNIST-style IDX files or CIFAR-10
 * binary batches. Every choice yields training images scaled to [-1, 1], the range of G's Tanh,
 * and fitted to the model's image size: padded with a black border when they are at most
 * {@value #MAX_PAD} pixels smaller (28x28 Fashion-MNIST to 32x32, as DCGAN code does with
 * MNIST), resized bilinearly otherwise (8x8 digits to 32x32, CIFAR-10 to 64x64).
 */
public final class DataChoice {
    /** Up to this much smaller, padding keeps every pixel as it was; beyond it the border would dominate. */
    static final int MAX_PAD = 4;

    /** The training images and how they were made from the files, for the run to report. */
    public record Loaded(TensorDataset images, String name, int[] fileShape, Transform fit) {
        public String describe() {
            String how = fit == null ? "" : (fit instanceof Pad ? " padded with black" : " resized bilinearly") + " to "
                    + Shape.format(images.imageShape());
            return String.format(Locale.ROOT, "%s: %d images %s%s, scaled to [-1, 1]", name, images.size(),
                    Shape.format(fileShape), how);
        }
    }

    private DataChoice() {
    }

    /** The data set {@code name} with images of side {@code imageSize} ({@link RunConfig#DATA_IMAGE_SIZE}: as they are). */
    public static Loaded load(String name, int imageSize) throws IOException {
        Dataset raw = switch (name) {
            case "digits" -> Digits.load();
            case "fashion-mnist" -> FashionMnist.load(true);
            default -> fromDirectory(Path.of(name));
        };
        Transform fit = fit(name, raw.imageShape(), imageSize);
        // Pad before scaling: the loaders' black is 0, which the scaling then maps to -1 with the rest.
        Transform all = fit == null ? Normalize.toTanhRange(1.0) : fit.andThen(Normalize.toTanhRange(1.0));
        return new Loaded(TensorDataset.copyOf(raw.map(all)), name, raw.imageShape(), fit);
    }

    /** The transform that brings square images of {@code shape} to {@code size}; null when none is needed. */
    static Transform fit(String name, int[] shape, int size) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("--data " + name + ": images must be [C, H, W], got " + Shape.format(shape));
        }
        if (size == RunConfig.DATA_IMAGE_SIZE || (shape[1] == size && shape[2] == size)) {
            return null;
        }
        if (shape[1] != shape[2]) {
            throw new IllegalArgumentException("--image-size " + size + ": the images of " + name + " are "
                    + Shape.format(shape) + ", not square; crop them to a square first");
        }
        int border = size - shape[1];
        if (border > 0 && border <= MAX_PAD && border % 2 == 0) {
            return Pad.uniform(border / 2, 0f);
        }
        return new Resize(size, size);
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
