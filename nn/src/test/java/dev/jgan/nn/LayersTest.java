package dev.jgan.nn;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayersTest {
    private static final Tensor X = Tensor.fromArray(new double[]{-2, -0.5, 0, 1.5}, 4);

    @Test
    void activationsComputeTheirFormulas() {
        assertArrayEquals(new double[]{0, 0, 0, 1.5}, new ReLU().forward(X).toDoubleArray());
        assertArrayEquals(new double[]{-0.4, -0.1, 0, 1.5}, new LeakyReLU(0.2).forward(X).toDoubleArray(), 1e-15);
        assertEquals(0.01, new LeakyReLU().negativeSlope());
        double[] tanh = new Tanh().forward(X).toDoubleArray();
        double[] sigmoid = new Sigmoid().forward(X).toDoubleArray();
        double[] x = X.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.tanh(x[i]), tanh[i], 1e-15);
            assertEquals(1 / (1 + Math.exp(-x[i])), sigmoid[i], 1e-15);
        }
        assertSame(X, new Identity().forward(X));
    }

    @Test
    void flattenMergesAllButTheBatchDimByDefault() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 2, 2);
        assertArrayEquals(new int[]{2, 12}, new Flatten().forward(x).shape());
        assertArrayEquals(new int[]{6, 2, 2}, new Flatten(0, 1).forward(x).shape());
        assertArrayEquals(new int[]{2, 3, 4}, new Flatten(-2, -1).forward(x).shape());
        assertArrayEquals(x.toDoubleArray(), new Flatten().forward(x).toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Flatten(2, 1).forward(x));
        assertEquals("Flatten: startDim 2 comes after endDim 1 for input of shape [2, 3, 2, 2]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Flatten().forward(Tensor.zeros(3)));
    }

    @Test
    void unflattenSplitsOneDimAndUndoesFlatten() {
        Tensor x = Tensor.arange(24).reshape(2, 12);
        Tensor y = new Unflatten(1, 3, 2, 2).forward(x);
        assertArrayEquals(new int[]{2, 3, 2, 2}, y.shape());
        assertArrayEquals(x.toDoubleArray(), new Flatten().forward(y).toDoubleArray());
        assertArrayEquals(new int[]{2, 2, 6}, new Unflatten(-1, 2, 6).forward(x).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, 5, 2).forward(x));
        assertEquals("Unflatten: sizes [5, 2] hold 10 elements, but dim 1 of input [2, 12] has size 12", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Unflatten(1));
        assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, 0, 4));
    }

    @Test
    void sequentialChainsAndIndexes() {
        Sequential seq = new Sequential(new Unflatten(0, 2, 2), new Flatten(0, 1), new ReLU());
        assertArrayEquals(new double[]{0, 0, 0, 1.5}, seq.forward(X).toDoubleArray());
        assertEquals(3, seq.size());
        assertTrue(seq.get(-1) instanceof ReLU);
        assertSame(seq, seq.add(new Tanh()));
        assertTrue(seq.get(3) instanceof Tanh);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> seq.get(4));
        assertEquals("Sequential: index 4 is out of range for 4 modules", e.getMessage());
    }

    @Test
    void linearDefaultInitStaysWithinOneOverSqrtFanInAndFillsTheRange() {
        Linear layer = new Linear(100, 50, new Generator(7));
        double bound = 1 / Math.sqrt(100);
        double[] w = layer.weight().toDoubleArray();
        double sumSq = 0;
        for (double v : w) {
            assertTrue(Math.abs(v) <= bound, "weight " + v + " outside the bound " + bound);
            sumSq += v * v;
        }
        // U(-b, b) has variance b^2 / 3; 5000 draws pin it to within a few percent.
        assertEquals(bound * bound / 3, sumSq / w.length, 0.05 * bound * bound / 3);
        for (double v : layer.bias().toDoubleArray()) {
            assertTrue(Math.abs(v) <= bound);
        }
    }

    @Test
    void linearInitIsDeterminedByTheSeed() {
        assertArrayEquals(new Linear(3, 2, new Generator(5)).weight().toDoubleArray(),
                new Linear(3, 2, new Generator(5)).weight().toDoubleArray());
        assertTrue(!new Linear(3, 2, new Generator(5)).weight().allClose(new Linear(3, 2, new Generator(6)).weight(), 0, 0));
    }

    @Test
    void linearWithoutBiasHasOnlyAWeight() {
        Linear layer = new Linear(3, 2, false, new Generator(0));
        assertNull(layer.bias());
        assertEquals(1, layer.parameters().size());
        Tensor x = Tensor.ones(1, 3);
        double[] w = layer.weight().toDoubleArray();
        assertEquals(w[0] + w[1] + w[2], layer.forward(x).get(0, 0), 1e-6);
    }

    @Test
    void linearNamesItsShapeWhenTheInputDoesNotFit() {
        Linear layer = new Linear(784, 128, new Generator(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(64, 100)));
        assertEquals("Linear(inFeatures=784, outFeatures=128, bias=true): input of shape [64, 100] must have 784 features"
                + " in its last dim", e.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3, new Generator(0)));
        assertEquals("Linear: inFeatures and outFeatures must be positive, got 0 and 3", size.getMessage());
    }
}
