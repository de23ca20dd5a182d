package dev.jgan.cuda.bench;

/** How far a benchmark's result is from its reference, in one number the tables print. */
final class RelativeError {
    private RelativeError() {
    }

    /** max |x - reference| / max |reference|: float32 sums of n terms differ by about n * 1e-7 of that. */
    static double of(float[] reference, float[] x) {
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            scale = Math.max(scale, Math.abs(reference[i]));
            worst = Math.max(worst, Math.abs((double) x[i] - reference[i]));
        }
        return worst / Math.max(scale, Double.MIN_NORMAL);
    }
}
