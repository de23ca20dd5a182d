package dev.jgan.nn.loss;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.ops.Losses.Reduction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassificationLossesTest {
    private static final Tensor LOGITS = Tensor.fromArray(new double[]{1, 2, 3, 0, 0, 0}, 2, 3);

    @Test
    void crossEntropyIsMinusTheLogSoftmaxOfTheLabel() {
        double[] logProbs = LOGITS.logSoftmax(1).toDoubleArray();
        Tensor none = ClassificationLosses.crossEntropy(LOGITS, new int[]{2, 0}, Reduction.NONE);
        assertArrayEquals(new double[]{-logProbs[2], -logProbs[3]}, none.toDoubleArray(), 1e-15);
        assertEquals(-(logProbs[2] + logProbs[3]) / 2,
                ClassificationLosses.crossEntropy(LOGITS, new int[]{2, 0}, Reduction.MEAN).item(), 1e-15);
        assertEquals(-(logProbs[2] + logProbs[3]),
                ClassificationLosses.crossEntropy(LOGITS, new int[]{2, 0}, Reduction.SUM).item(), 1e-15);
    }

    @Test
    void labelsAsIntsAndAsATensorGiveTheSameLoss() {
        Tensor labels = Tensor.fromArray(new float[]{2, 0}, 2);
        assertEquals(ClassificationLosses.nllLoss(LOGITS, new int[]{2, 0}, Reduction.MEAN).item(),
                ClassificationLosses.nllLoss(LOGITS, labels, Reduction.MEAN).item());
    }

    @Test
    void crossEntropyPassesGradcheckIncludingPerPositionLabels() {
        Tensor logits = Tensor.fromArray(new double[]{0.3, -1.2, 2.0, 0.1, 0.5, -0.7, 1.1, 0.0, -0.4, 0.9, 0.2, -1.5}, 2, 3, 2);
        GradCheck.gradcheck(in -> ClassificationLosses.crossEntropy(in.get(0), new int[]{0, 2, 1, 1}, Reduction.MEAN),
                logits.requiresGrad(true));
    }

    @Test
    void outOfRangeLabelIsNamedWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(LOGITS, new int[]{1, 3}));
        assertEquals("cross_entropy: label 3 at position 1 is out of range for 3 classes (expected 0..2)", e.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new NLLLoss().forward(LOGITS, new int[]{-100, 0}));
        assertEquals("nll_loss: label -100 at position 0 is out of range for 3 classes (expected 0..2)", negative.getMessage());
    }

    @Test
    void labelCountAndShapeMustFitTheInput() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(LOGITS, new int[]{1, 2, 0}));
        assertEquals("cross_entropy: 3 labels for input [2, 3], expected 2 (shape [2])", count.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(LOGITS, Tensor.zeros(2, 1)));
        assertEquals("cross_entropy: labels of shape [2, 1] do not fit input [2, 3]; expected [2]", shape.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(Tensor.zeros(3), new int[]{1}));
        assertEquals("cross_entropy: input of shape [3] must be [N, C] or [N, C, d1, ...] (samples, classes, positions)",
                rank.getMessage());
    }

    @Test
    void fractionalLabelIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NLLLoss().forward(LOGITS, Tensor.fromArray(new float[]{1.5f, 0}, 2)));
        assertEquals("nll_loss: label 1.5 at position 0 is not a class index (a whole number)", e.getMessage());
    }

    @Test
    void lossKeepsTheInputDtype() {
        Tensor logits = LOGITS.to(DType.FLOAT32);
        assertEquals(DType.FLOAT32, new CrossEntropyLoss().forward(logits, new int[]{0, 1}).dtype());
    }
}
