package dev.jgan.nn.classify;

import dev.jgan.core.Tensor;
import dev.jgan.nn.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The digits CNN shipped in the jar (written by chapter 4's {@code digits} run) is the one GAN metrics rely on. */
class DigitsCnnResourceTest {

    @Test
    void theShippedDigitsCnnClassifiesTheHeldOutDigits() {
        Classifier cnn = ClassifierWeights.digitsCnn();
        assertEquals("digits-cnn", cnn.name());
        Dataset test = DigitsSplit.test();
        Evaluation ev = Evaluation.of(cnn, test, Architecture.CLASSES, 100);
        assertEquals(297, ev.total());
        assertTrue(ev.accuracy() >= 0.95, "the shipped digits CNN scores " + ev.accuracy() + " on the 297 test digits");
    }

    @Test
    void itsFeaturesSeparateTheClasses() {
        PenultimateFeatures extractor = new PenultimateFeatures(ClassifierWeights.digitsCnn());
        Dataset test = DigitsSplit.test();
        Tensor features = extractor.features(test);
        assertArrayEquals(new int[]{297, 128}, features.shape());
        // The nearest class mean in feature space should name the class almost always: the features carry the digit.
        int f = features.size(1);
        float[] values = features.toFloatArray();
        double[][] means = new double[10][f];
        int[] counts = new int[10];
        for (int i = 0; i < test.size(); i++) {
            counts[test.label(i)]++;
            for (int j = 0; j < f; j++) {
                means[test.label(i)][j] += values[i * f + j];
            }
        }
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < 10; c++) {
                double d = 0;
                for (int j = 0; j < f; j++) {
                    double diff = values[i * f + j] - means[c][j] / counts[c];
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            correct += best == test.label(i) ? 1 : 0;
        }
        assertTrue(correct >= 0.9 * test.size(), "nearest class mean is right for only " + correct + " of 297");
    }
}
