package dev.jgan.gan.metrics;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by the cyclic Jacobi method (Jacobi
 * 1846; Golub and Van Loan, "Matrix Computations", section 8.5): sweep over every off-diagonal
 * pair (p, q) and rotate rows and columns p, q by the angle that zeroes a_pq. Each rotation keeps
 * the matrix similar to the original and moves weight from the off-diagonal to the diagonal;
 * convergence is quadratic once the off-diagonal is small. Slower than tridiagonal QR (about
 * 6 n^3 flops a sweep, 6 to 10 sweeps) but short, and accurate for the small eigenvalues of the
 * positive semi-definite covariances the Fréchet distance takes square roots of.
 *
 * @param values  eigenvalues, largest first
 * @param vectors {@code vectors[i]} is the unit eigenvector of {@code values[i]}
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
    private static final int MAX_SWEEPS = 100;

    /** Decomposes {@code a} (n x n, symmetric within rounding; left unchanged). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("SymmetricEigen: matrix must be square, row " + i + " has "
                        + a[i].length + " values, not " + n);
            }
            m[i] = a[i].clone();
        }
        double norm = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new IllegalArgumentException("SymmetricEigen: a[" + i + "][" + j + "] = " + m[i][j]
                            + " in a [" + n + ", " + n + "] matrix");
                }
                double asymmetry = Math.abs(m[i][j] - m[j][i]);
                if (!(asymmetry <= 1e-10 * (Math.abs(m[i][j]) + Math.abs(m[j][i])) + Double.MIN_NORMAL)) {
                    throw new IllegalArgumentException("SymmetricEigen: matrix [" + n + ", " + n + "] is not symmetric: a["
                            + i + "][" + j + "] = " + m[i][j] + " but a[" + j + "][" + i + "] = " + m[j][i]);
                }
                norm += m[i][j] * m[i][j];
            }
        }
        // Eigenvectors are the rows of vt (the columns of V, stored transposed so rotations run along rows).
        double[][] vt = new double[n][n];
        for (int i = 0; i < n; i++) {
            vt[i][i] = 1;
        }
        double tolerance = 1e-30 * norm;
        for (int sweep = 0; ; sweep++) {
            double off = offDiagonalSquares(m);
            if (off <= tolerance) {
                break;
            }
            if (sweep == MAX_SWEEPS) {
                throw new ArithmeticException("SymmetricEigen: Jacobi did not converge in " + MAX_SWEEPS + " sweeps on a ["
                        + n + ", " + n + "] matrix (off-diagonal norm " + Math.sqrt(off) + ")");
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, vt, p, q, sweep > 3);
                }
            }
        }
        return sorted(m, vt);
    }

    /**
     * One Jacobi rotation in the (p, q) plane that makes m[p][q] zero (Numerical Recipes' update).
     * After a few sweeps an a_pq below the rounding of both diagonal entries is set to zero
     * instead: rotating by it would change nothing but could keep the sweeps going.
     */
    private static void rotate(double[][] m, double[][] vt, int p, int q, boolean dropNegligible) {
        double apq = m[p][q];
        if (apq == 0) {
            return;
        }
        double small = 100 * Math.abs(apq);
        if (dropNegligible && Math.abs(m[p][p]) + small == Math.abs(m[p][p])
                && Math.abs(m[q][q]) + small == Math.abs(m[q][q])) {
            m[p][q] = 0;
            m[q][p] = 0;
            return;
        }
        double theta = (m[q][q] - m[p][p]) / (2 * apq);
        // The smaller root of t^2 + 2 theta t - 1 = 0: a rotation by at most 45 degrees, which converges.
        double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (Double.isInfinite(theta * theta)) {
            t = 1 / (2 * theta);
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        double[] rowP = m[p];
        double[] rowQ = m[q];
        int n = m.length;
        for (int k = 0; k < n; k++) {
            if (k == p || k == q) {
                continue;
            }
            double akp = rowP[k];
            double akq = rowQ[k];
            double newP = c * akp - s * akq;
            double newQ = s * akp + c * akq;
            rowP[k] = newP;
            rowQ[k] = newQ;
            m[k][p] = newP;
            m[k][q] = newQ;
        }
        rowP[p] -= t * apq;
        rowQ[q] += t * apq;
        rowP[q] = 0;
        rowQ[p] = 0;
        double[] vp = vt[p];
        double[] vq = vt[q];
        for (int k = 0; k < n; k++) {
            double a = vp[k];
            double b = vq[k];
            vp[k] = c * a - s * b;
            vq[k] = s * a + c * b;
        }
    }

    private static double offDiagonalSquares(double[][] m) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                sum += 2 * m[i][j] * m[i][j];
            }
        }
        return sum;
    }

    private static SymmetricEigen sorted(double[][] m, double[][] vt) {
        int n = m.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(m[j][j], m[i][i]));
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        for (int i = 0; i < n; i++) {
            values[i] = m[order[i]][order[i]];
            vectors[i] = vt[order[i]];
        }
        return new SymmetricEigen(values, vectors);
    }

    /** V f(Lambda) V^T: the matrix function f of the decomposed matrix, e.g. its square root. */
    public double[][] map(DoubleUnaryOperator f) {
        int n = values.length;
        double[] fv = new double[n];
        for (int i = 0; i < n; i++) {
            fv[i] = f.applyAsDouble(values[i]);
        }
        double[][] out = new double[n][n];
        for (int e = 0; e < n; e++) {
            double[] v = vectors[e];
            double w = fv[e];
            if (w == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                double wi = w * v[i];
                double[] row = out[i];
                for (int j = 0; j < n; j++) {
                    row[j] += wi * v[j];
                }
            }
        }
        return out;
    }

    /**
     * The principal square root of a positive semi-definite matrix. Eigenvalues that rounding made
     * slightly negative (a covariance of fewer samples than dimensions has exact zeros) count as 0.
     */
    public double[][] sqrtPsd() {
        return map(v -> Math.sqrt(Math.max(v, 0)));
    }
}
