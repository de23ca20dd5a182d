package dev.jgan.tutorials.covering;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.MinibatchStdDev;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exercise 13: the spread column equals the library's MinibatchStdDev, and a collapsed batch shows it. */
class BatchSpreadExerciseTest {
    /** MinibatchStdDev's own epsilon. */
    private static final double EPS = 1e-8;

    @Test
    void equalsTheLibrarysMinibatchStdDev() {
        Tensor rows = Tensor.randn(new Generator(13), 16, 5);
        Tensor mine = BatchSpread.withSpreadColumn(rows, EPS);
        Tensor library = new MinibatchStdDev().forward(rows);
        assertArrayEquals(new int[]{16, 6}, mine.shape(), "[n, d + 1]");
        assertArrayEquals(library.toFloatArray(), mine.toFloatArray(), 1e-6f);
    }

    @Test
    void aCollapsedBatchHasAlmostNoSpread() {
        Tensor varied = Tensor.randn(new Generator(14), 64, 8);
        Tensor collapsed = varied.narrow(0, 0, 1).expand(64, 8).contiguousCopy();
        double wide = BatchSpread.withSpreadColumn(varied, EPS).narrow(1, 8, 1).toDoubleArray()[0];
        double narrow = BatchSpread.withSpreadColumn(collapsed, EPS).narrow(1, 8, 1).toDoubleArray()[0];
        System.out.printf("exercise 13: spread of 64 varied rows %.3f, of 64 copies of one row %.6f%n", wide, narrow);
        assertEquals(1.0, wide, 0.2, "standard normal features spread by about 1");
        assertEquals(Math.sqrt(EPS), narrow, 1e-6, "identical rows: only eps is left under the root");
    }

    @Test
    void itsGradientIsRightAndFiniteEvenForIdenticalRows() {
        Tensor rows = Tensor.normal(new Generator(15), DType.FLOAT64, 0, 1, 4, 3).requiresGrad(true);
        // Throws, naming the element, where the backward disagrees with finite differences.
        GradCheck.gradcheck(in -> BatchSpread.withSpreadColumn(in.get(0), 1e-3), rows);
        Tensor same = Tensor.ones(DType.FLOAT64, 4, 3).requiresGrad(true);
        BatchSpread.withSpreadColumn(same, EPS).sum().backward();
        for (double g : same.grad().toDoubleArray()) {
            assertTrue(Double.isFinite(g), "a finite gradient where every row is the same");
        }
    }
}
