package dev.jgan.nn.classify;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.data.TensorDataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PenultimateFeaturesTest {

    @Test
    void batchedFeaturesEqualOnePassInEvalModeWithoutAGraph() {
        Classifier model = Architecture.DIGITS_CNN.create(new Generator(5));
        Tensor images = Tensor.rand(new Generator(6), 7, 1, 8, 8);
        PenultimateFeatures small = new PenultimateFeatures(model, 3); // batches of 3, 3 and 1
        assertFalse(model.isTraining(), "dropout must be off while extracting features");
        Tensor batched = small.features(images);
        Tensor whole = model.features(images);
        assertArrayEquals(new int[]{7, 128}, batched.shape());
        assertEquals(128, small.featureSize());
        assertArrayEquals(whole.toFloatArray(), batched.toFloatArray());
        assertTrue(batched.gradFn() == null && !batched.requiresGrad(), "features must not record a graph");
    }

    @Test
    void aDataSetGivesTheFeaturesOfItsImagesInOrder() {
        Classifier model = Architecture.DIGITS_MLP.create(new Generator(5));
        Tensor images = Tensor.rand(new Generator(7), 5, 1, 8, 8);
        TensorDataset data = TensorDataset.of(images, new int[]{0, 1, 2, 3, 4});
        PenultimateFeatures extractor = new PenultimateFeatures(model, 2);
        assertArrayEquals(extractor.features(images).toFloatArray(), extractor.features(data).toFloatArray());
    }

    @Test
    void emptyInputsAndBadBatchSizesAreErrors() {
        Classifier model = Architecture.DIGITS_MLP.create(new Generator(5));
        assertThrows(IllegalArgumentException.class, () -> new PenultimateFeatures(model, 0));
        PenultimateFeatures extractor = new PenultimateFeatures(model);
        assertThrows(IllegalArgumentException.class, () -> extractor.features(Tensor.zeros(0, 1, 8, 8)));
        assertThrows(IllegalArgumentException.class,
                () -> extractor.features(TensorDataset.of(new float[0], new int[]{1, 8, 8}, new int[0])));
    }
}
