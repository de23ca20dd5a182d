package dev.jgan.gan.metrics;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.ops.Pooling;
import dev.jgan.nn.classify.Classifier;
import dev.jgan.nn.classify.ClassifierWeights;
import dev.jgan.nn.classify.PenultimateFeatures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The penultimate-layer activations of one of the project's own classifiers (chapter 4),
 * trained on the same data set as the GAN: the stand-in for FID's Inception features. A
 * classifier that tells a 3 from an 8 maps images to vectors where that difference is large,
 * so the Fréchet distance on them sees which digits a generator draws and how recognisable
 * they are, which pixel distances blur with brightness and stroke position.
 *
 * <p>GAN images are in [-1, 1] (the range of G's Tanh); the classifiers were trained on the
 * loaders' [0, 1], so images are mapped back by (x + 1) / 2 first. Images a run padded or
 * enlarged to fit its model are brought back to the classifier's size: a border of at most
 * {@value #MAX_CROP} pixels is cropped off (Fashion-MNIST padded from 28 to 32), and a side that
 * is a whole multiple of the classifier's is averaged down in k x k blocks (digits enlarged from
 * 8 to 32). Any other size is an error rather than a silent resize.
 */
public final class ClassifierFeatures implements FeatureExtractor {
    /** A wider border than DataChoice ever pads with would mean the images are something else. */
    static final int MAX_CROP = 4;

    private final PenultimateFeatures extractor;
    private final int[] imageShape;
    private final String name;

    public ClassifierFeatures(Classifier classifier) {
        this.extractor = new PenultimateFeatures(classifier);
        this.imageShape = classifier.imageShape();
        this.name = classifier.name() + " penultimate (" + classifier.featureSize() + " dims)";
    }

    /** Features from the digits CNN that ships with jgan, for images of the embedded digits. */
    public static ClassifierFeatures digitsCnn() {
        return new ClassifierFeatures(ClassifierWeights.digitsCnn());
    }

    /** Features from the classifier saved in {@code file} by {@link ClassifierWeights#save}. */
    public static ClassifierFeatures load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("classifier features: no such weights file: " + file);
        }
        return new ClassifierFeatures(ClassifierWeights.load(file));
    }

    /**
     * The classifier trained on the data set that {@code gan train --data} calls {@code data},
     * when the build ships one: the digits CNN for {@code digits}, the Fashion CNN for
     * {@code fashion-mnist}, the MNIST CNN for {@code mnist} (all three trained by chapter 4); empty
     * for any other data set.
     */
    public static Optional<ClassifierFeatures> shippedFor(String data) {
        return switch (data) {
            case "digits" -> Optional.of(digitsCnn());
            case "fashion-mnist" -> ClassifierWeights.shipped(ClassifierWeights.FASHION_CNN_RESOURCE)
                    .map(ClassifierFeatures::new);
            case "mnist" -> ClassifierWeights.shipped(ClassifierWeights.MNIST_CNN_RESOURCE).map(ClassifierFeatures::new);
            default -> Optional.empty();
        };
    }

    @Override
    public Tensor features(Tensor images) {
        return extractor.features(toClassifierInput(images));
    }

    /** Images [N, C, H, W] in [-1, 1] as the classifier takes them: its size, values in [0, 1]. */
    Tensor toClassifierInput(Tensor images) {
        int[] s = images.shape();
        if (s.length != 4 || s[1] != imageShape[0] || s[2] != s[3]) {
            throw new IllegalArgumentException(name + ": expects square images [N, " + imageShape[0] + ", H, H], got "
                    + Shape.format(s));
        }
        int side = imageShape[1];
        int size = s[2];
        Tensor fitted = images;
        if (size > side && size - side <= MAX_CROP && (size - side) % 2 == 0) {
            int border = (size - side) / 2;
            fitted = images.narrow(2, border, side).narrow(3, border, side).contiguous();
        } else if (size > side && size % side == 0) {
            int k = size / side;
            fitted = Pooling.avgPool2d(images, new int[]{k, k}, new int[]{k, k}, new int[]{0, 0});
        } else if (size != side) {
            throw new IllegalArgumentException(name + ": takes " + side + "x" + side + " images; " + size + "x" + size
                    + " is neither a padding of at most " + MAX_CROP + " pixels nor a whole multiple of " + side);
        }
        return fitted.add(1.0).mul(0.5);
    }

    /**
     * The class the classifier predicts for each image [N, C, H, W] in [-1, 1] (the largest
     * logit; fitted to the classifier's size as for {@link #features}), in batches, without a graph.
     */
    public int[] predictedClasses(Tensor images) {
        Classifier classifier = extractor.classifier();
        int n = images.size(0);
        int classes = classifier.numClasses();
        int[] predicted = new int[n];
        try (GradMode.Scope scope = GradMode.noGrad()) {
            for (int start = 0; start < n; start += PenultimateFeatures.DEFAULT_BATCH_SIZE) {
                int size = Math.min(PenultimateFeatures.DEFAULT_BATCH_SIZE, n - start);
                double[] logits = classifier.forward(toClassifierInput(images.narrow(0, start, size))).toDoubleArray();
                for (int i = 0; i < size; i++) {
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (logits[i * classes + c] > logits[i * classes + best]) {
                            best = c;
                        }
                    }
                    predicted[start + i] = best;
                }
            }
        }
        return predicted;
    }

    /** How many of {@code images} the classifier puts in each of its classes. */
    public ClassHistogram classHistogram(Tensor images) {
        return ClassHistogram.of(classifierName(), predictedClasses(images), classes());
    }

    /** The classifier's name, e.g. {@code digits-cnn}, as the class histogram names it. */
    public String classifierName() {
        return extractor.classifier().name();
    }

    /** How many classes the classifier tells apart. */
    public int classes() {
        return extractor.classifier().numClasses();
    }

    /** The length of one feature vector. */
    public int featureSize() {
        return extractor.featureSize();
    }

    @Override
    public String name() {
        return name;
    }
}
