package dev.jgan.gan.models;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Linear;
import dev.jgan.nn.Module;
import dev.jgan.nn.Parameter;
import dev.jgan.nn.init.Init;

/**
 * A discriminator told which class each image should be, by projection (Miyato &amp; Koyama 2018):
 * with features f = phi(x),
 * <pre>
 *   logit(x, y) = head(f) + &lt;E[y], f&gt;
 * </pre>
 * where head is a linear layer to one logit and E holds one learned vector per class. The first
 * term asks "is this a real image?", the second "is it a real image of class y?": a G that draws a
 * good 3 when asked for a 7 is caught by the second. Labels come one-hot, [N, classes], so E[y] is
 * the product {@code labels @ E} and every step is an op the engine differentiates. E starts
 * Xavier-uniform; phi and head keep their layers' own initialization.
 *
 * <p>It needs the labels, so the one-argument {@link #forward(Tensor)} refuses;
 * {@link Gan#discriminate} passes them.
 */
public final class ProjectionDiscriminator extends Module {
    private final Module features;
    private final int featureCount;
    private final Linear head;
    private final Parameter embedding;

    /**
     * @param features     phi: images [N, ...] to features [N, featureCount]
     * @param featureCount the width of phi's output
     * @param classes      the number of classes, >= 2
     * @param gen          initializes the head, then E
     */
    public ProjectionDiscriminator(Module features, int featureCount, int classes, Generator gen) {
        if (featureCount < 1 || classes < 2) {
            throw new IllegalArgumentException("projection discriminator: needs features >= 1 and classes >= 2, got "
                    + featureCount + " features and " + classes + " classes");
        }
        this.features = registerModule("features", features);
        this.featureCount = featureCount;
        this.head = registerModule("head", new Linear(featureCount, 1, gen));
        this.embedding = registerParameter("embedding", Init.xavierUniform_(Tensor.zeros(classes, featureCount), 1.0,
                gen));
    }

    public int classes() {
        return embedding.get().size(0);
    }

    /** Logits [N, 1] of {@code images} for one-hot {@code labels} [N, classes]. */
    public Tensor forward(Tensor images, Tensor labels) {
        int n = images.size(0);
        if (labels.dim() != 2 || labels.size(0) != n || labels.size(1) != classes()) {
            throw new IllegalArgumentException("projection discriminator: labels must be one-hot [" + n + ", "
                    + classes() + "] for " + n + " images, got " + Shape.format(labels.shape()));
        }
        Tensor f = features.forward(images);
        if (f.dim() != 2 || f.size(1) != featureCount) {
            throw new IllegalArgumentException("projection discriminator: its features gave " + Shape.format(f.shape())
                    + " for images " + Shape.format(images.shape()) + ", expected [" + n + ", " + featureCount + "]");
        }
        Tensor projection = labels.matmul(embedding.get()).mul(f).sum(new int[]{1}, true);
        return head.forward(f).add(projection);
    }

    /** Refuses: a projection discriminator needs each image's class, {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("projection discriminator: needs each image's class;"
                + " call forward(images, labels) (Gan.discriminate does)");
    }

    /** phi, the layers before the projection: for diagnosis, which walks a network layer by layer. */
    public Module features() {
        return features;
    }
}
