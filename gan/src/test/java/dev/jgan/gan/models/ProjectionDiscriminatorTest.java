package dev.jgan.gan.models;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Linear;
import dev.jgan.nn.Sequential;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectionDiscriminatorTest {
    private static final int CLASSES = 4;
    private static final int FEATURES = 3;

    /** phi = one linear layer from 5 inputs to 3 features, so the features can be recomputed by hand. */
    private static ProjectionDiscriminator discriminator() {
        return new ProjectionDiscriminator(new Sequential(new Linear(5, FEATURES, new Generator(1))), FEATURES, CLASSES,
                new Generator(2));
    }

    private static Tensor oneHot(int... labels) {
        float[] v = new float[labels.length * CLASSES];
        for (int i = 0; i < labels.length; i++) {
            v[i * CLASSES + labels[i]] = 1f;
        }
        return Tensor.fromArray(v, labels.length, CLASSES);
    }

    /** logit(x, y) = head(f) + sum_j E[y][j] f[j], with f = phi(x), recomputed element by element in double. */
    @Test
    void theLogitIsTheHeadPlusTheClassVectorDottedWithTheFeatures() {
        ProjectionDiscriminator d = discriminator();
        Tensor x = Tensor.randn(new Generator(3), 2, 5);
        int[] labels = {2, 0};
        Tensor logits = d.forward(x, oneHot(labels));
        assertArrayEquals(new int[]{2, 1}, logits.shape());

        double[] f = d.features().forward(x).toDoubleArray();
        Tensor headWeight = d.namedParameters().get("head.weight");
        Tensor headBias = d.namedParameters().get("head.bias");
        double[] w = headWeight.toDoubleArray();
        double b = headBias.toDoubleArray()[0];
        double[] e = d.namedParameters().get("embedding").toDoubleArray();
        for (int i = 0; i < 2; i++) {
            double expected = b;
            for (int j = 0; j < FEATURES; j++) {
                expected += w[j] * f[i * FEATURES + j] + e[labels[i] * FEATURES + j] * f[i * FEATURES + j];
            }
            assertEquals(expected, logits.toDoubleArray()[i], 1e-5, "image " + i);
        }
    }

    /** The class changes the logit, and only the class vectors of the classes asked for receive gradients. */
    @Test
    void theLabelMattersAndOnlyItsClassVectorLearns() {
        ProjectionDiscriminator d = discriminator();
        Tensor x = Tensor.randn(new Generator(4), 3, 5);
        assertNotEquals(d.forward(x, oneHot(1, 1, 1)).toDoubleArray()[0],
                d.forward(x, oneHot(3, 3, 3)).toDoubleArray()[0]);

        d.forward(x, oneHot(1, 3, 1)).sum().backward();
        double[] grad = d.namedParameters().get("embedding").grad().toDoubleArray();
        for (int c = 0; c < CLASSES; c++) {
            double norm = 0;
            for (int j = 0; j < FEATURES; j++) {
                norm += Math.abs(grad[c * FEATURES + j]);
            }
            assertEquals(c == 1 || c == 3, norm > 0, "class " + c + "'s vector, gradient " + norm);
        }
    }

    /**
     * Its forward is a composition of ops the engine differentiates; checked end to end in float64,
     * first and second derivatives (an R1 penalty differentiates D's gradient), with respect to the
     * images and to the labels (which reach the class vectors through {@code labels @ E}).
     */
    @Test
    void gradcheckInFloat64() {
        ProjectionDiscriminator d = discriminator();
        d.to(DType.FLOAT64);
        Tensor x = Tensor.randn(new Generator(6), 3, 5).to(DType.FLOAT64).requiresGrad(true);
        Tensor labels = oneHot(2, 0, 3).to(DType.FLOAT64).requiresGrad(true);
        GradCheck.gradcheck(in -> d.forward(in.get(0), in.get(1)).pow(2).sum(), x, labels);
        GradCheck.gradgradcheck(in -> d.forward(in.get(0), in.get(1)).pow(2).sum(), x, labels);
    }

    @Test
    void refusesToJudgeAnImageWithoutItsClassOrWithLabelsOfTheWrongShape() {
        ProjectionDiscriminator d = discriminator();
        Tensor x = Tensor.randn(new Generator(5), 2, 5);
        UnsupportedOperationException noLabels = assertThrows(UnsupportedOperationException.class, () -> d.forward(x));
        assertTrue(noLabels.getMessage().contains("needs each image's class"), noLabels.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> d.forward(x, Tensor.zeros(2, CLASSES + 1)));
        assertEquals("projection discriminator: labels must be one-hot [2, 4] for 2 images, got [2, 5]",
                wrong.getMessage());
    }

    /** Its own parameter first, then its children's, as PyTorch orders a state dict. */
    @Test
    void stateDictNamesItsParts() {
        ProjectionDiscriminator d = discriminator();
        assertEquals(java.util.List.of("embedding", "features.0.weight", "features.0.bias", "head.weight", "head.bias"),
                java.util.List.copyOf(d.stateDict().keySet()));
    }
}
