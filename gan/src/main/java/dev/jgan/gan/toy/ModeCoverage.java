package dev.jgan.gan.toy;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

/**
 * The mode-collapse metric of the VEEGAN (Srivastava et al. 2017) and PacGAN (Lin et al. 2018)
 * papers: a generated sample is <em>high quality</em> if it lies within 3 sigma of its nearest
 * mode, and a mode is <em>covered</em> if at least one high-quality sample is nearest to it.
 * The papers draw 2500 samples.
 *
 * @param modesCovered     number of modes with at least one high-quality sample
 * @param modeCount        number of modes of the mixture
 * @param highQualityShare fraction of samples within 3 sigma of their nearest mode
 * @param samplesPerMode   high-quality samples nearest to each mode
 */
public record ModeCoverage(int modesCovered, int modeCount, double highQualityShare, int[] samplesPerMode) {

    /** The number of sigmas within which a sample counts as high quality. */
    public static final double QUALITY_RADIUS_IN_SIGMAS = 3.0;

    /** Scores samples [n, 2] against a mixture. */
    public static ModeCoverage of(GaussianMixture2d mixture, Tensor samples) {
        if (samples.dim() != 2 || samples.size(1) != 2) {
            throw new IllegalArgumentException("ModeCoverage: samples must have shape [n, 2], got "
                    + Shape.format(samples.shape()));
        }
        double[] xy = samples.toDoubleArray();
        int n = samples.size(0);
        int[] perMode = new int[mixture.modeCount()];
        int highQuality = 0;
        double radius = QUALITY_RADIUS_IN_SIGMAS * mixture.sigma();
        for (int i = 0; i < n; i++) {
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int m = 0; m < mixture.modeCount(); m++) {
                double[] mode = mixture.mode(m);
                double d = Math.hypot(xy[2 * i] - mode[0], xy[2 * i + 1] - mode[1]);
                if (d < best) {
                    best = d;
                    nearest = m;
                }
            }
            if (best <= radius) {
                highQuality++;
                perMode[nearest]++;
            }
        }
        int covered = 0;
        for (int count : perMode) {
            if (count > 0) {
                covered++;
            }
        }
        return new ModeCoverage(covered, mixture.modeCount(), n == 0 ? 0.0 : (double) highQuality / n, perMode);
    }

    @Override
    public String toString() {
        return String.format("%d/%d modes, %.1f %% high quality", modesCovered, modeCount, 100 * highQualityShare);
    }
}
