package dev.jgan.tutorials.classifier;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Losses.Reduction;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.loss.ClassificationLosses;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exercise 4: cross-entropy from max, exp, sum and log; its value, its gradient p - onehot(y), and large logits. */
class CrossEntropyExerciseTest {
    private static final int[] LABELS = {3, 0, 9, 9, 5};

    @Test
    void agreesWithTheLibrarysLoss() {
        Tensor logits = Tensor.randn(new Generator(4), 5, 10).to(DType.FLOAT64).mul(3.0);
        double expected = ClassificationLosses.crossEntropy(logits, LABELS, Reduction.MEAN).item();
        assertEquals(expected, CrossEntropy.loss(logits, LABELS).item(), 1e-12);
        System.out.printf("exercise 4: cross-entropy of 5 random rows %.6f (library %.6f)%n",
                CrossEntropy.loss(logits, LABELS).item(), expected);
    }

    @Test
    void uniformLogitsCostLogTen() {
        Tensor logits = Tensor.zeros(5, 10).to(DType.FLOAT64);
        assertEquals(Math.log(10), CrossEntropy.loss(logits, LABELS).item(), 1e-12, "log 10 = 2.302585");
        System.out.printf("exercise 4: uniform logits cost %.6f = log 10%n", CrossEntropy.loss(logits, LABELS).item());
    }

    @Test
    void gradientIsSoftmaxMinusOneHotOverN() {
        Tensor logits = Tensor.randn(new Generator(5), 5, 10).to(DType.FLOAT64).requiresGrad(true);
        CrossEntropy.loss(logits, LABELS).backward();
        double[] p = logits.detach().softmax(1).toDoubleArray();
        for (int i = 0; i < LABELS.length; i++) {
            p[i * 10 + LABELS[i]] -= 1;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= LABELS.length;
        }
        assertArrayEquals(p, logits.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void largeLogitsDoNotOverflow() {
        // float32 exp overflows above about 88.7: a naive log(sum(exp(z))) gives infinity here.
        float[] z = new float[5 * 10];
        for (int i = 0; i < z.length; i++) {
            z[i] = 1000f + (i % 10);
        }
        Tensor logits = Tensor.fromArray(z, 5, 10);
        double expected = ClassificationLosses.crossEntropy(logits, LABELS, Reduction.MEAN).item();
        double loss = CrossEntropy.loss(logits, LABELS).item();
        assertEquals(expected, loss, 1e-4, "float32 logits near 1000");
    }
}
