package dev.jgan.gan.metrics;

import java.util.stream.IntStream;

/**
 * The Fréchet (2-Wasserstein) distance between Gaussians fitted to two feature sets (Dowson and
 * Landau 1982; used as FID by Heusel et al. 2017):
 *
 * <pre>  d^2 = |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr sqrt(S1^1/2 S2 S1^1/2)</pre>
 *
 * <p>The last trace is written with the symmetric product S1^1/2 S2 S1^1/2 rather than the
 * usual sqrtm(S1 S2): the two have the same eigenvalues, but the symmetric one is positive
 * semi-definite, so two Jacobi eigendecompositions give its square root without the complex
 * arithmetic scipy's general sqrtm needs. It is FID only on Inception features; here it is "the
 * Fréchet distance on X features", X being whatever {@link FeatureExtractor} made them. It is a
 * biased estimator: two finite samples of one distribution score above 0, more so with fewer
 * samples and more dimensions, which is why reports put a real-versus-real floor beside it.
 */
public final class FrechetDistance {
    private final Gaussian reference;
    private final double[][] referenceSqrt;
    private final double referenceTrace;

    private FrechetDistance(Gaussian reference) {
        this.reference = reference;
        this.referenceSqrt = SymmetricEigen.of(reference.covariance()).sqrtPsd();
        this.referenceTrace = trace(reference.covariance());
    }

    /** Distances to one reference, whose covariance square root is computed once here. */
    public static FrechetDistance to(Gaussian reference) {
        return new FrechetDistance(reference);
    }

    public static double between(Gaussian a, Gaussian b) {
        return to(a).distance(b);
    }

    public static double between(FeatureMatrix a, FeatureMatrix b) {
        a.checkSameWidth("Fréchet distance", b);
        return between(Gaussian.fit(a), Gaussian.fit(b));
    }

    /** The squared distance d^2 (what FID reports, despite the name) from the reference to {@code other}. */
    public double distance(Gaussian other) {
        int d = reference.dims();
        if (other.dims() != d) {
            throw new IllegalArgumentException("Fréchet distance: Gaussians of " + d + " and " + other.dims()
                    + " dimensions");
        }
        double meanTerm = 0;
        for (int k = 0; k < d; k++) {
            double diff = reference.mean()[k] - other.mean()[k];
            meanTerm += diff * diff;
        }
        double[][] product = symmetrize(multiply(multiply(referenceSqrt, other.covariance()), referenceSqrt));
        double[] eigenvalues = SymmetricEigen.of(product).values();
        double traceSqrt = 0;
        for (double v : eigenvalues) {
            traceSqrt += Math.sqrt(Math.max(v, 0));
        }
        return meanTerm + referenceTrace + trace(other.covariance()) - 2 * traceSqrt;
    }

    private static double trace(double[][] m) {
        double t = 0;
        for (int i = 0; i < m.length; i++) {
            t += m[i][i];
        }
        return t;
    }

    /** a b with the inner loop running along rows of b (i-k-j order) so that it streams memory. */
    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int inner = b.length;
        int m = b[0].length;
        double[][] out = new double[n][m];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] row = out[i];
            for (int k = 0; k < inner; k++) {
                double aik = a[i][k];
                if (aik == 0) {
                    continue;
                }
                double[] bk = b[k];
                for (int j = 0; j < m; j++) {
                    row[j] += aik * bk[j];
                }
            }
        });
        return out;
    }

    /** (m + m^T) / 2: S^1/2 C S^1/2 is symmetric in exact arithmetic; this removes the rounding that is not. */
    private static double[][] symmetrize(double[][] m) {
        int n = m.length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (m[i][j] + m[j][i]);
                m[i][j] = v;
                m[j][i] = v;
            }
        }
        return m;
    }
}
