package dev.jgan.gan.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymmetricEigenTest {

    @Test
    void twoByTwoHasItsTextbookEigenpairs() {
        SymmetricEigen e = SymmetricEigen.of(new double[][]{{2, 1}, {1, 2}});
        assertArrayEquals(new double[]{3, 1}, e.values(), 1e-15);
        double r = Math.sqrt(0.5);
        assertParallel(new double[]{r, r}, e.vectors()[0]);
        assertParallel(new double[]{r, -r}, e.vectors()[1]);
    }

    @Test
    void secondDifferenceMatrixHasItsClosedFormEigenpairs() {
        // Eigenvalues 2 - 2 cos(k pi / 4), eigenvectors sin(j k pi / 4), k = 1..3.
        SymmetricEigen e = SymmetricEigen.of(new double[][]{{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}});
        double s = Math.sqrt(2);
        assertArrayEquals(new double[]{2 + s, 2, 2 - s}, e.values(), 1e-14);
        assertParallel(new double[]{0.5, -s / 2, 0.5}, e.vectors()[0]);
        assertParallel(new double[]{s / 2, 0, -s / 2}, e.vectors()[1]);
        assertParallel(new double[]{0.5, s / 2, 0.5}, e.vectors()[2]);
    }

    @Test
    void repeatedEigenvaluesAndDiagonalMatricesNeedNoRotation() {
        SymmetricEigen e = SymmetricEigen.of(new double[][]{{3, 0, 0}, {0, -1, 0}, {0, 0, 3}});
        assertArrayEquals(new double[]{3, 3, -1}, e.values(), 0);
        assertParallel(new double[]{0, 1, 0}, e.vectors()[2]);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 31, 64})
    void reconstructsRandomSymmetricMatricesWithOrthonormalVectors(int n) {
        double[][] a = randomSymmetric(n, new SplittableRandom(n));
        SymmetricEigen e = SymmetricEigen.of(a);
        double[][] back = e.map(v -> v);
        double scale = frobenius(a);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(a[i][j], back[i][j], 1e-13 * scale, "A[" + i + "][" + j + "]");
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += e.vectors()[i][k] * e.vectors()[j][k];
                }
                assertEquals(i == j ? 1 : 0, dot, 1e-13, "v" + i + " . v" + j);
            }
        }
        for (int i = 1; i < n; i++) {
            assertTrue(e.values()[i - 1] >= e.values()[i], "sorted, largest first");
        }
    }

    @Test
    void sqrtOfARankDeficientCovarianceSquaresBackToIt() {
        // B B^T with B [12, 5]: positive semi-definite with 7 zero eigenvalues, like a covariance
        // of fewer samples than dimensions; rounding makes some of them slightly negative.
        SplittableRandom random = new SplittableRandom(3);
        int n = 12;
        double[][] b = new double[n][5];
        for (double[] row : b) {
            for (int k = 0; k < 5; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double[][] a = FrechetDistance.multiply(b, transpose(b));
        double[][] s = SymmetricEigen.of(a).sqrtPsd();
        double[][] squared = FrechetDistance.multiply(s, s);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(a[i][j], squared[i][j], 1e-9 * frobenius(a), "(sqrt A)^2 vs A at " + i + ", " + j);
                assertEquals(s[i][j], s[j][i], 1e-12, "sqrt A is symmetric");
            }
        }
        for (double v : SymmetricEigen.of(s).values()) {
            assertTrue(v > -1e-7, "sqrt A is positive semi-definite, eigenvalue " + v);
        }
    }

    @Test
    void refusesAMatrixThatIsNotSymmetric() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.of(new double[][]{{1, 2}, {3, 1}}));
        assertTrue(e.getMessage().contains("not symmetric"), e.getMessage());
    }

    @Test
    void refusesNaN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.of(new double[][]{{1, Double.NaN}, {Double.NaN, 1}}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    /** Eigenvectors are defined up to sign. */
    private static void assertParallel(double[] expected, double[] actual) {
        double sign = Math.signum(dot(expected, actual));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], sign * actual[i], 1e-14, "component " + i);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[][] randomSymmetric(int n, SplittableRandom random) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = random.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }
}
