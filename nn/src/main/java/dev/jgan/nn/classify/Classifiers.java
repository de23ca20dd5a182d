package dev.jgan.nn.classify;

import dev.jgan.core.Shape;
import dev.jgan.core.ops.ConvGeometry;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Conv2d;
import dev.jgan.nn.Dropout;
import dev.jgan.nn.Flatten;
import dev.jgan.nn.Linear;
import dev.jgan.nn.MaxPool2d;
import dev.jgan.nn.ReLU;
import dev.jgan.nn.Sequential;

/**
 * The two classifier shapes of chapter 4, built from the nn layers: a multi-layer perceptron
 * and a small LeNet-like CNN. {@link Architecture} names the configurations that are trained
 * and saved.
 */
public final class Classifiers {
    private Classifiers() {
    }

    /**
     * Flatten, then Linear + ReLU for each hidden width; the head maps the last hidden width to
     * {@code classes} logits. The features are the last hidden layer's activations.
     */
    public static Classifier mlp(String name, int[] imageShape, int classes, Generator gen, int... hidden) {
        if (hidden.length == 0) {
            throw new IllegalArgumentException(name + ": an MLP needs at least one hidden layer for its features");
        }
        Sequential features = new Sequential(new Flatten());
        int width = Shape.numel(imageShape);
        for (int h : hidden) {
            features.add(new Linear(width, h, gen)).add(new ReLU());
            width = h;
        }
        return new Classifier(name, imageShape, features, new Linear(width, classes, gen));
    }

    /**
     * The sizes of a {@link #cnn}: square kernels of side {@code kernel} with {@code padding} on
     * each side, {@code channels1} and {@code channels2} feature maps, {@code hidden} features,
     * and the probability of {@link Dropout} on them in training (0 for none).
     */
    public record CnnLayout(int kernel, int padding, int channels1, int channels2, int hidden, double dropout) {
    }

    /**
     * Two blocks of conv (stride 1) + ReLU + 2x2 max-pool, then Linear + ReLU to the hidden
     * features (and dropout, if any) and the head. Images are [C, H, W]; each block maps a side
     * of length s to (s + 2 padding - kernel + 1) / 2, rounded down.
     */
    public static Classifier cnn(String name, int[] imageShape, int classes, CnnLayout layout, Generator gen) {
        if (imageShape.length != 3) {
            throw new IllegalArgumentException(name + ": a CNN takes images [C, H, W], got " + Shape.format(imageShape));
        }
        int k = layout.kernel();
        int p = layout.padding();
        int h = imageShape[1];
        int w = imageShape[2];
        for (int block = 0; block < 2; block++) {
            h = ConvGeometry.outputSize(name, ConvGeometry.outputSize(name, h, k, 1, p, 1), 2, 2, 0, 1);
            w = ConvGeometry.outputSize(name, ConvGeometry.outputSize(name, w, k, 1, p, 1), 2, 2, 0, 1);
        }
        Sequential features = new Sequential(
                new Conv2d(imageShape[0], layout.channels1(), k, 1, p, gen), new ReLU(), new MaxPool2d(2),
                new Conv2d(layout.channels1(), layout.channels2(), k, 1, p, gen), new ReLU(), new MaxPool2d(2),
                new Flatten(),
                new Linear(layout.channels2() * h * w, layout.hidden(), gen), new ReLU());
        if (layout.dropout() > 0) {
            features.add(new Dropout(layout.dropout(), gen));
        }
        return new Classifier(name, imageShape, features, new Linear(layout.hidden(), classes, gen));
    }
}
