package dev.jgan.nn.classify;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Losses.Reduction;
import dev.jgan.nn.Module;
import dev.jgan.nn.data.TensorDataset;
import dev.jgan.nn.loss.ClassificationLosses;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {

    /** Logits are the images themselves: each "image" is a row of 3 class scores. */
    private static final class Scores extends Module {
        boolean sawTraining;

        @Override
        public Tensor forward(Tensor input) {
            sawTraining |= isTraining();
            return input;
        }
    }

    @Test
    void predictionsAreTheFirstLargestLogit() {
        Tensor logits = Tensor.fromArray(new double[]{
                0.1, 0.7, 0.2,
                5, -1, 5,
                -3, -2, -1}, 3, 3);
        assertArrayEquals(new int[]{1, 0, 2}, Evaluation.predictions(logits));
        Tensor transposed = Tensor.fromArray(new double[]{1, 9, 4, 2, 0, 3}, 3, 2).t(); // [[1, 4, 0], [9, 2, 3]]
        assertArrayEquals(new int[]{1, 0}, Evaluation.predictions(transposed), "a view is read in logical order");
        assertThrows(IllegalArgumentException.class, () -> Evaluation.predictions(Tensor.zeros(3)));
    }

    @Test
    void countsTheConfusionMatrixAndTheMeanCrossEntropyInEvalMode() {
        float[] scores = {
                3, 0, 0,   // label 0, predicted 0
                0, 3, 0,   // label 1, predicted 1
                0, 0, 3,   // label 1, predicted 2
                0, 0, 3,   // label 2, predicted 2
                1, 2, 0};  // label 0, predicted 1
        int[] labels = {0, 1, 1, 2, 0};
        TensorDataset data = TensorDataset.of(scores, new int[]{3}, labels);
        Scores model = new Scores();
        model.train();
        Evaluation ev = Evaluation.of(model, data, 3, 2); // batches of 2, 2 and 1

        assertArrayEquals(new int[][]{{1, 1, 0}, {0, 1, 1}, {0, 0, 1}}, ev.confusion());
        assertEquals(5, ev.total());
        assertEquals(3, ev.correct());
        assertEquals(0.6, ev.accuracy(), 1e-12);
        assertEquals(0.5, ev.classAccuracy(0), 1e-12);
        assertEquals(1.0, ev.classAccuracy(2), 1e-12);
        double expected = ClassificationLosses.crossEntropy(Tensor.fromArray(scores, 5, 3), labels, Reduction.MEAN).item();
        assertEquals(expected, ev.meanLoss(), 1e-6);
        assertFalse(model.sawTraining, "the model must be evaluated in eval mode");
        assertTrue(model.isTraining(), "the model goes back to the mode it was in");
    }

    @Test
    void logitsOfTheWrongWidthAreAnError() {
        TensorDataset data = TensorDataset.of(new float[4], new int[]{2}, new int[]{0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(new Scores(), data, 3, 8));
        assertEquals("Evaluation: the model gave logits of shape [2, 2], expected [2, 3]", e.getMessage());
    }
}
