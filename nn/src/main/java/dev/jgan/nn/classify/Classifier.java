package dev.jgan.nn.classify;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.nn.Linear;
import dev.jgan.nn.Module;
import dev.jgan.nn.Sequential;

import java.util.Arrays;

/**
 * An image classifier split in two: {@code features}, which turns an image into a vector of
 * {@link #featureSize()} numbers, and {@code head}, one {@link Linear} layer from that vector to
 * one logit per class. The split is what {@link PenultimateFeatures} needs: GAN metrics (Fréchet
 * distance, KID) compare the feature vectors of real and generated images, not the logits.
 *
 * <p>State-dict keys are {@code features.<i>.weight} ... and {@code head.weight}, {@code head.bias}.
 * {@code name} names the architecture (see {@link Classifiers}) and is saved with the weights.
 */
public final class Classifier extends Module {
    private final String name;
    private final int[] imageShape;
    private final Sequential features;
    private final Linear head;

    public Classifier(String name, int[] imageShape, Sequential features, Linear head) {
        this.name = name;
        this.imageShape = imageShape.clone();
        this.features = registerModule("features", features);
        this.head = registerModule("head", head);
    }

    /** Logits [N, classes] for images [N, ...imageShape]. */
    @Override
    public Tensor forward(Tensor images) {
        return head.forward(features(images));
    }

    /** The penultimate layer's output [N, featureSize] for images [N, ...imageShape]. */
    public Tensor features(Tensor images) {
        int[] shape = images.shape();
        if (shape.length != imageShape.length + 1 || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), imageShape)) {
            StringBuilder expected = new StringBuilder("[N");
            for (int size : imageShape) {
                expected.append(", ").append(size);
            }
            throw new IllegalArgumentException(name + ": images of shape " + Shape.format(shape) + " must be "
                    + expected.append(']'));
        }
        return features.forward(images);
    }

    /** The architecture's name, e.g. {@code digits-cnn}. */
    public String name() {
        return name;
    }

    /** The shape of one input image, e.g. [1, 28, 28]. */
    public int[] imageShape() {
        return imageShape.clone();
    }

    public int featureSize() {
        return head.inFeatures();
    }

    public int numClasses() {
        return head.outFeatures();
    }

    @Override
    protected String extraRepr() {
        return "name=" + name + ", imageShape=" + Shape.format(imageShape);
    }
}
