package dev.jgan.nn.classify;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifiersTest {

    private static int[] batchOf(int n, int[] imageShape) {
        int[] shape = new int[imageShape.length + 1];
        shape[0] = n;
        System.arraycopy(imageShape, 0, shape, 1, imageShape.length);
        return shape;
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyArchitectureMapsImagesToTenLogitsThroughItsFeatures(Architecture architecture) {
        Classifier model = architecture.create(new Generator(3));
        model.eval();
        Tensor images = Tensor.rand(new Generator(4), batchOf(5, architecture.imageShape()));
        Tensor features = model.features(images);
        Tensor logits = model.forward(images);
        assertArrayEquals(new int[]{5, model.featureSize()}, features.shape());
        assertArrayEquals(new int[]{5, Architecture.CLASSES}, logits.shape());
        assertEquals(architecture.id(), model.name());
        assertEquals(architecture, Architecture.of(architecture.id()));
        // ReLU features: never negative, so the GAN metrics see what the head sees.
        for (double f : features.toDoubleArray()) {
            assertTrue(f >= 0, "feature " + f);
        }
    }

    @Test
    void cnnFeatureSizeFollowsTheConvolutionGeometry() {
        // 28 -> conv 5x5 no padding 24 -> pool 12 -> conv 8 -> pool 4: 7 channels * 4 * 4 inputs to the hidden layer.
        Classifier model = Classifiers.cnn("lenet", new int[]{1, 28, 28}, 3,
                new Classifiers.CnnLayout(5, 0, 4, 7, 11, 0), new Generator(0));
        assertEquals(11, model.featureSize());
        assertEquals(3, model.numClasses());
        assertArrayEquals(new int[]{11, 7 * 4 * 4}, model.stateDict().get("features.7.weight").shape());
        assertEquals(List.of("features.0.weight", "features.0.bias", "features.3.weight", "features.3.bias",
                "features.7.weight", "features.7.bias", "head.weight", "head.bias"), List.copyOf(model.stateDict().keySet()));
        assertArrayEquals(new int[]{2, 3}, model.forward(Tensor.zeros(2, 1, 28, 28)).shape());
    }

    @Test
    void mlpStacksItsHiddenLayers() {
        Classifier model = Classifiers.mlp("mlp", new int[]{1, 4, 4}, 10, new Generator(0), 8, 6);
        assertEquals(6, model.featureSize());
        assertArrayEquals(new int[]{8, 16}, model.stateDict().get("features.1.weight").shape());
        assertArrayEquals(new int[]{6, 8}, model.stateDict().get("features.3.weight").shape());
        assertArrayEquals(new int[]{10, 6}, model.stateDict().get("head.weight").shape());
    }

    @Test
    void dropoutActsOnlyInTraining() {
        Classifier model = Architecture.DIGITS_CNN.create(new Generator(1));
        Tensor images = Tensor.rand(new Generator(2), 4, 1, 8, 8);
        model.eval();
        assertArrayEquals(model.forward(images).toDoubleArray(), model.forward(images).toDoubleArray());
        model.train();
        double[] first = model.forward(images).toDoubleArray();
        double[] second = model.forward(images).toDoubleArray();
        assertTrue(!java.util.Arrays.equals(first, second), "two training passes drew the same dropout mask");
    }

    @Test
    void wrongInputsAreRejectedWithTheExpectedShape() {
        Classifier model = Architecture.DIGITS_MLP.create(new Generator(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(Tensor.zeros(2, 1, 28, 28)));
        assertEquals("digits-mlp: images of shape [2, 1, 28, 28] must be [N, 1, 8, 8]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Classifiers.mlp("m", new int[]{4}, 2, new Generator(0)));
        assertThrows(IllegalArgumentException.class, () -> Classifiers.cnn("c", new int[]{64}, 10,
                new Classifiers.CnnLayout(3, 1, 2, 2, 2, 0), new Generator(0)));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Architecture.of("resnet"));
        assertTrue(unknown.getMessage().contains("digits-cnn"), unknown.getMessage());
    }
}
