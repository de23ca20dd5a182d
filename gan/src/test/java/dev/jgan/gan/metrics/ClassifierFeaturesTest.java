package dev.jgan.gan.metrics;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.run.DataChoice;
import dev.jgan.nn.classify.ClassifierWeights;
import dev.jgan.nn.data.TensorDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifierFeaturesTest {
    private static final ClassifierFeatures DIGITS = ClassifierFeatures.digitsCnn();

    @Test
    void namesTheClassifierAndItsLayer() {
        assertEquals("digits-cnn penultimate (128 dims)", DIGITS.name());
        assertEquals(128, DIGITS.featureSize());
    }

    @Test
    void mapsTheGanRangeToTheClassifiersRange() {
        float[] gan = new float[64];
        float[] classifier = new float[64];
        for (int i = 0; i < 64; i++) {
            gan[i] = -1f + 2f * i / 63; // -1 (black) to 1 (white)
            classifier[i] = i / 63f;    // 0 to 1, as the loaders gave the classifier its images
        }
        assertArrayEquals(classifier, DIGITS.toClassifierInput(Tensor.fromArray(gan, 1, 1, 8, 8)).toFloatArray(), 1e-6f);
    }

    @Test
    void featuresAreTheNnExtractorsOnTheRescaledImages() {
        Tensor images = Tensor.rand(new Generator(3), 5, 1, 8, 8).mul(2.0).add(-1.0);
        Tensor expected = new dev.jgan.nn.classify.PenultimateFeatures(ClassifierWeights.digitsCnn())
                .features(images.add(1.0).mul(0.5));
        Tensor actual = DIGITS.features(images);
        assertArrayEquals(new int[]{5, 128}, actual.shape());
        assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 1e-6f);
    }

    @Test
    void cropsAPaddedBorderAndAveragesAnEnlargementBackToTheClassifiersSize() {
        Tensor images = Tensor.rand(new Generator(4), 2, 1, 8, 8).mul(2.0).add(-1.0);
        float[] expected = DIGITS.toClassifierInput(images).toFloatArray();
        // A 2-pixel black border, as DataChoice pads 28x28 Fashion-MNIST to 32x32.
        float[] padded = new float[2 * 12 * 12];
        java.util.Arrays.fill(padded, -1f);
        float[] source = images.toFloatArray();
        for (int n = 0; n < 2; n++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    padded[(n * 12 + y + 2) * 12 + x + 2] = source[(n * 8 + y) * 8 + x];
                }
            }
        }
        assertArrayEquals(expected, DIGITS.toClassifierInput(Tensor.fromArray(padded, 2, 1, 12, 12)).toFloatArray());
        // Each pixel repeated in a 3x3 block: the block means are the pixels again.
        float[] enlarged = new float[2 * 24 * 24];
        for (int n = 0; n < 2; n++) {
            for (int y = 0; y < 24; y++) {
                for (int x = 0; x < 24; x++) {
                    enlarged[(n * 24 + y) * 24 + x] = source[(n * 8 + y / 3) * 8 + x / 3];
                }
            }
        }
        assertArrayEquals(expected, DIGITS.toClassifierInput(Tensor.fromArray(enlarged, 2, 1, 24, 24)).toFloatArray(),
                1e-6f);
    }

    @Test
    void sizesItCannotBringBackAreErrorsNamingTheClassifier() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> DIGITS.features(Tensor.zeros(1, 1, 11, 11)));
        assertTrue(odd.getMessage().contains("digits-cnn penultimate (128 dims): takes 8x8 images; 11x11"),
                odd.getMessage());
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> DIGITS.features(Tensor.zeros(1, 3, 8, 8)));
        assertTrue(channels.getMessage().contains("expects square images [N, 1, H, H], got [1, 3, 8, 8]"),
                channels.getMessage());
    }

    @Test
    void realDigitsScoreAFarSmallerFrechetDistanceThanNoise() throws Exception {
        TensorDataset digits = DataChoice.load("digits", 0).images();
        RealImages real = RealImages.split(digits, 500, 0);
        FrechetDistance toReference = FrechetDistance.to(Gaussian.fit(FeatureMatrix.of(DIGITS.features(real.reference()))));
        double realDistance = toReference.distance(Gaussian.fit(FeatureMatrix.of(DIGITS.features(real.heldOut()))));
        Tensor noise = Tensor.rand(new Generator(5), 500, 1, 8, 8).mul(2.0).add(-1.0);
        double noiseDistance = toReference.distance(Gaussian.fit(FeatureMatrix.of(DIGITS.features(noise))));
        assertTrue(realDistance * 20 < noiseDistance, "held-out digits " + realDistance + ", uniform noise "
                + noiseDistance);
    }

    /** The digits CNN is right on 284 of chapter 4's 297 test digits (95.6 %), so its histogram of them is their labels'. */
    @Test
    void predictsTheClassesOfTestDigitsAndCountsThem() throws Exception {
        DataChoice.TestSplit split = DataChoice.load("digits", 0).testSplit().orElseThrow();
        TensorDataset test = TensorDataset.copyOf(split.test());
        int[] predicted = DIGITS.predictedClasses(test.images());
        int right = 0;
        int[] labelCounts = new int[10];
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == test.label(i) ? 1 : 0;
            labelCounts[test.label(i)]++;
        }
        assertTrue(right >= 0.95 * predicted.length, right + " of " + predicted.length + " right");
        ClassHistogram histogram = DIGITS.classHistogram(test.images());
        assertEquals("digits-cnn", histogram.classifier());
        assertEquals(predicted.length, histogram.samples());
        for (int c = 0; c < 10; c++) {
            assertEquals(labelCounts[c], histogram.counts()[c], 3, "class " + c);
        }
    }

    @Test
    void predictsTheSameClassesForADigitEnlargedAsDcganSeesIt() {
        Tensor digits = Tensor.rand(new Generator(3), 20, 1, 8, 8).mul(2.0).add(-1.0);
        Tensor enlarged = digits.reshape(20, 1, 8, 1, 8, 1).expand(20, 1, 8, 4, 8, 4).reshape(20, 1, 32, 32);
        assertArrayEquals(DIGITS.predictedClasses(digits), DIGITS.predictedClasses(enlarged));
    }

    @Test
    void aDataSetOnlyHasShippedFeaturesWhenItsClassifierShips() {
        assertTrue(ClassifierFeatures.shippedFor("digits").isPresent());
        assertTrue(ClassifierFeatures.shippedFor("/some/mnist/dir").isEmpty());
        boolean fashionShips = ClassifierWeights.class.getResource(ClassifierWeights.FASHION_CNN_RESOURCE) != null;
        assertEquals(fashionShips, ClassifierFeatures.shippedFor("fashion-mnist").isPresent());
    }

    @Test
    void loadsAWeightsFileAndNamesAMissingOne(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("cnn.safetensors");
        ClassifierWeights.save(file, ClassifierWeights.digitsCnn(), Map.of());
        assertEquals("digits-cnn penultimate (128 dims)", ClassifierFeatures.load(file).name());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ClassifierFeatures.load(tmp.resolve("none.safetensors")));
        assertTrue(missing.getMessage().contains("no such weights file"), missing.getMessage());
    }
}
