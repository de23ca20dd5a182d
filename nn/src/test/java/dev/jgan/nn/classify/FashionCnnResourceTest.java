package dev.jgan.nn.classify;

import dev.jgan.core.Tensor;
import dev.jgan.nn.data.Dataset;
import dev.jgan.nn.data.FashionMnist;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Fashion-MNIST CNN shipped in the jar (written by chapter 4's {@code fashion} run) is the
 * feature extractor GAN metrics use on Fashion-MNIST. Scoring it needs Debian's
 * dataset-fashion-mnist; without it that test is reported as skipped, never as passed.
 */
class FashionCnnResourceTest {
    /** The first test images: enough to tell 89 % from chance or from a damaged file, in seconds. */
    private static final int TEST_IMAGES = 2000;

    @Test
    void theShippedFashionCnnLoadsAsTheChapterFourCnn() {
        Classifier cnn = ClassifierWeights.fashionCnn();
        assertEquals("fashion-cnn", cnn.name());
        assertArrayEquals(new int[]{1, 28, 28}, cnn.imageShape());
        assertEquals(Architecture.CLASSES, cnn.numClasses());
    }

    @Test
    void itClassifiesFashionMnistTestImagesAndGivesTheirFeatures() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), FashionMnist.DEFAULT_DIR + " is absent: install the"
                + " Debian package " + FashionMnist.DEBIAN_PACKAGE + " (apt-get install " + FashionMnist.DEBIAN_PACKAGE
                + ") to run this test");
        Classifier cnn = ClassifierWeights.fashionCnn();
        Dataset test = FashionMnist.load(false).subset(0, TEST_IMAGES);
        Evaluation ev = Evaluation.of(cnn, test, Architecture.CLASSES, 500);
        assertEquals(TEST_IMAGES, ev.total());
        assertTrue(ev.accuracy() >= 0.89, "the shipped Fashion-MNIST CNN scores " + ev.accuracy() + " on the first "
                + TEST_IMAGES + " test images");

        Tensor features = new PenultimateFeatures(cnn).features(test.subset(0, 100));
        assertArrayEquals(new int[]{100, 128}, features.shape());
    }
}
